package dev.aiapiwatch.io;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryWatermarks;
import dev.aiapiwatch.io.kafka.KafkaStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The aidmaster and userinfo inputs of the job (files, and in Kafka mode a topic), with the
 * watermarks that decide how long a lookup waits for its host or user name.
 */
public final class InventoryInputs {

    /** How often a Kafka-mode job looks for new files in the aidmaster and userinfo paths. */
    public static final Duration MONITOR_INTERVAL = Duration.ofMinutes(1);

    private InventoryInputs() {}

    /** Returns the entries of every aidmaster and userinfo input, or null when none is given. */
    public static DataStream<InventoryEntry> entries(
            StreamExecutionEnvironment env, JobOptions options) {
        if (!options.hasInventory()) {
            return null;
        }
        KafkaOptions kafka = options.kafka();
        List<Path> paths = options.inventory().paths();
        int maxLength = options.maxLineLength();
        if (kafka == null) {
            // The files emit no watermark until they are read to the end, so lookups whose names
            // are not known yet wait for every entry.
            return InventoryFiles.entries(env, paths, maxLength, null);
        }

        // An unbounded run watches the files for new ones. That also keeps the file source from
        // finishing: a finished input sends the final watermark, which the name stages would
        // pass on to the windows as soon as every telemetry partition was idle.
        Duration monitorInterval = kafka.stopAtLatest() ? null : MONITOR_INTERVAL;
        DataStream<InventoryEntry> entries = null;
        if (!paths.isEmpty()) {
            entries = InventoryFiles.entries(env, paths, maxLength, monitorInterval);
        }
        if (kafka.aidmasterUserinfoTopic() != null) {
            DataStream<InventoryEntry> topic =
                    KafkaStreams.aidmasterUserinfo(env, kafka, maxLength);
            entries = entries == null ? topic : entries.union(topic);
        }
        // Held back while the backlog is read at start, idle for good after that, so that a
        // quiet topic never stalls the windows; see InventoryWatermarks.
        return entries.assignTimestampsAndWatermarks(
                        InventoryWatermarks.idleOnceLoaded(options.idleTimeout()))
                .setParallelism(1)
                .uid("aidmaster-userinfo-watermarks")
                .name("Entry watermarks");
    }
}
