package dev.aiapiwatch.bench;

import dev.aiapiwatch.AiApiWatchJob;
import dev.aiapiwatch.DetectionOutputs;
import dev.aiapiwatch.DetectionTopology;
import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.io.DeadLetterJson;
import dev.aiapiwatch.io.NdjsonFileSink;
import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.io.TelemetryFiles;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Runs the detection job in the embedded mini cluster on one telemetry file, with the settings of a
 * default run, and reports events per second of the job's net run time (from the job's start to its
 * end, without starting the JVM and the mini cluster) and in steady state, with {@link SteadyRuns}.
 *
 * <p>Usage: {@code JobThroughput FILE EVENTS PARALLELISM discard|file OUTPUT_DIRECTORY WARM_UP_FILE
 * WARM_UP_EVENTS SMALL_FILE SMALL_EVENTS}, where each EVENTS is the number of lines of the file
 * before it; see {@link SteadyRuns} for the warm-up and small files.
 */
public final class JobThroughput {

    private JobThroughput() {}

    public static void main(String[] args) throws Exception {
        SteadyRuns.Measured measured = SteadyRuns.measure("job", args, JobThroughput::run);
        JobExecutionResult result = measured.result();
        long eventsRead = result.<Long>getAccumulatorResult(RunCounters.EVENTS_READ);
        long lines = Long.parseLong(args[1]);
        if (eventsRead != lines) {
            throw new IllegalStateException("the job read " + eventsRead + " lines of " + lines);
        }
        measured.measurement()
                .put("records", result.<Long>getAccumulatorResult(RunCounters.RECORDS))
                .withPeakMemory()
                .print();
        System.exit(0);
    }

    static JobExecutionResult run(Path input, int parallelism, boolean toFile, Path outputs)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(localConfiguration(parallelism));
        DetectionSettings settings = defaultSettings();
        DetectionOutputs outputsOfJob =
                DetectionTopology.build(
                        TelemetryFiles.telemetry(
                                env,
                                List.of(input),
                                new FalconEventParser(1 << 20),
                                settings.maxOutOfOrderness(),
                                Duration.ofMinutes(1)),
                        TelemetryFiles.noConfigUpdates(env),
                        settings);
        if (toFile) {
            Files.createDirectories(outputs);
            Path records = outputs.resolve("records-p" + parallelism + ".ndjson");
            Path deadLetters = outputs.resolve("dead-letters-p" + parallelism + ".ndjson");
            Files.deleteIfExists(records);
            Files.deleteIfExists(deadLetters);
            outputsOfJob
                    .riskRecords()
                    .sinkTo(new NdjsonFileSink<>(records, RiskRecordJson::toJson))
                    .setParallelism(1);
            outputsOfJob
                    .deadLetters()
                    .sinkTo(new NdjsonFileSink<>(deadLetters, DeadLetterJson::toJson))
                    .setParallelism(1);
        } else {
            outputsOfJob.riskRecords().sinkTo(new DiscardingSink<>());
            outputsOfJob.deadLetters().sinkTo(new DiscardingSink<>());
        }
        return env.execute("ai-api-watch benchmark");
    }

    /** Returns the settings of a default run: 1h windows, 1d lookback, 5m disorder, 1h lateness. */
    static DetectionSettings defaultSettings() {
        return defaultSettings(
                Duration.ofHours(1),
                Duration.ofDays(1),
                Duration.ofMinutes(5),
                Duration.ofHours(1));
    }

    static DetectionSettings defaultSettings(
            Duration window,
            Duration lookback,
            Duration maxOutOfOrderness,
            Duration allowedLateness) {
        return new DetectionSettings(
                window,
                lookback,
                maxOutOfOrderness,
                allowedLateness,
                WatchlistFile.builtIn(),
                ProcessRules.builtIn());
    }

    static Configuration localConfiguration(int parallelism) {
        return AiApiWatchJob.embeddedClusterConfiguration(parallelism);
    }
}
