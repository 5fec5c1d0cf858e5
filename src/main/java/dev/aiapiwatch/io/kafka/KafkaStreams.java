package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.config.KafkaOptions.StartingOffsets;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.event.TelemetryWatermarks;
import dev.aiapiwatch.inventory.InventoryEntry;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka ends of the job: telemetry, detection-config updates and aidmaster and userinfo entries
 * in, dead letters out.
 */
public final class KafkaStreams {

    private KafkaStreams() {}

    /**
     * Returns the parsed telemetry. Watermarks are kept per partition, and a partition that sends
     * nothing for {@code idleTimeout} stops holding back the others.
     */
    public static DataStream<FalconEvent> telemetry(
            StreamExecutionEnvironment env,
            KafkaOptions options,
            FalconEventParser parser,
            Duration maxOutOfOrderness,
            Duration idleTimeout) {
        KafkaSourceBuilder<FalconEvent> builder =
                KafkaSource.<FalconEvent>builder()
                        .setBootstrapServers(options.bootstrapServers())
                        .setProperties(options.clientProperties())
                        .setGroupId(options.groupId())
                        .setClientIdPrefix(options.groupId() + "-telemetry")
                        .setStartingOffsets(startingOffsets(options.startingOffsets()))
                        .setDeserializer(new TelemetryRecordDeserializer(parser));
        if (options.telemetryTopicPattern() != null) {
            builder.setTopicPattern(Pattern.compile(options.telemetryTopicPattern()));
        } else {
            builder.setTopics(options.telemetryTopics());
        }
        if (options.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(
                        builder.build(),
                        TelemetryWatermarks.strategy(maxOutOfOrderness, idleTimeout),
                        "Telemetry topic")
                .uid("telemetry-kafka");
    }

    /**
     * Returns the watch-list and allowlist updates of the config topic, read from its beginning on
     * every start so that the broadcast state is rebuilt from the compacted topic. The stream has
     * one reader and declares no event time, so that it never holds back the watermark of the
     * lookups it is connected with.
     */
    public static DataStream<DetectionConfigUpdate> configUpdates(
            StreamExecutionEnvironment env, KafkaOptions options) {
        KafkaSourceBuilder<DetectionConfigUpdate> builder =
                KafkaSource.<DetectionConfigUpdate>builder()
                        .setBootstrapServers(options.bootstrapServers())
                        .setProperties(options.clientProperties())
                        .setGroupId(options.groupId() + "-config")
                        .setClientIdPrefix(options.groupId() + "-config")
                        .setTopics(options.configTopic())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new DetectionConfigUpdateDeserializer());
        if (options.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), noEventTime(), "Config topic")
                .setParallelism(1)
                .uid("config-kafka");
    }

    /**
     * Returns the entries of the aidmaster-userinfo topic, read from its beginning on every start
     * so that the name stages get every entry the compacted topic holds. The source has one reader
     * and emits no watermarks: the caller assigns them.
     */
    public static DataStream<InventoryEntry> aidmasterUserinfo(
            StreamExecutionEnvironment env, KafkaOptions options, int maxLength) {
        KafkaSourceBuilder<InventoryEntry> builder =
                KafkaSource.<InventoryEntry>builder()
                        .setBootstrapServers(options.bootstrapServers())
                        .setProperties(options.clientProperties())
                        .setGroupId(options.groupId() + "-aidmaster-userinfo")
                        .setClientIdPrefix(options.groupId() + "-aidmaster-userinfo")
                        .setTopics(options.aidmasterUserinfoTopic())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new InventoryRecordDeserializer(maxLength));
        if (options.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(
                        builder.build(),
                        WatermarkStrategy.noWatermarks(),
                        "Aidmaster-userinfo topic")
                .setParallelism(1)
                .uid("aidmaster-userinfo-kafka");
    }

    /** Returns the sink that writes dead letters to the dead-letter topic, at least once. */
    public static KafkaSink<DeadLetter> deadLetterSink(KafkaOptions options) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setKafkaProducerConfig(options.clientProperties())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterRecordSerializer(options.deadLetterTopic()))
                .build();
    }

    static OffsetsInitializer startingOffsets(StartingOffsets startingOffsets) {
        switch (startingOffsets.kind()) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case COMMITTED:
                return OffsetsInitializer.committedOffsets();
            case COMMITTED_OR_LATEST:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
            case TIMESTAMP:
                return OffsetsInitializer.timestamp(startingOffsets.timestamp());
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    /**
     * Watermarks for a stream without event time: none, and the source always declares itself idle,
     * so that the operators it feeds take their watermark from their other inputs alone. A source
     * that emitted the end of time instead would release that end of time downstream as soon as the
     * telemetry partitions went idle, closing every window and stranding every timer.
     */
    static <T> WatermarkStrategy<T> noEventTime() {
        return WatermarkStrategy.forGenerator(
                context ->
                        new WatermarkGenerator<T>() {
                            @Override
                            public void onEvent(T event, long timestamp, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.markIdle();
                            }
                        });
    }
}
