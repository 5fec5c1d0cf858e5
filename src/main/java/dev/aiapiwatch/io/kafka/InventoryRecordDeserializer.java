package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.io.InventoryEntryJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads messages of the aidmaster-userinfo topic into {@link InventoryEntry entries}. The value is
 * one aidmaster or userinfo object, identified by its fields, and a message without a value (a
 * tombstone) removes the entry its key names, {@code aidmaster/<aid>} or {@code
 * userinfo/<UserSid>}. A message that cannot be used becomes a rejected entry with its topic,
 * partition and offset; nothing here throws.
 */
public class InventoryRecordDeserializer
        implements KafkaRecordDeserializationSchema<InventoryEntry> {

    private static final long serialVersionUID = 1L;

    private final int maxLength;

    /**
     * @param maxLength longest value accepted, in characters
     */
    public InventoryRecordDeserializer(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InventoryEntry> out) {
        InventoryEntry entry = parse(record);
        if (entry != null) {
            out.collect(entry);
        }
    }

    /** Returns the entry of {@code record}, or null for a value of white space only. */
    InventoryEntry parse(ConsumerRecord<byte[], byte[]> record) {
        InventoryEntry entry = read(record);
        if (entry != null && entry.deadLetter != null) {
            entry.deadLetter.atKafkaPartition(record.partition());
        }
        return entry;
    }

    private InventoryEntry read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            String key =
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            return InventoryEntryJson.fromTombstone(key, record.topic(), record.offset());
        }
        if (value.length == 0) {
            return InventoryEntry.rejected(
                    DeadLetter.of(
                            DeadLetterReason.EMPTY_RECORD,
                            "the record has an empty value",
                            "",
                            record.topic(),
                            record.offset()));
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.length() > maxLength) {
            return InventoryEntryJson.tooLong(
                    text.substring(0, Math.min(text.length(), DeadLetter.MAX_RAW_LENGTH)),
                    text.length(),
                    maxLength,
                    record.topic(),
                    record.offset());
        }
        return InventoryEntryJson.parse(text, record.topic(), record.offset());
    }

    @Override
    public TypeInformation<InventoryEntry> getProducedType() {
        return TypeInformation.of(InventoryEntry.class);
    }
}
