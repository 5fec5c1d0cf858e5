package dev.aiapiwatch.io;

import dev.aiapiwatch.inventory.InventoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Files of the Falcon aidmaster and userinfo tables as a stream of entries. */
public final class InventoryFiles {

    private InventoryFiles() {}

    /**
     * Returns the entries of {@code paths}, files or directories, read by one reader in path order.
     * Directories are read like telemetry directories (see {@link TelemetryFileEnumerator}). The
     * source emits no watermarks, so a bounded one emits only the final watermark when it has read
     * everything.
     *
     * @param monitorInterval how often to look for new files, which makes the source unbounded, or
     *     null to read the files once
     */
    public static DataStream<InventoryEntry> entries(
            StreamExecutionEnvironment env,
            List<Path> paths,
            int maxLineLength,
            Duration monitorInterval) {
        FileSource.FileSourceBuilder<InventoryEntry> builder =
                FileSource.forBulkFileFormat(
                                new InventoryFileFormat(maxLineLength),
                                paths.stream()
                                        .map(
                                                path ->
                                                        new org.apache.flink.core.fs.Path(
                                                                path.toUri()))
                                        .toArray(org.apache.flink.core.fs.Path[]::new))
                        .setFileEnumerator(TelemetryFileEnumerator::new)
                        .setSplitAssigner(OrderedSplitAssigner::new);
        if (monitorInterval != null) {
            builder.monitorContinuously(monitorInterval);
        }
        return env.fromSource(
                        builder.build(),
                        WatermarkStrategy.noWatermarks(),
                        "Aidmaster and userinfo files")
                .setParallelism(1)
                .uid("aidmaster-userinfo-files");
    }
}
