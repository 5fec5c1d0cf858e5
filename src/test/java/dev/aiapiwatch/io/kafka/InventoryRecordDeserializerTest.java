package dev.aiapiwatch.io.kafka;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class InventoryRecordDeserializerTest {

    private final InventoryRecordDeserializer deserializer = new InventoryRecordDeserializer(4096);

    private static ConsumerRecord<byte[], byte[]> record(String key, String value, long offset) {
        return new ConsumerRecord<>(
                "aidmaster-userinfo",
                2,
                offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void valueTellsTableByFields() {
        InventoryEntry host =
                deserializer.parse(
                        record(null, TestEvents.aidmaster(HOST_A, "WIN-DEV-01").line(), 0));
        InventoryEntry user =
                deserializer.parse(
                        record(
                                "userinfo/" + USER_SID,
                                " " + TestEvents.userinfo(USER_SID, "alex").line() + "\n",
                                1));

        assertThat(host.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(host.name).isEqualTo("WIN-DEV-01");
        assertThat(user.table).isEqualTo(InventoryTable.USERINFO);
        assertThat(user.name).isEqualTo("alex");
    }

    @Test
    void tombstoneRemovesKeyedEntry() {
        InventoryEntry entry = deserializer.parse(record("aidmaster/" + HOST_A, null, 5));

        assertThat(entry.removed).isTrue();
        assertThat(entry.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(entry.id).isEqualTo(HOST_A);
    }

    @Test
    void badValueKeepsTopicPartitionOffset() {
        InventoryEntry entry = deserializer.parse(record("aidmaster/x", "{\"aid\":", 42));

        assertThat(entry.deadLetter.reason).isEqualTo("invalid_json");
        assertThat(entry.deadLetter.origin).isEqualTo("aidmaster-userinfo");
        assertThat(entry.deadLetter.partition).isEqualTo(2);
        assertThat(entry.deadLetter.position).isEqualTo(42);
    }

    @Test
    void tombstoneWithoutEntryKeyRejected() {
        InventoryEntry entry = deserializer.parse(record(null, null, 8));

        assertThat(entry.deadLetter.reason).isEqualTo("not_aidmaster_or_userinfo");
        assertThat(entry.deadLetter.partition).isEqualTo(2);
        assertThat(entry.deadLetter.position).isEqualTo(8);
    }

    @Test
    void emptyValueRejected() {
        InventoryEntry entry = deserializer.parse(record("aidmaster/x", "", 3));

        assertThat(entry.deadLetter.reason).isEqualTo("empty_record");
    }

    @Test
    void blankValueSkipped() {
        assertThat(deserializer.parse(record(null, "  \n", 4))).isNull();
    }

    @Test
    void tooLongValueRejected() {
        InventoryEntry entry = deserializer.parse(record(null, "x".repeat(5000), 6));

        assertThat(entry.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(entry.deadLetter.partition).isEqualTo(2);
    }
}
