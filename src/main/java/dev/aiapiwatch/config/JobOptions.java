package dev.aiapiwatch.config;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.io.AllowlistFile;
import dev.aiapiwatch.io.BundledSample;
import dev.aiapiwatch.io.TelemetryFileEnumerator;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.Watchlist;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The job's command-line options, parsed and validated before the job graph is built. */
public final class JobOptions {

    public static final String INPUT = "--input";
    public static final String OUTPUT = "--output";
    public static final String DEAD_LETTERS = "--dead-letters";
    public static final String WINDOW = "--window";
    public static final String LOOKBACK = "--lookback";
    public static final String MAX_OUT_OF_ORDERNESS = "--max-out-of-orderness";
    public static final String IDLE_TIMEOUT = "--idle-timeout";
    public static final String ALLOWED_LATENESS = "--allowed-lateness";
    public static final String CONFIRM_WITHIN = "--confirm-within";
    public static final String CONFIRM_PORTS = "--confirm-ports";
    public static final String WATCHLIST = "--watchlist";
    public static final String ALLOWLIST = "--allowlist";
    public static final String ALLOWLIST_SUMMARY_INTERVAL = "--allowlist-summary-interval";
    public static final String PARALLELISM = "--parallelism";
    public static final String MAX_LINE_LENGTH = "--max-line-length";
    public static final String TOP = "--top";
    public static final String CHECKPOINT_INTERVAL = "--checkpoint-interval";
    public static final String HELP = "--help";

    public static final String DEFAULT_OUTPUT = "target/ai-api-watch/risk-records.ndjson";
    public static final int DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

    static final List<OptionSpec> GENERAL_SPECS =
            List.of(
                    OptionSpec.repeatable(
                            INPUT,
                            "PATH",
                            "Telemetry to read: a file or a directory of newline-delimited JSON"
                                    + " Falcon events, .gz files too. Repeatable. Files are read in"
                                    + " path order; in a directory, only .ndjson, .jsonl, .json,"
                                    + " .log and .gz files. Default: the sample telemetry bundled"
                                    + " with the job, copied next to the output."),
                    OptionSpec.withValue(
                            OUTPUT,
                            "PATH",
                            "Newline-delimited JSON file for risk records; each write of a record"
                                    + " is a line, and the last line with an id is its final state."
                                    + " Default: "
                                    + DEFAULT_OUTPUT
                                    + "."),
                    OptionSpec.withValue(
                            DEAD_LETTERS,
                            "PATH",
                            "Newline-delimited JSON file for rejected input, one line per rejected"
                                    + " line or record, with the reason. Default: next to the"
                                    + " output, named <output name>.dead-letters.ndjson."),
                    OptionSpec.withValue(
                            WINDOW,
                            "DURATION",
                            "Size of the tumbling event-time windows that records summarise."
                                    + " Default: 1h."),
                    OptionSpec.withValue(
                            LOOKBACK,
                            "DURATION",
                            "How long before a lookup its process may have started and still be"
                                    + " joined. Default: 1d."),
                    OptionSpec.withValue(
                            MAX_OUT_OF_ORDERNESS,
                            "DURATION",
                            "Watermark bound: how far events may arrive out of time order. It is"
                                    + " also how long after a lookup the process event may be"
                                    + " timestamped. Default: 5m."),
                    OptionSpec.withValue(
                            ALLOWED_LATENESS,
                            "DURATION",
                            "How long after its end a window still takes lookups and writes its"
                                    + " record again; later lookups go to the dead letters. A"
                                    + " value below the max out-of-orderness or "
                                    + CONFIRM_WITHIN
                                    + " is raised to it. Default: 1h."),
                    OptionSpec.withValue(
                            IDLE_TIMEOUT,
                            "DURATION",
                            "Processing time after which an input that sends nothing stops"
                                    + " holding back the watermark. Default: 1m."),
                    OptionSpec.withValue(
                            CONFIRM_WITHIN,
                            "DURATION",
                            "How long after an AI lookup an outbound TCP connection of the same"
                                    + " process to one of the resolved addresses confirms it. A"
                                    + " connection exactly that long after still does. Default:"
                                    + " 2m."),
                    OptionSpec.withValue(
                            CONFIRM_PORTS,
                            "PORT[,...]",
                            "Remote ports of connections that may confirm a lookup, such as 443."
                                    + " Default: any port."),
                    OptionSpec.withValue(
                            WATCHLIST,
                            "FILE",
                            "Watch list that replaces the built-in one: one 'pattern,provider'"
                                    + " line per domain, for example 'api.openai.com,OpenAI' or"
                                    + " '*.openai.azure.com,Azure OpenAI'."),
                    OptionSpec.withValue(
                            ALLOWLIST,
                            "FILE",
                            "Allowlist to start with: a JSON file of host groups and entries whose"
                                    + " matching lookups create no risk record (format in the"
                                    + " README). Default: an empty allowlist."),
                    OptionSpec.withValue(
                            ALLOWLIST_SUMMARY_INTERVAL,
                            "DURATION",
                            "Time between the log summaries of lookups suppressed per allowlist"
                                    + " entry, which each subtask writes; 0s turns them off."
                                    + " Default: 15m."),
                    OptionSpec.withValue(
                            PARALLELISM,
                            "N",
                            "Parallelism of the job. Default: the number of CPU cores for local"
                                    + " runs, the cluster's default on a cluster."),
                    OptionSpec.withValue(
                            MAX_LINE_LENGTH,
                            "CHARS",
                            "Longest input line accepted, in characters; longer lines go to the"
                                    + " dead letters. Default: "
                                    + DEFAULT_MAX_LINE_LENGTH
                                    + "."),
                    OptionSpec.withValue(
                            TOP,
                            "N",
                            "Number of records in the table printed at the end of a run; 0"
                                    + " prints none. Default: 20."),
                    OptionSpec.withValue(
                            CHECKPOINT_INTERVAL,
                            "DURATION",
                            "Checkpoint interval. Kafka offsets are committed and buffered"
                                    + " Elasticsearch requests are kept at checkpoints. Default:"
                                    + " the cluster's setting; none for local runs."),
                    OptionSpec.flag(HELP, "Print this help and exit."));

    /** Every option: general, Kafka and Elasticsearch. */
    static final List<OptionSpec> SPECS = allSpecs();

    private boolean help;
    private List<Path> inputs = List.of();
    private Path output;
    private Path deadLetters;
    private Duration window;
    private Duration lookback;
    private Duration maxOutOfOrderness;
    private Duration idleTimeout;
    private Duration allowedLateness;
    private ConfirmSettings confirm;
    private Path watchlistFile;
    private Watchlist watchlist;
    private Path allowlistFile;
    private Allowlist allowlist;
    private Duration allowlistSummaryInterval;
    private int parallelism;
    private int maxLineLength;
    private int top;
    private Duration checkpointInterval;
    private KafkaOptions kafka;
    private ElasticsearchOptions elasticsearch;
    private InventoryOptions inventory;

    private JobOptions() {}

    private static List<OptionSpec> allSpecs() {
        List<OptionSpec> specs = new ArrayList<>(GENERAL_SPECS);
        specs.addAll(InventoryOptions.SPECS);
        specs.addAll(KafkaOptions.SPECS);
        specs.addAll(ElasticsearchOptions.SPECS);
        return List.copyOf(specs);
    }

    /**
     * Parses and validates {@code args}.
     *
     * @throws InvalidOptionException naming the option, the value and what is accepted
     */
    public static JobOptions parse(String[] args) throws InvalidOptionException {
        CommandLine line = CommandLine.parse(args, SPECS);
        JobOptions options = new JobOptions();
        options.help = line.has(HELP);
        if (options.help) {
            return options;
        }

        List<Path> inputs = new ArrayList<>();
        for (String input : line.values(INPUT)) {
            Path path = Path.of(input);
            if (!Files.exists(path)) {
                throw InvalidOptionException.invalidValue(
                        INPUT, input, "an existing file or directory");
            }
            if (Files.isDirectory(path) && !TelemetryFileEnumerator.containsTelemetryFile(path)) {
                // A mistyped folder would otherwise look like a quiet day.
                throw InvalidOptionException.invalidValue(
                        INPUT,
                        input,
                        "a file, or a directory that holds at least one .ndjson, .jsonl, .json,"
                                + " .log or .gz file");
            }
            if (inputs.stream().noneMatch(given -> sameFile(given, path))) {
                inputs.add(path);
            }
        }
        options.inputs = List.copyOf(inputs);

        options.output = outputPath(OUTPUT, line.value(OUTPUT, DEFAULT_OUTPUT));
        options.deadLetters =
                line.has(DEAD_LETTERS)
                        ? outputPath(DEAD_LETTERS, line.value(DEAD_LETTERS, null))
                        : defaultDeadLetters(options.output);
        if (options.deadLetters
                .toAbsolutePath()
                .normalize()
                .equals(options.output.toAbsolutePath().normalize())) {
            throw InvalidOptionException.invalidValue(
                    DEAD_LETTERS, line.value(DEAD_LETTERS, ""), "a path other than " + OUTPUT);
        }

        options.inventory = InventoryOptions.parse(line);
        // Without inputs the bundled sample is read from a copy next to the record file.
        List<Path> readPaths =
                new ArrayList<>(
                        inputs.isEmpty()
                                ? List.of(
                                        options.output
                                                .toAbsolutePath()
                                                .resolveSibling(BundledSample.FILE_NAME))
                                : inputs);
        readPaths.addAll(options.inventory.paths());
        checkNotAnInput(OUTPUT, options.output, readPaths);
        checkNotAnInput(DEAD_LETTERS, options.deadLetters, readPaths);

        options.window = OptionValues.duration(line, WINDOW, "1h", false);
        options.lookback = OptionValues.duration(line, LOOKBACK, "1d", false);
        options.maxOutOfOrderness = OptionValues.duration(line, MAX_OUT_OF_ORDERNESS, "5m", true);
        options.idleTimeout = OptionValues.duration(line, IDLE_TIMEOUT, "1m", false);
        options.allowedLateness = OptionValues.duration(line, ALLOWED_LATENESS, "1h", true);
        options.confirm =
                new ConfirmSettings(
                        OptionValues.duration(line, CONFIRM_WITHIN, "2m", false),
                        OptionValues.ports(line, CONFIRM_PORTS));

        options.watchlistFile = line.has(WATCHLIST) ? Path.of(line.value(WATCHLIST, null)) : null;
        options.watchlist = loadWatchlist(options.watchlistFile);
        options.allowlistFile = line.has(ALLOWLIST) ? Path.of(line.value(ALLOWLIST, null)) : null;
        options.allowlist = loadAllowlist(options.allowlistFile);
        options.allowlistSummaryInterval =
                OptionValues.duration(line, ALLOWLIST_SUMMARY_INTERVAL, "15m", true);
        options.parallelism = OptionValues.wholeNumber(line, PARALLELISM, 0, 1);
        options.maxLineLength =
                OptionValues.wholeNumber(line, MAX_LINE_LENGTH, DEFAULT_MAX_LINE_LENGTH, 1);
        options.top = OptionValues.wholeNumber(line, TOP, 20, 0);
        options.checkpointInterval =
                line.has(CHECKPOINT_INTERVAL)
                        ? OptionValues.duration(line, CHECKPOINT_INTERVAL, null, false)
                        : null;

        checkModes(line);
        options.kafka = KafkaOptions.parse(line);
        options.elasticsearch = ElasticsearchOptions.parse(line);
        return options;
    }

    /** Rejects file options that a Kafka or Elasticsearch option replaces. */
    private static void checkModes(CommandLine line) throws InvalidOptionException {
        if (KafkaOptions.anyGiven(line)) {
            for (String fileOption : List.of(INPUT, DEAD_LETTERS)) {
                if (line.has(fileOption)) {
                    throw new InvalidOptionException(
                            fileOption
                                    + " is for file mode; with "
                                    + KafkaOptions.BOOTSTRAP_SERVERS
                                    + " telemetry comes from "
                                    + KafkaOptions.TELEMETRY_TOPIC
                                    + " and dead letters go to "
                                    + KafkaOptions.DEAD_LETTER_TOPIC
                                    + ".");
                }
            }
        }
        if (ElasticsearchOptions.anyGiven(line) && line.has(OUTPUT)) {
            throw new InvalidOptionException(
                    OUTPUT
                            + " and "
                            + ElasticsearchOptions.URL
                            + " are alternatives: risk records go to a file or to"
                            + " Elasticsearch.");
        }
    }

    /** Returns the help text: usage and every option with its unit and default. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ai-api-watch [options]\n\n")
                .append("Finds scripting runtimes, command-line tools and LOLBins that look up")
                .append(" generative-AI API domains\n")
                .append("in CrowdStrike Falcon telemetry (MITRE ATT&CK T1588.007) and writes")
                .append(" risk records.\n\n")
                .append("Durations are written as 500ms, 30s, 15m, 1h, 1d, 1h30m or ISO-8601")
                .append(" (PT1H).\n\nOptions:\n");
        for (OptionSpec spec : SPECS) {
            if (spec == InventoryOptions.SPECS.get(0)) {
                text.append("\nHost and user names (Falcon aidmaster and userinfo tables, in")
                        .append(" file and Kafka mode):\n");
            } else if (spec == KafkaOptions.SPECS.get(0)) {
                text.append(
                        "\nKafka mode (telemetry, watch-list and allowlist updates from Kafka):\n");
            } else if (spec == ElasticsearchOptions.SPECS.get(0)) {
                text.append("\nElasticsearch (risk records to Elasticsearch):\n");
            }
            spec.appendHelp(text);
        }
        return text.toString();
    }

    public DetectionSettings detectionSettings() {
        return new DetectionSettings(
                window,
                lookback,
                maxOutOfOrderness,
                allowedLateness,
                watchlist,
                ProcessRules.builtIn(),
                confirm,
                allowlist,
                allowlistSummaryInterval);
    }

    public boolean helpRequested() {
        return help;
    }

    /** Returns the input paths, or an empty list when the bundled sample is to be read. */
    public List<Path> inputs() {
        return inputs;
    }

    public Path output() {
        return output;
    }

    public Path deadLetters() {
        return deadLetters;
    }

    public Duration window() {
        return window;
    }

    public Duration lookback() {
        return lookback;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns the file given with {@link #WATCHLIST}, or null for the built-in watch list. */
    public Path watchlistFile() {
        return watchlistFile;
    }

    public Watchlist watchlist() {
        return watchlist;
    }

    /** Returns the file given with {@link #ALLOWLIST}, or null for an empty allowlist. */
    public Path allowlistFile() {
        return allowlistFile;
    }

    public Allowlist allowlist() {
        return allowlist;
    }

    /** Returns the parallelism, or 0 for the environment's default. */
    public int parallelism() {
        return parallelism;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public int top() {
        return top;
    }

    /** Returns the checkpoint interval, or null to keep Flink's configured one. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Returns the Kafka options, or null in file mode. */
    public KafkaOptions kafka() {
        return kafka;
    }

    /** Returns the aidmaster and userinfo files; their list of paths may be empty. */
    public InventoryOptions inventory() {
        return inventory;
    }

    /**
     * Returns whether any aidmaster or userinfo input is given: files, or a topic in Kafka mode.
     */
    public boolean hasInventory() {
        return !inventory.paths().isEmpty()
                || kafka != null && kafka.aidmasterUserinfoTopic() != null;
    }

    /** Returns the Elasticsearch options, or null when records go to a file. */
    public ElasticsearchOptions elasticsearch() {
        return elasticsearch;
    }

    private static Path outputPath(String option, String value) throws InvalidOptionException {
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            throw InvalidOptionException.invalidValue(
                    option, value, "a file path, but it is a directory");
        }
        return path;
    }

    /**
     * Rejects an output path that is an input file or lies in an input directory: the job would
     * empty its own input, or read its own output.
     */
    private static void checkNotAnInput(String option, Path output, List<Path> inputs)
            throws InvalidOptionException {
        Path target = output.toAbsolutePath().normalize();
        for (Path input : inputs) {
            Path source = input.toAbsolutePath().normalize();
            if (target.equals(source) || Files.isDirectory(input) && target.startsWith(source)) {
                throw InvalidOptionException.invalidValue(
                        option,
                        output.toString(),
                        "a path outside the inputs; " + input + " is read as input");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Path defaultDeadLetters(Path output) {
        String name = output.getFileName().toString();
        String stem = name;
        for (String extension : List.of(".ndjson", ".jsonl", ".json")) {
            if (name.endsWith(extension)) {
                stem = name.substring(0, name.length() - extension.length());
                break;
            }
        }
        return output.resolveSibling(stem + ".dead-letters.ndjson");
    }

    private static Watchlist loadWatchlist(Path file) throws InvalidOptionException {
        if (file == null) {
            return WatchlistFile.builtIn();
        }
        if (!Files.isRegularFile(file)) {
            throw InvalidOptionException.invalidValue(
                    WATCHLIST, file.toString(), "an existing file");
        }
        try {
            return WatchlistFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    "Invalid watch list for " + WATCHLIST + ": " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new InvalidOptionException(
                    "Cannot read the watch list "
                            + file
                            + " given with "
                            + WATCHLIST
                            + ": "
                            + e.getMessage());
        }
    }

    private static Allowlist loadAllowlist(Path file) throws InvalidOptionException {
        if (file == null) {
            return Allowlist.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw InvalidOptionException.invalidValue(
                    ALLOWLIST, file.toString(), "an existing file");
        }
        try {
            return AllowlistFile.read(file, true);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    "Invalid allowlist for " + ALLOWLIST + ": " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new InvalidOptionException(
                    "Cannot read the allowlist "
                            + file
                            + " given with "
                            + ALLOWLIST
                            + ": "
                            + e.getMessage());
        }
    }
}
