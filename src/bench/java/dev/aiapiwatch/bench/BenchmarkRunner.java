package dev.aiapiwatch.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.CommandLine;
import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.config.OptionSpec;
import dev.aiapiwatch.config.OptionValues;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.tools.GenerateTelemetry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs all benchmarks on the same generated input and prints one table. It measures the parse-only
 * floor, the job and the Flink SQL version at parallelism 1 and 2, and the ratios between them. It
 * also measures the cost per event at growing input sizes, the keyed state per entry, the latency
 * from Kafka to Elasticsearch and the micro-benchmarks of the hot functions. Each measurement runs
 * in a JVM of its own, so that one run's compiled code, heap and threads do not change another's
 * figures. The figures are written to {@code results.json} in the output folder too, and each JVM's
 * output to {@code logs/}.
 *
 * <p>{@code scripts/bench.sh} builds the project and starts the local Kafka and Elasticsearch for
 * the latency measurement, then runs this class; run that script rather than this class.
 */
public final class BenchmarkRunner {

    static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.withValue(
                            "--events",
                            "N",
                            "Events in the main input; the scaling runs use multiples of it."
                                    + " Default: 1000000."),
                    OptionSpec.withValue(
                            "--hosts",
                            "N",
                            "Hosts in the main input; scaled with the events. Default: one per"
                                    + " 2000 events, at least 10."),
                    OptionSpec.withValue("--seed", "N", "Seed of the generated input. Default: 1."),
                    OptionSpec.withValue(
                            "--sizes",
                            "LIST",
                            "Multiples of --events for the scaling runs, comma-separated."
                                    + " Default: 1,2,4,8."),
                    OptionSpec.withValue(
                            "--output",
                            "DIRECTORY",
                            "Where inputs, outputs, logs and results.json go. Default:"
                                    + " target/bench."),
                    OptionSpec.withValue(
                            "--bootstrap-servers",
                            "HOST:PORT",
                            "Kafka for the latency measurement; with --elasticsearch-url."),
                    OptionSpec.withValue(
                            "--elasticsearch-url",
                            "URL",
                            "Elasticsearch for the latency measurement; with"
                                    + " --bootstrap-servers."),
                    OptionSpec.withValue(
                            "--local-stack",
                            "SCRIPT",
                            "Starts Kafka and Elasticsearch with SCRIPT start just before the"
                                    + " latency measurement and deletes them with SCRIPT clean"
                                    + " after it, so that they do not run during the others."),
                    OptionSpec.withValue(
                            "--latency-rate",
                            "N",
                            "Events per second written to Kafka while latency is measured."
                                    + " Default: 5000."),
                    OptionSpec.withValue(
                            "--latency-seconds",
                            "N",
                            "How long latency probes are sent. Default: 60."),
                    OptionSpec.flag("--skip-latency", "Do not measure latency."),
                    OptionSpec.flag("--skip-sql", "Do not run the Flink SQL version."),
                    OptionSpec.flag("--skip-jmh", "Do not run the JMH micro-benchmarks."),
                    OptionSpec.flag(
                            "--profile",
                            "Profile the measured job and SQL runs with async-profiler; flame"
                                    + " graphs go to profiles/ in the output folder."),
                    OptionSpec.flag("--help", "Print this help and exit."));

    private static final int PROBES_PER_SECOND = 5;

    /** Events of the input whose run time is taken as the job's start and stop cost. */
    private static final long SMALL_EVENTS = 10_000;

    private final Settings settings;
    private final Path logs;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> measurements = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private List<String> warmUpAndSmall = List.of();
    private int step;
    private int steps;

    private BenchmarkRunner(Settings settings) {
        this.settings = settings;
        this.logs = settings.output.resolve("logs");
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            CommandLine line = CommandLine.parse(args, SPECS);
            if (line.has("--help")) {
                printUsage();
                System.exit(0);
            }
            settings = Settings.of(line);
        } catch (InvalidOptionException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("Run scripts/bench.sh --help for the options.");
            System.exit(2);
            return;
        }
        BenchmarkRunner runner = new BenchmarkRunner(settings);
        boolean passed = runner.run();
        System.exit(passed ? 0 : 1);
    }

    private static void printUsage() {
        System.out.println("Options of the benchmark runner:");
        System.out.print(OptionSpec.help(SPECS));
    }

    private boolean run() throws Exception {
        Files.createDirectories(logs);
        Path inputs = settings.output.resolve("inputs");
        Path outputs = settings.output.resolve("outputs");
        results.put("machine", Machine.describe());
        results.put("settings", settings.describe());

        // Inputs, floor, four job runs, state, and per input size a step, two for sizes above 1.
        steps = 7 + 2 * settings.sizes.size() - (settings.sizes.contains(1) ? 1 : 0);
        steps += settings.skipSql ? 0 : 4;
        steps += settings.latency() ? 1 : 0;
        steps += settings.localStack != null ? 1 : 0;
        steps += settings.skipJmh ? 0 : 1;

        progress("generating inputs under " + inputs);
        Path main = input(inputs, settings.events, settings.hosts, settings.seed);
        long warmUpEvents = Math.max(100_000, Math.min(settings.events, 1_000_000));
        Path warmUp =
                input(
                        inputs,
                        warmUpEvents,
                        (int) Math.max(10, warmUpEvents / 2_000),
                        settings.seed + 1_000);
        Path small = input(inputs, SMALL_EVENTS, 10, settings.seed + 2_000);
        results.put(
                "input",
                Map.of(
                        "events",
                        settings.events,
                        "hosts",
                        settings.hosts,
                        "seed",
                        settings.seed,
                        "bytes",
                        Files.size(main),
                        "warmUpEvents",
                        warmUpEvents,
                        "smallEvents",
                        SMALL_EVENTS));
        // The warm-up and small inputs of each job and SQL run, see SteadyRuns.
        warmUpAndSmall =
                List.of(
                        warmUp.toString(),
                        Long.toString(warmUpEvents),
                        small.toString(),
                        Long.toString(SMALL_EVENTS));

        String events = Long.toString(settings.events);
        String out = outputs.toString();
        measure("floor", "parse floor", ParseFloor.class, false, main.toString());
        for (int parallelism : new int[] {1, 2}) {
            String p = Integer.toString(parallelism);
            for (String sink : new String[] {"discard", "file"}) {
                measure(
                        "job-p" + p + "-" + sink,
                        "ai-api-watch, parallelism " + p + ", " + sink + " sink",
                        JobThroughput.class,
                        true,
                        withWarmUp(main.toString(), events, p, sink, out));
            }
        }
        if (!settings.skipSql) {
            for (String[] run :
                    new String[][] {{"1", "discard"}, {"2", "discard"}, {"1", "file"}}) {
                measure(
                        "sql-p" + run[0] + "-" + run[1],
                        "Flink SQL, parallelism " + run[0] + ", " + run[1] + " sink",
                        SqlJob.class,
                        true,
                        withWarmUp(main.toString(), events, run[0], run[1], out));
            }
            compareRecords(outputs);
        }
        scale(inputs);
        measure("state", "keyed state per entry", StateFootprint.class, false);
        if (settings.latency()) {
            latency();
        }
        if (!settings.skipJmh) {
            microBenchmarks();
        }

        results.put("measurements", measurements);
        results.put("failures", failures);
        Path resultsFile = settings.output.resolve("results.json");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(resultsFile.toFile(), results);
        System.out.println();
        System.out.print(new ResultTable(results, measurements).render());
        System.out.println("Results: " + resultsFile);
        for (String failure : failures) {
            System.out.println("FAILED: " + failure);
        }
        return failures.isEmpty();
    }

    /** Measures the job at each multiple of the input size, hosts growing with the events. */
    private void scale(Path inputs) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int size : settings.sizes) {
            Map<String, Object> measured;
            Map<String, Object> floor;
            if (size == 1) {
                progress("scaling 1x: the measurements of the floor and of parallelism 1");
                measured = measurements.get("job-p1-discard");
                floor = measurements.get("floor");
            } else {
                Path input =
                        input(inputs, settings.events * size, settings.hosts * size, settings.seed);
                // The floor of the same file, since a larger file may read at another speed.
                floor =
                        measure(
                                "floor-" + size + "x",
                                "parse floor at " + size + "x the input",
                                ParseFloor.class,
                                false,
                                input.toString());
                measured =
                        measure(
                                "job-p1-discard-" + size + "x",
                                "ai-api-watch at " + size + "x the input",
                                JobThroughput.class,
                                false,
                                withWarmUp(
                                        input.toString(),
                                        Long.toString(settings.events * size),
                                        "1",
                                        "discard",
                                        settings.output.resolve("outputs").toString()));
            }
            if (measured != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("size", size);
                row.put("events", measured.get("events"));
                row.put("seconds", measured.get("seconds"));
                row.put("eventsPerSecond", measured.get("eventsPerSecond"));
                row.put("steadyEventsPerSecond", measured.get("steadyEventsPerSecond"));
                Object rate =
                        measured.getOrDefault(
                                "steadyEventsPerSecond", measured.get("eventsPerSecond"));
                row.put("nanosecondsPerEvent", 1e9 / ((Number) rate).doubleValue());
                row.put("peakRssMiB", measured.get("peakRssMiB"));
                row.put(
                        "floorEventsPerSecond",
                        floor == null ? null : floor.get("eventsPerSecond"));
                rows.add(row);
            }
        }
        results.put("scaling", rows);
    }

    /**
     * Measures latency, starting Kafka and Elasticsearch first when a stack script is given and
     * deleting them after, whatever the measurement's outcome.
     */
    private void latency() throws Exception {
        if (settings.localStack != null) {
            progress("starting Kafka and Elasticsearch with " + settings.localStack);
            int started = runScript("stack-start", settings.localStack, "start");
            if (started != 0) {
                failures.add(
                        "starting Kafka and Elasticsearch (exit "
                                + started
                                + "); see "
                                + log("stack-start"));
                tail(log("stack-start"));
                runScript("stack-clean", settings.localStack, "clean");
                return;
            }
        }
        try {
            measure(
                    "latency",
                    "latency from Kafka to Elasticsearch at " + settings.latencyRate + " events/s",
                    LatencyProbe.class,
                    false,
                    settings.bootstrapServers,
                    settings.elasticsearchUrl,
                    Integer.toString(settings.latencyRate),
                    Integer.toString(settings.latencySeconds),
                    Integer.toString(PROBES_PER_SECOND));
        } finally {
            if (settings.localStack != null) {
                System.out.println("    stopping Kafka and Elasticsearch and deleting their data");
                runScript("stack-clean", settings.localStack, "clean");
            }
        }
    }

    private int runScript(String name, String script, String argument)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(script, argument)
                        .redirectErrorStream(true)
                        .redirectOutput(log(name).toFile())
                        .start();
        return process.waitFor();
    }

    private void compareRecords(Path outputs) throws IOException {
        progress("comparing the records of the job and the Flink SQL version");
        Path jobRecords = outputs.resolve("records-p1.ndjson");
        Path sqlRecords = outputs.resolve("sql-records-p1.ndjson");
        if (!Files.exists(jobRecords) || !Files.exists(sqlRecords)) {
            failures.add("records comparison: a file run did not write its records");
            return;
        }
        RecordComparison comparison = RecordComparison.compare(jobRecords, sqlRecords);
        Map<String, Object> compared = new LinkedHashMap<>();
        compared.put("jobRecords", comparison.jobRecords);
        compared.put("sqlRecords", comparison.sqlRecords);
        compared.put("same", comparison.same());
        compared.put("differences", comparison.differences.stream().limit(20).toList());
        results.put("recordComparison", compared);
        if (!comparison.same()) {
            failures.add(
                    "records comparison: the job and the Flink SQL version differ in "
                            + comparison.differences.size()
                            + " records; see results.json");
        }
    }

    private void microBenchmarks() throws Exception {
        progress("JMH micro-benchmarks of the hot functions");
        Path jmhResults = settings.output.resolve("jmh.json");
        Files.deleteIfExists(jmhResults);
        int exit =
                runJava(
                        "jmh",
                        "org.openjdk.jmh.Main",
                        false,
                        HotPathBenchmarks.class.getName(),
                        "-f",
                        "1",
                        "-wi",
                        "3",
                        "-w",
                        "2s",
                        "-i",
                        "5",
                        "-r",
                        "2s",
                        "-rf",
                        "json",
                        "-rff",
                        jmhResults.toString());
        if (exit != 0 || !Files.exists(jmhResults)) {
            failures.add("JMH micro-benchmarks (exit " + exit + "); see " + log("jmh"));
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode result : Json.mapper().readTree(jmhResults.toFile())) {
            String benchmark = result.path("benchmark").asText();
            JsonNode primary = result.path("primaryMetric");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", benchmark.substring(benchmark.lastIndexOf('.') + 1));
            row.put("score", primary.path("score").asDouble());
            row.put("error", primary.path("scoreError").asDouble());
            row.put("unit", primary.path("scoreUnit").asText());
            rows.add(row);
        }
        results.put("jmh", rows);
    }

    /**
     * Runs one measurement in a JVM of its own and keeps the figures it prints, or records a
     * failure and returns null.
     */
    private Map<String, Object> measure(
            String name, String description, Class<?> main, boolean profiled, String... args)
            throws Exception {
        progress(description);
        int exit = runJava(name, main.getName(), profiled, args);
        Map<String, Object> measured = null;
        for (String line : Files.readAllLines(log(name), StandardCharsets.UTF_8)) {
            if (line.startsWith(Measurement.PREFIX)) {
                measured =
                        Json.mapper()
                                .readValue(
                                        line.substring(Measurement.PREFIX.length()),
                                        new TypeReference<LinkedHashMap<String, Object>>() {});
            }
        }
        if (exit != 0 || measured == null) {
            failures.add(description + " (exit " + exit + "); see " + log(name));
            tail(log(name));
            return null;
        }
        measurements.put(name, measured);
        System.out.println("    " + summary(measured));
        return measured;
    }

    private int runJava(String name, String mainClass, boolean profiled, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (profiled && settings.profile) {
            command.add(
                    "-D"
                            + Profiling.DIRECTORY_PROPERTY
                            + "="
                            + settings.output.resolve("profiles").toAbsolutePath());
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log(name).toFile())
                        .start();
        try {
            return process.waitFor();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Appends the warm-up and small inputs to the arguments of a job or SQL run. */
    private String[] withWarmUp(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(warmUpAndSmall);
        return all.toArray(String[]::new);
    }

    private Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private static void tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.max(0, lines.size() - 15), lines.size())) {
            System.out.println("    | " + line);
        }
    }

    private static String summary(Map<String, Object> measured) {
        List<String> parts = new ArrayList<>();
        for (String key :
                List.of(
                        "steadyEventsPerSecond",
                        "eventsPerSecond",
                        "seconds",
                        "startStopSeconds",
                        "records",
                        "peakRssMiB",
                        "p50Millis",
                        "p99Millis",
                        "bytesPerBufferedProcess",
                        "bytesPerUnwatchedProcess",
                        "bytesPerPendingLookup",
                        "bytesPerOpenRiskGroup")) {
            Object value = measured.get(key);
            if (value instanceof Number number) {
                parts.add(key + " " + ResultTable.number(number.doubleValue()));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * Returns the generated input with these parameters, writing it first when it is not in the
     * folder yet (it is written under a temporary name and renamed, so a stopped run leaves no
     * partial file behind).
     */
    private static Path input(Path folder, long events, int hosts, long seed) throws IOException {
        Path file =
                folder.resolve(
                        String.format(Locale.ROOT, "fleet-%d-h%d-s%d.ndjson", events, hosts, seed));
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(folder);
        System.out.printf(
                Locale.ROOT, "    writing %s (%,d events)...%n", file.getFileName(), events);
        Path partial = folder.resolve(file.getFileName() + ".partial");
        long started = System.nanoTime();
        GenerateTelemetry.write(
                partial,
                events,
                hosts,
                seed,
                GenerateTelemetry.DEFAULT_SPAN,
                GenerateTelemetry.DEFAULT_DISORDER,
                GenerateTelemetry.DEFAULT_MALFORMED_SHARE);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(
                Locale.ROOT,
                "    wrote %s (%,d MB) in %.1f s%n",
                file.getFileName(),
                Files.size(file) / 1_000_000,
                (System.nanoTime() - started) / 1e9);
        return file;
    }

    private void progress(String what) {
        step++;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        System.out.printf(
                Locale.ROOT,
                "[%d/%d, %d:%02d] %s%n",
                step,
                steps,
                seconds / 60,
                seconds % 60,
                what);
    }

    /** The runner's options, checked. */
    record Settings(
            long events,
            int hosts,
            long seed,
            List<Integer> sizes,
            Path output,
            String bootstrapServers,
            String elasticsearchUrl,
            String localStack,
            int latencyRate,
            int latencySeconds,
            boolean skipSql,
            boolean skipJmh,
            boolean profile) {

        static Settings of(CommandLine line) throws InvalidOptionException {
            long events = OptionValues.longNumber(line, "--events", 1_000_000, 1);
            int hosts =
                    OptionValues.wholeNumber(
                            line,
                            "--hosts",
                            (int) Math.min(Integer.MAX_VALUE, Math.max(10, events / 2_000)),
                            1);
            long seed = OptionValues.longNumber(line, "--seed", 1, Long.MIN_VALUE);

            List<Integer> sizes = new ArrayList<>();
            String sizeList = line.value("--sizes", "1,2,4,8");
            for (String size : sizeList.split(",")) {
                try {
                    int multiple = Integer.parseInt(size.strip());
                    if (multiple > 0 && !sizes.contains(multiple)) {
                        sizes.add(multiple);
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // Reported below.
                }
                throw InvalidOptionException.invalidValue(
                        "--sizes",
                        sizeList,
                        "distinct positive whole numbers separated by commas, such as 1,2,4,8");
            }
            if (sizes.isEmpty()) {
                throw InvalidOptionException.invalidValue(
                        "--sizes",
                        sizeList,
                        "distinct positive whole numbers separated by commas, such as 1,2,4,8");
            }
            sizes.sort(null);

            boolean skipLatency = line.has("--skip-latency");
            String bootstrapServers = skipLatency ? null : line.value("--bootstrap-servers", null);
            String elasticsearchUrl = skipLatency ? null : line.value("--elasticsearch-url", null);
            if (line.has("--local-stack") && bootstrapServers == null && !skipLatency) {
                throw new InvalidOptionException(
                        "--local-stack starts the servers for the latency measurement; give"
                                + " --bootstrap-servers and --elasticsearch-url with it.");
            }
            if ((bootstrapServers == null) != (elasticsearchUrl == null)) {
                throw new InvalidOptionException(
                        "The latency measurement needs both --bootstrap-servers and"
                                + " --elasticsearch-url; give both, or neither to skip it.");
            }

            return new Settings(
                    events,
                    hosts,
                    seed,
                    List.copyOf(sizes),
                    Path.of(line.value("--output", "target/bench")),
                    bootstrapServers,
                    elasticsearchUrl,
                    skipLatency ? null : line.value("--local-stack", null),
                    OptionValues.wholeNumber(line, "--latency-rate", 5_000, 1),
                    OptionValues.wholeNumber(line, "--latency-seconds", 60, 1),
                    line.has("--skip-sql"),
                    line.has("--skip-jmh"),
                    line.has("--profile"));
        }

        boolean latency() {
            return bootstrapServers != null;
        }

        Map<String, Object> describe() {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("events", events);
            described.put("hosts", hosts);
            described.put("seed", seed);
            described.put("sizes", sizes);
            described.put("latency", latency());
            described.put("latencyRate", latencyRate);
            described.put("latencySeconds", latencySeconds);
            described.put("sql", !skipSql);
            described.put("jmh", !skipJmh);
            return described;
        }
    }

    /** The machine, JVM and commit of a benchmark run. */
    static final class Machine {

        private Machine() {}

        static Map<String, Object> describe() {
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            machine.put("cpu", cpuModel());
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("memoryGiB", memoryGiB());
            machine.put(
                    "jvm",
                    System.getProperty("java.vm.name")
                            + " "
                            + System.getProperty("java.runtime.version"));
            machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1 << 20));
            machine.put(
                    "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            machine.put("commit", commit());
            return machine;
        }

        private static String cpuModel() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            } catch (IOException e) {
                // Not Linux: reported as unknown.
            }
            return System.getProperty("os.arch") + " (model unknown)";
        }

        private static double memoryGiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        return Math.round(kib / 1024.0 / 1024.0 * 10) / 10.0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Reported as unknown.
            }
            return -1;
        }

        /** Returns the project's commit, with "-dirty" for uncommitted changes, or "unknown". */
        private static String commit() {
            try {
                Process git =
                        new ProcessBuilder("git", "describe", "--always", "--dirty")
                                .redirectErrorStream(true)
                                .start();
                String described =
                        new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                                .strip();
                return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0
                        ? described
                        : "unknown";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }
}
