package dev.aiapiwatch.io;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.event.TelemetryWatermarks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/** The inputs of file mode: telemetry files and no detection-config updates. */
public final class TelemetryFiles {

    private TelemetryFiles() {}

    /**
     * Returns the parsed events of {@code inputs}, files or directories. One reader takes the files
     * one after another in path order, so that event time rises from file to file when the names
     * sort by time, as Falcon Data Replicator names do. Parallel readers would each start a file of
     * their own, and events of earlier files could arrive after the watermark of later ones.
     */
    public static DataStream<FalconEvent> telemetry(
            StreamExecutionEnvironment env,
            List<Path> inputs,
            FalconEventParser parser,
            Duration maxOutOfOrderness,
            Duration idleTimeout) {
        FileSource<FalconEvent> files =
                FileSource.forBulkFileFormat(
                                new TelemetryFileFormat(parser),
                                inputs.stream()
                                        .map(
                                                path ->
                                                        new org.apache.flink.core.fs.Path(
                                                                path.toUri()))
                                        .toArray(org.apache.flink.core.fs.Path[]::new))
                        .setFileEnumerator(TelemetryFileEnumerator::new)
                        .setSplitAssigner(OrderedSplitAssigner::new)
                        .build();
        return env.fromSource(
                        files,
                        TelemetryWatermarks.strategy(maxOutOfOrderness, idleTimeout),
                        "Telemetry files")
                .setParallelism(1)
                .uid("telemetry-files");
    }

    /**
     * Returns an empty, finite stream of detection-config updates, because file runs keep the watch
     * list and allowlist they start with. Flink 2.2's {@code fromData} fails on an empty
     * collection, so one number is generated and filtered out.
     */
    public static DataStream<DetectionConfigUpdate> noConfigUpdates(
            StreamExecutionEnvironment env) {
        return env.fromSequence(0, 0)
                .uid("config-updates-none-source")
                .flatMap((Long number, Collector<DetectionConfigUpdate> out) -> {})
                .returns(TypeInformation.of(DetectionConfigUpdate.class))
                .uid("config-updates-none")
                .name("No config updates");
    }
}
