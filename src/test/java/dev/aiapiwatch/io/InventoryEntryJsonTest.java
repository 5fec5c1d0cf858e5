package dev.aiapiwatch.io;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import dev.aiapiwatch.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryEntryJsonTest {

    private static InventoryEntry parse(String line) {
        return InventoryEntryJson.parse(line, "aidmaster.ndjson", 7);
    }

    @Test
    void aidmasterLineBecomesHostEntry() {
        InventoryEntry entry = parse(TestEvents.aidmaster(HOST_A, "WIN-DEV-01").line());

        assertThat(entry.deadLetter).isNull();
        assertThat(entry.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(entry.id).isEqualTo(HOST_A);
        assertThat(entry.name).isEqualTo("WIN-DEV-01");
        assertThat(entry.platform).isEqualTo("Win");
        assertThat(entry.removed).isFalse();
    }

    @Test
    void userinfoLineBecomesUserEntry() {
        InventoryEntry entry = parse(TestEvents.userinfo(USER_SID, "CORP\\alex").line());

        assertThat(entry.deadLetter).isNull();
        assertThat(entry.table).isEqualTo(InventoryTable.USERINFO);
        assertThat(entry.id).isEqualTo(USER_SID);
        assertThat(entry.name).isEqualTo("CORP\\alex");
        assertThat(entry.platform).isNull();
    }

    @Test
    void valuesStrippedAndNumbersRead() {
        InventoryEntry entry =
                parse("{\"aid\": 1234567890, \"ComputerName\": \" build-07 \", \"Time\": 1.5}");

        assertThat(entry.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(entry.id).isEqualTo("1234567890");
        assertThat(entry.name).isEqualTo("build-07");
        assertThat(entry.platform).isNull();
    }

    @Test
    void blankLineIsNoEntry() {
        assertThat(parse("   ")).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"aid\": \"a1\", \"ComputerName\": | invalid_json",
                "not json at all | invalid_json",
                "[\"aid\", \"a1\"] | not_an_object",
                "\"aidmaster\" | not_an_object",
                "{\"aid\": {\"id\": \"a1\"}, \"ComputerName\": \"pc\"} | invalid_field",
                "{\"UserSid\": \"S-1-5-21-1\", \"UserName\": [\"alex\"]} | invalid_field",
                "{\"aid\": \"a1\", \"AgentVersion\": \"7.16\"} | missing_name",
                "{\"aid\": \"a1\", \"ComputerName\": \"\"} | missing_name",
                "{\"UserSid\": \"S-1-5-21-1\", \"UserName\": null} | missing_name",
                "{\"UserName\": \"alex\", \"AccountType\": \"Local User\"} | missing_user_sid",
                "{\"ComputerName\": \"pc\", \"event_platform\": \"Win\"} | missing_aid",
                "{\"cid\": \"c1\", \"AgentVersion\": \"7.16\"} | not_aidmaster_or_userinfo",
                "{} | not_aidmaster_or_userinfo",
            })
    void unusableLineRejected(String line, String reason) {
        InventoryEntry entry = parse(line);

        assertThat(entry.deadLetter).isNotNull();
        assertThat(entry.deadLetter.reason).isEqualTo(reason);
        assertThat(entry.deadLetter.raw).isEqualTo(line);
        assertThat(entry.deadLetter.origin).isEqualTo("aidmaster.ndjson");
        assertThat(entry.deadLetter.position).isEqualTo(7);
        assertThat(entry.table).isNull();
        assertThat(entry.id).isNull();
    }

    @Test
    void telemetryEventRejected() {
        InventoryEntry entry =
                parse(TestEvents.process(HOST_A, "100", TestEvents.PYTHON).at(T0).line());

        assertThat(entry.deadLetter.reason).isEqualTo("not_aidmaster_or_userinfo");
        assertThat(entry.deadLetter.message).contains("ProcessRollup2");
    }

    @Test
    void missingNameMessageNamesEntry() {
        InventoryEntry entry = parse("{\"aid\": \"a1\"}");

        assertThat(entry.deadLetter.message).isEqualTo("aidmaster entry of a1 has no ComputerName");
    }

    @Test
    void tombstoneRemovesAidmasterEntry() {
        InventoryEntry entry = InventoryEntryJson.fromTombstone("aidmaster/" + HOST_A, "t", 3);

        assertThat(entry.deadLetter).isNull();
        assertThat(entry.removed).isTrue();
        assertThat(entry.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(entry.id).isEqualTo(HOST_A);
        assertThat(entry.name).isNull();
    }

    @Test
    void tombstoneRemovesUserinfoEntry() {
        InventoryEntry entry = InventoryEntryJson.fromTombstone("userinfo/" + USER_SID, "t", 3);

        assertThat(entry.removed).isTrue();
        assertThat(entry.table).isEqualTo(InventoryTable.USERINFO);
        assertThat(entry.id).isEqualTo(USER_SID);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {"NULL", "aidmaster/", "watchlist/api.openai.com", HOST_A})
    void tombstoneWithoutEntryKeyRejected(String key) {
        InventoryEntry entry = InventoryEntryJson.fromTombstone(key, "entries-topic", 9);

        assertThat(entry.deadLetter.reason).isEqualTo("not_aidmaster_or_userinfo");
        assertThat(entry.deadLetter.message).contains("'" + key + "'");
        assertThat(entry.deadLetter.origin).isEqualTo("entries-topic");
        assertThat(entry.deadLetter.position).isEqualTo(9);
    }

    @Test
    void keyNamesTableAndId() {
        assertThat(InventoryEntryJson.keyOf(parse(TestEvents.aidmaster(HOST_A, "pc").line())))
                .isEqualTo("aidmaster/" + HOST_A);
        assertThat(InventoryEntryJson.keyOf(parse(TestEvents.userinfo(USER_SID, "alex").line())))
                .isEqualTo("userinfo/" + USER_SID);
    }

    @Test
    void writtenEntryReadsBack() {
        InventoryEntry host = InventoryEntry.of(InventoryTable.AIDMASTER, HOST_A, "pc", "Lin");
        InventoryEntry user = InventoryEntry.of(InventoryTable.USERINFO, USER_SID, "alex", null);

        InventoryEntry readHost = parse(InventoryEntryJson.toJson(host));
        InventoryEntry readUser = parse(InventoryEntryJson.toJson(user));

        assertThat(readHost.table).isEqualTo(InventoryTable.AIDMASTER);
        assertThat(readHost.id).isEqualTo(HOST_A);
        assertThat(readHost.name).isEqualTo("pc");
        assertThat(readHost.platform).isEqualTo("Lin");
        assertThat(readUser.table).isEqualTo(InventoryTable.USERINFO);
        assertThat(readUser.id).isEqualTo(USER_SID);
        assertThat(readUser.name).isEqualTo("alex");
    }

    @Test
    void tooLongLineRejected() {
        InventoryEntry entry = InventoryEntryJson.tooLong("{\"aid\":", 5000, 4096, "f", 2);

        assertThat(entry.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(entry.deadLetter.message)
                .isEqualTo("line has 5000 characters, more than the limit of 4096");
    }
}
