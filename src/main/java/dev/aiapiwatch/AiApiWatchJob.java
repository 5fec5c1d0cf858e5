package dev.aiapiwatch;

import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.config.Durations;
import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.event.TelemetryWatermarks;
import dev.aiapiwatch.io.BundledSample;
import dev.aiapiwatch.io.DeadLetterJson;
import dev.aiapiwatch.io.NdjsonFileSink;
import dev.aiapiwatch.io.OrderedSplitAssigner;
import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.io.TelemetryFileEnumerator;
import dev.aiapiwatch.io.TelemetryFileFormat;
import dev.aiapiwatch.report.RunSummary;
import dev.aiapiwatch.watchlist.WatchlistUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ai-api-watch on telemetry files: reads Falcon events, runs the detection and writes risk
 * records and dead letters as newline-delimited JSON, then prints a summary. Run from the command
 * line it uses Flink's embedded mini cluster; submitted to a cluster it runs there.
 */
public final class AiApiWatchJob {

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
        new AiApiWatchJob(options).run();
    }

    /** Runs the job to the end of its input and prints the summary to standard output. */
    public JobExecutionResult run() throws Exception {
        List<Path> inputs = options.inputs();
        boolean sample = inputs.isEmpty();
        if (sample) {
            inputs = List.of(BundledSample.extract());
        }
        DetectionSettings settings = options.detectionSettings();
        LOG.info(
                "Starting ai-api-watch on {}; window {}, lookback {}, max out-of-orderness {};"
                        + " watch list {} with {} entries from {}",
                sample ? "the bundled sample" : inputs,
                Durations.format(settings.window()),
                Durations.format(settings.lookback()),
                Durations.format(settings.maxOutOfOrderness()),
                settings.watchlist().version,
                settings.watchlist().size(),
                options.watchlistFile() == null ? "the built-in list" : options.watchlistFile());
        // NOTE: in Flink's application mode a job manager failover runs main again, which empties
        // both files while the restored job does not rewrite records finished before its
        // checkpoint. File output suits bounded runs; streaming deployments need a durable sink.
        emptyFile(options.output());
        emptyFile(options.deadLetters());

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(options));

        FileSource<FalconEvent> files =
                FileSource.forBulkFileFormat(
                                new TelemetryFileFormat(
                                        new FalconEventParser(options.maxLineLength())),
                                inputs.stream()
                                        .map(
                                                path ->
                                                        new org.apache.flink.core.fs.Path(
                                                                path.toUri()))
                                        .toArray(org.apache.flink.core.fs.Path[]::new))
                        .setFileEnumerator(TelemetryFileEnumerator::new)
                        .setSplitAssigner(OrderedSplitAssigner::new)
                        .build();
        DataStream<FalconEvent> telemetry =
                env.fromSource(
                                files,
                                TelemetryWatermarks.strategy(
                                        settings.maxOutOfOrderness(), options.idleTimeout()),
                                "Telemetry files")
                        .uid("telemetry-files");
        DetectionOutputs outputs =
                DetectionTopology.build(telemetry, noWatchlistUpdates(env), settings);

        outputs.riskRecords()
                .sinkTo(new NdjsonFileSink<>(options.output(), RiskRecordJson::toJson))
                .setParallelism(1)
                .uid("risk-record-file")
                .name("Risk record file");
        outputs.deadLetters()
                .sinkTo(new NdjsonFileSink<>(options.deadLetters(), DeadLetterJson::toJson))
                .setParallelism(1)
                .uid("dead-letter-file")
                .name("Dead letter file");

        long started = System.nanoTime();
        JobExecutionResult result = env.execute("ai-api-watch");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("ai-api-watch finished in {} ms", elapsedMillis);
        new RunSummary(result, elapsedMillis, options, sample ? List.of() : inputs)
                .print(System.out);
        return result;
    }

    /** Settings for the embedded mini cluster; a cluster ignores them, having its own. */
    static Configuration flinkConfiguration(JobOptions options) {
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
        if (options.parallelism() > 0) {
            config.setString("parallelism.default", Integer.toString(options.parallelism()));
        }
        return config;
    }

    /**
     * Returns an empty, finite stream of watch-list updates, because file runs keep the watch list
     * they start with. Flink 2.2's {@code fromData} fails on an empty collection, so one number is
     * generated and filtered out.
     */
    static DataStream<WatchlistUpdate> noWatchlistUpdates(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 0)
                .filter(number -> false)
                .map(number -> new WatchlistUpdate())
                .returns(TypeInformation.of(WatchlistUpdate.class))
                .name("No watch-list updates");
    }

    private static void emptyFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, new byte[0]);
    }
}
