package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.io.WatchlistUpdateJson;
import dev.aiapiwatch.watchlist.WatchlistUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads detection-config messages into watch-list updates. A record without a value (a tombstone in
 * the compacted topic) whose key is {@code watchlist/<pattern>} deletes that pattern. A message
 * that cannot be read becomes an {@link WatchlistUpdate#INVALID} update, which the watch-list
 * function sends to the dead letters.
 */
public class WatchlistUpdateDeserializer
        implements KafkaRecordDeserializationSchema<WatchlistUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<WatchlistUpdate> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        WatchlistUpdate update;
        if (record.value() == null) {
            update = WatchlistUpdateJson.fromTombstone(key);
        } else {
            update = WatchlistUpdateJson.parse(new String(record.value(), StandardCharsets.UTF_8));
            update.raw = new String(record.value(), StandardCharsets.UTF_8);
        }
        update.origin = record.topic();
        update.partition = record.partition();
        update.offset = record.offset();
        out.collect(update);
    }

    @Override
    public TypeInformation<WatchlistUpdate> getProducedType() {
        return TypeInformation.of(WatchlistUpdate.class);
    }
}
