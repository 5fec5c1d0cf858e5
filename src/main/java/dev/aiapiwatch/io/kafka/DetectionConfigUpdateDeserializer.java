package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads detection-config messages into updates of the watch list or the allowlist. A record without
 * a value (a tombstone in the compacted topic) whose key is {@code <type>/<id>} deletes that
 * pattern, entry or group. A message that cannot be read becomes an {@link
 * DetectionConfigUpdate#INVALID} update, which the watch-list match or the allowlist stage sends to
 * the dead letters.
 */
public class DetectionConfigUpdateDeserializer
        implements KafkaRecordDeserializationSchema<DetectionConfigUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(
            ConsumerRecord<byte[], byte[]> record, Collector<DetectionConfigUpdate> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        DetectionConfigUpdate update;
        if (record.value() == null) {
            update = DetectionConfigUpdateJson.fromTombstone(key);
        } else {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            update = DetectionConfigUpdateJson.parse(value);
            update.raw = value;
        }
        update.origin = record.topic();
        update.partition = record.partition();
        update.offset = record.offset();
        out.collect(update);
    }

    @Override
    public TypeInformation<DetectionConfigUpdate> getProducedType() {
        return TypeInformation.of(DetectionConfigUpdate.class);
    }
}
