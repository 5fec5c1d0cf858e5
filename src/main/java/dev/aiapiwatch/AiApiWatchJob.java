package dev.aiapiwatch;

import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.Expiry;
import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.config.Durations;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.config.MissingCredentialException;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.io.BundledSample;
import dev.aiapiwatch.io.DeadLetterJson;
import dev.aiapiwatch.io.DeadLetterPublisher;
import dev.aiapiwatch.io.FileDeadLetterPublisher;
import dev.aiapiwatch.io.InventoryInputs;
import dev.aiapiwatch.io.NdjsonFileSink;
import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.io.TelemetryFiles;
import dev.aiapiwatch.io.elasticsearch.ElasticsearchSink;
import dev.aiapiwatch.io.elasticsearch.RiskIndexTemplate;
import dev.aiapiwatch.io.kafka.KafkaDeadLetterPublisher;
import dev.aiapiwatch.io.kafka.KafkaStreams;
import dev.aiapiwatch.io.kafka.KafkaTopics;
import dev.aiapiwatch.report.RunSummary;
import dev.aiapiwatch.risk.RiskRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ai-api-watch: builds the sources (telemetry files, or Kafka topics) and the sinks (a record
 * file or Elasticsearch; a dead-letter file or topic) around the detection topology. Run from the
 * command line it uses Flink's embedded mini cluster; submitted to a cluster it runs there.
 */
public final class AiApiWatchJob {

    /**
     * Most parallelism the job can be scaled to from a savepoint: the number of key groups of its
     * keyed state, fixed so that it never changes with the parallelism of a first deployment.
     */
    public static final int MAX_PARALLELISM = 720;

    private static final Logger LOG = LoggerFactory.getLogger(AiApiWatchJob.class);

    private final JobOptions options;

    public AiApiWatchJob(JobOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (InvalidOptionException e) {
            System.err.println("ai-api-watch: " + e.getMessage());
            System.err.println("Run with --help to list the options.");
            System.exit(2);
            return;
        }
        if (options.helpRequested()) {
            System.out.print(JobOptions.helpText());
            return;
        }
        String stopMessage =
                options.kafka() == null
                        ? "ai-api-watch: stopping on a signal to end"
                        : "ai-api-watch: stopping on a signal to end; Kafka offsets are committed"
                                + " only at checkpoints";
        // Standard error, because Log4j's own shutdown hook may already have stopped logging.
        Thread stopLog = new Thread(() -> System.err.println(stopMessage), "log-stop");
        Runtime.getRuntime().addShutdownHook(stopLog);
        int exitCode = 0;
        try {
            new AiApiWatchJob(options).run();
        } catch (StartException e) {
            System.err.println("ai-api-watch: " + e.getMessage());
            exitCode = e.exitCode();
        } catch (ExecutionException e) {
            LOG.error("ai-api-watch failed", e);
            System.err.println("ai-api-watch: the job failed: " + causes(e));
            exitCode = 1;
        }
        Runtime.getRuntime().removeShutdownHook(stopLog);
        // Client libraries may leave threads behind that would keep the JVM alive.
        System.exit(exitCode);
    }

    /**
     * Runs the job. A bounded run (files, or Kafka with {@code --stop-at-latest}) returns when its
     * input is read and every window has fired, and prints a summary; an unbounded one runs until
     * it is cancelled.
     *
     * @throws StartException when an output, Kafka or Elasticsearch is not usable at start
     */
    public JobExecutionResult run() throws Exception {
        long started = System.nanoTime();
        JobExecutionResult result = start().getJobExecutionResult().get();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("ai-api-watch finished in {} ms", elapsedMillis);
        new RunSummary(result, elapsedMillis, options, options.inputs()).print(System.out);
        return result;
    }

    /**
     * Checks the outputs, builds the job and submits it without waiting for it to end.
     *
     * @throws StartException when an output, Kafka or Elasticsearch is not usable at start
     */
    public JobClient start() throws Exception {
        DetectionSettings settings = options.detectionSettings();
        KafkaOptions kafka = options.kafka();
        List<Path> inputs = kafka == null ? fileInputs() : List.of();
        logStart(settings, inputs);
        prepareOutputs();
        return pipeline(inputs).executeAsync("ai-api-watch");
    }

    /**
     * Builds the job's pipeline on {@code inputs} (none in Kafka mode) without checking or touching
     * any input or output.
     */
    StreamExecutionEnvironment pipeline(List<Path> inputs) throws IOException {
        DetectionSettings settings = options.detectionSettings();
        KafkaOptions kafka = options.kafka();
        ElasticsearchOptions elasticsearch = options.elasticsearch();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(options));
        env.setMaxParallelism(MAX_PARALLELISM);
        if (options.checkpointInterval() != null) {
            env.enableCheckpointing(options.checkpointInterval().toMillis());
        }
        FalconEventParser parser = new FalconEventParser(options.maxLineLength());

        DataStream<FalconEvent> telemetry;
        DataStream<DetectionConfigUpdate> configUpdates;
        if (kafka != null) {
            telemetry =
                    KafkaStreams.telemetry(
                            env,
                            kafka,
                            parser,
                            settings.maxOutOfOrderness(),
                            options.idleTimeout());
            // Always a Kafka topic: a finished stream of updates would release the end of time
            // to the lookups whenever the telemetry partitions go idle.
            configUpdates = KafkaStreams.configUpdates(env, kafka);
        } else {
            telemetry =
                    TelemetryFiles.telemetry(
                            env,
                            inputs,
                            parser,
                            settings.maxOutOfOrderness(),
                            options.idleTimeout());
            configUpdates = TelemetryFiles.noConfigUpdates(env);
        }

        DataStream<InventoryEntry> inventory = InventoryInputs.entries(env, options);

        DetectionOutputs outputs =
                DetectionTopology.build(telemetry, configUpdates, inventory, settings);

        addRecordSink(outputs.riskRecords(), elasticsearch, kafka);
        addDeadLetterSink(outputs.deadLetters(), kafka);
        return env;
    }

    private void addRecordSink(
            DataStream<RiskRecord> records,
            ElasticsearchOptions elasticsearch,
            KafkaOptions kafka) {
        if (elasticsearch != null) {
            DeadLetterPublisher rejected =
                    kafka != null
                            ? new KafkaDeadLetterPublisher(kafka)
                            : new FileDeadLetterPublisher(options.deadLetters());
            records.sinkTo(new ElasticsearchSink(elasticsearch, rejected))
                    .uid("risk-record-elasticsearch")
                    .name("Risk records to Elasticsearch");
        } else {
            records.sinkTo(new NdjsonFileSink<>(options.output(), RiskRecordJson::toJson))
                    .setParallelism(1)
                    .uid("risk-record-file")
                    .name("Risk record file");
        }
    }

    private void addDeadLetterSink(DataStream<DeadLetter> deadLetters, KafkaOptions kafka) {
        if (kafka != null) {
            deadLetters
                    .sinkTo(KafkaStreams.deadLetterSink(kafka))
                    .uid("dead-letter-kafka")
                    .name("Dead-letter topic");
        } else {
            deadLetters
                    .sinkTo(new NdjsonFileSink<>(options.deadLetters(), DeadLetterJson::toJson))
                    .setParallelism(1)
                    .uid("dead-letter-file")
                    .name("Dead letter file");
        }
    }

    /** Returns the input files, with the bundled sample copied next to the output when none. */
    private List<Path> fileInputs() throws IOException {
        if (!options.inputs().isEmpty()) {
            return options.inputs();
        }
        Path directory = options.output().toAbsolutePath().getParent();
        return List.of(BundledSample.extractTo(directory));
    }

    /** Empties the output files and checks that Kafka and Elasticsearch respond. */
    private void prepareOutputs() throws StartException, InterruptedException {
        try {
            if (options.kafka() == null) {
                // NOTE: in Flink's application mode a job manager failover runs main again,
                // which empties both files while the restored job does not rewrite records
                // finished before its checkpoint. File output suits bounded runs.
                if (options.elasticsearch() == null) {
                    emptyFile(options.output(), JobOptions.OUTPUT);
                }
                emptyFile(options.deadLetters(), JobOptions.DEAD_LETTERS);
            } else {
                KafkaTopics.checkExist(options.kafka());
            }
            if (options.elasticsearch() != null) {
                RiskIndexTemplate.prepare(options.elasticsearch());
            }
        } catch (MissingCredentialException e) {
            throw new StartException(e.getMessage(), e, 2);
        } catch (IOException e) {
            throw new StartException(e.getMessage(), e, 1);
        }
    }

    private void logStart(DetectionSettings settings, List<Path> inputs) {
        String source =
                options.kafka() != null
                        ? "Kafka: " + options.kafka()
                        : options.inputs().isEmpty()
                                ? "the bundled sample " + inputs
                                : inputs.toString();
        LOG.info(
                "Starting ai-api-watch on {}; window {}, lookback {}, max out-of-orderness {},"
                        + " allowed lateness {}, idle timeout {}; confirmation within {} on"
                        + " ports {}; watch list {} with {} entries from {}",
                source,
                Durations.format(settings.window()),
                Durations.format(settings.lookback()),
                Durations.format(settings.maxOutOfOrderness()),
                Durations.format(settings.windowLateness()),
                Durations.format(options.idleTimeout()),
                Durations.format(settings.confirm().within()),
                settings.confirm().describePorts(),
                settings.watchlist().version,
                settings.watchlist().size(),
                options.watchlistFile() == null ? "the built-in list" : options.watchlistFile());
        logAllowlist(settings);
        if (settings.allowedLateness().compareTo(settings.windowLateness()) < 0) {
            boolean outOfOrderness = settings.windowLateness().equals(settings.maxOutOfOrderness());
            LOG.warn(
                    "{} {} is less than {} {}, so the windows wait {} for late lookups",
                    JobOptions.ALLOWED_LATENESS,
                    Durations.format(settings.allowedLateness()),
                    outOfOrderness ? JobOptions.MAX_OUT_OF_ORDERNESS : JobOptions.CONFIRM_WITHIN,
                    Durations.format(settings.windowLateness()),
                    Durations.format(settings.windowLateness()));
        }
        if (options.hasInventory()) {
            List<String> tables = new ArrayList<>();
            if (!options.inventory().paths().isEmpty()) {
                tables.add("files " + options.inventory());
            }
            if (options.kafka() != null && options.kafka().aidmasterUserinfoTopic() != null) {
                tables.add("topic " + options.kafka().aidmasterUserinfoTopic());
            }
            LOG.info(
                    "Filling host and user names from the aidmaster and userinfo {}",
                    String.join(" and ", tables));
        }
        if (options.elasticsearch() != null) {
            LOG.info(
                    "Writing risk records to Elasticsearch: {}",
                    options.elasticsearch().describe(System.getenv()));
            String unused = options.elasticsearch().unusedCredential(System.getenv());
            if (unused != null) {
                LOG.warn(unused);
            }
        }
    }

    private void logAllowlist(DetectionSettings settings) {
        if (options.allowlistFile() == null) {
            return;
        }
        LOG.info(
                "Allowlist {} with {} entries and {} host groups from {}; {}",
                settings.allowlist().version,
                settings.allowlist().size(),
                settings.allowlist().hostGroups.length,
                options.allowlistFile(),
                settings.allowlistSummaryInterval().isZero()
                        ? "no periodic summaries"
                        : "summaries every "
                                + Durations.format(settings.allowlistSummaryInterval()));
        long now = System.currentTimeMillis();
        for (AllowlistEntry entry : settings.allowlist().entries) {
            if (entry.expiresAt <= now) {
                LOG.warn(
                        "Allowlist entry '{}' (owner {}) expired at {}; it suppresses only lookups"
                                + " timestamped before then",
                        entry.id,
                        entry.owner,
                        Expiry.format(entry.expiresAt));
            }
        }
    }

    /**
     * Settings for the embedded mini cluster; a cluster ignores them, having its own. Every
     * operator of the job must have a uid of its own, as savepoints match state by uid.
     */
    static Configuration flinkConfiguration(JobOptions options) {
        Configuration config = embeddedClusterConfiguration(options.parallelism());
        config.setString("pipeline.auto-generate-uids", "false");
        return config;
    }

    /**
     * Settings for the embedded mini cluster: no Kryo, endpoints on the loopback interface, and the
     * default parallelism when {@code parallelism} is positive.
     */
    public static Configuration embeddedClusterConfiguration(int parallelism) {
        Configuration config = new Configuration();
        // Only classes that Flink serialises without Kryo may flow between operators.
        config.setString("pipeline.generic-types", "false");
        // Keep the embedded cluster's endpoints on the loopback interface.
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("rest.bind-port", "0");
        config.setString("jobmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.host", "127.0.0.1");
        if (parallelism > 0) {
            config.setString("parallelism.default", Integer.toString(parallelism));
        }
        return config;
    }

    /**
     * Returns the messages of {@code error} and its causes, without Flink's wrappers and without a
     * message that contains an earlier one or is contained in it.
     */
    static String causes(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            boolean wrapper =
                    cause instanceof ExecutionException
                            || cause.getClass().getName().startsWith("org.apache.flink.runtime");
            if (message != null
                    && !wrapper
                    && messages.stream()
                            .noneMatch(
                                    earlier ->
                                            earlier.contains(message)
                                                    || message.contains(earlier))) {
                messages.add(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return messages.isEmpty() ? error.toString() : String.join("; caused by: ", messages);
    }

    private static void emptyFile(Path file, String option) throws StartException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new StartException(
                    "cannot write " + file + ", given with " + option + ": " + e, e, 2);
        }
    }

    /** The job cannot start: an output, Kafka or Elasticsearch is not usable. */
    public static final class StartException extends Exception {

        private static final long serialVersionUID = 1L;

        private final int exitCode;

        StartException(String message, Throwable cause, int exitCode) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        /** Returns 2 when an option value is the cause, as for invalid options, else 1. */
        public int exitCode() {
            return exitCode;
        }
    }
}
