package dev.aiapiwatch.io;

import static dev.aiapiwatch.testing.TestAllowlists.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.HostGroup;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectionConfigUpdateJsonTest {

    @Test
    void upsertRead() {
        DetectionConfigUpdate update =
                DetectionConfigUpdateJson.parse(
                        "{\"type\":\"watchlist\",\"operation\":\"upsert\","
                                + "\"pattern\":\"api.example.ai\",\"provider\":\"Example AI\"}");

        assertThat(update.type).isEqualTo(DetectionConfigUpdate.WATCHLIST);
        assertThat(update.operation).isEqualTo(DetectionConfigUpdate.UPSERT);
        assertThat(update.id).isEqualTo("api.example.ai");
        assertThat(update.provider).isEqualTo("Example AI");
    }

    @Test
    void deleteWithoutTypeRead() {
        DetectionConfigUpdate update =
                DetectionConfigUpdateJson.parse(
                        "{\"operation\":\"delete\",\"pattern\":\"api.x.ai\"}");

        assertThat(update.type).isEqualTo(DetectionConfigUpdate.WATCHLIST);
        assertThat(update.operation).isEqualTo(DetectionConfigUpdate.DELETE);
        assertThat(update.id).isEqualTo("api.x.ai");
    }

    @Test
    void writtenUpdateReadBack() {
        DetectionConfigUpdate written =
                DetectionConfigUpdate.watchlistUpsert("*.openai.azure.com", "Azure OpenAI");

        DetectionConfigUpdate read =
                DetectionConfigUpdateJson.parse(DetectionConfigUpdateJson.toJson(written));

        assertThat(read.toString()).isEqualTo(written.toString());
        assertThat(DetectionConfigUpdateJson.keyOf(written))
                .isEqualTo("watchlist/*.openai.azure.com");
    }

    @Test
    void allowlistUpsertRead() {
        DetectionConfigUpdate update =
                DetectionConfigUpdateJson.parse(
                        "{\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"ds-notebooks\","
                                + "\"owner\":\"ds@example.com\",\"expires\":\"2027-03-31\","
                                + "\"reason\":\"Approved notebooks\",\"match\":"
                                + "{\"hostGroup\":\"data-science\",\"processName\":\"python.exe\"}}");

        assertThat(update.type).isEqualTo(DetectionConfigUpdate.ALLOWLIST);
        assertThat(update.isUpsert()).isTrue();
        assertThat(update.id).isEqualTo("ds-notebooks");
        AllowlistEntry entry = update.allowlistEntry;
        assertThat(entry.owner).isEqualTo("ds@example.com");
        assertThat(entry.expires).isEqualTo("2027-03-31");
        assertThat(entry.reason).isEqualTo("Approved notebooks");
        assertThat(entry.hostGroup).isEqualTo("data-science");
        assertThat(entry.processName).isEqualTo("python.exe");
        assertThat(entry.domain).isNull();
    }

    @Test
    void allowlistEntryWrittenAndReadBack() {
        AllowlistEntry entry = entry("ds-notebooks");
        entry.reason = "Approved notebooks";
        entry.commandLinePattern = "train\\.py --model \"gpt\"";
        entry.domain = "*.openai.azure.com";
        DetectionConfigUpdate written = DetectionConfigUpdate.allowlistUpsert(entry);

        DetectionConfigUpdate read =
                DetectionConfigUpdateJson.parse(DetectionConfigUpdateJson.toJson(written));

        assertThat(DetectionConfigUpdateJson.keyOf(written)).isEqualTo("allowlist/ds-notebooks");
        assertThat(read.allowlistEntry.toString()).isEqualTo(entry.toString());
        assertThat(read.allowlistEntry.reason).isEqualTo("Approved notebooks");
    }

    @Test
    void hostGroupWrittenAndReadBack() {
        HostGroup group =
                new HostGroup("data-science", new String[] {"aaaa"}, new String[] {"ds-*"});
        DetectionConfigUpdate written = DetectionConfigUpdate.hostGroupUpsert(group);

        DetectionConfigUpdate read =
                DetectionConfigUpdateJson.parse(DetectionConfigUpdateJson.toJson(written));

        assertThat(DetectionConfigUpdateJson.keyOf(written)).isEqualTo("host-group/data-science");
        assertThat(read.type).isEqualTo(DetectionConfigUpdate.HOST_GROUP);
        assertThat(read.id).isEqualTo("data-science");
        assertThat(read.hostGroup.aids).containsExactly("aaaa");
        assertThat(read.hostGroup.hostNamePatterns).containsExactly("ds-*");
    }

    @Test
    void deletesWrittenAndReadBack() {
        for (DetectionConfigUpdate written :
                new DetectionConfigUpdate[] {
                    DetectionConfigUpdate.allowlistDelete("ds-notebooks"),
                    DetectionConfigUpdate.hostGroupDelete("data-science")
                }) {
            DetectionConfigUpdate read =
                    DetectionConfigUpdateJson.parse(DetectionConfigUpdateJson.toJson(written));

            assertThat(read.type).isEqualTo(written.type);
            assertThat(read.operation).isEqualTo(DetectionConfigUpdate.DELETE);
            assertThat(read.id).isEqualTo(written.id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                 | {\"operation\":                          | | not JSON",
                "array                    | [1]                                      | | expected a JSON object",
                "other type               | {\"type\":\"rules\",\"pattern\":\"a.b\"}   | | unknown type 'rules'",
                "repeated field           | {\"pattern\":\"a.b\",\"pattern\":\"c.d\"}  | | Duplicate field 'pattern'",
                "no pattern               | {\"operation\":\"delete\"}                | watchlist | missing pattern",
                "upsert without provider  | {\"operation\":\"upsert\",\"pattern\":\"a.b.c\"} | watchlist | missing provider",
                "unknown operation        | {\"operation\":\"add\",\"pattern\":\"a.b.c\"} | watchlist | operation must be",
                "allowlist without id     | {\"type\":\"allowlist\",\"operation\":\"upsert\",\"owner\":\"o\"} | allowlist | missing id",
                "allowlist delete no id   | {\"type\":\"allowlist\",\"operation\":\"delete\"} | allowlist | missing id",
                "misspelt condition       | {\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"x\",\"match\":{\"procesName\":\"a\"}} | allowlist | unknown condition 'procesName'",
                "unknown entry field      | {\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"x\",\"processName\":\"a\"} | allowlist | unknown field 'processName'",
                "condition not a string   | {\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"x\",\"match\":{\"host\":[\"a\"]}} | allowlist | \"host\" must be a string",
                "match not an object      | {\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"x\",\"match\":\"python.exe\"} | allowlist | \"match\" must be an object",
                "group without name       | {\"type\":\"host-group\",\"operation\":\"upsert\",\"aids\":[\"a\"]} | host-group | missing name",
                "group aids not an array  | {\"type\":\"host-group\",\"operation\":\"upsert\",\"name\":\"g\",\"aids\":\"a\"} | host-group | \"aids\" must be an array of strings",
            })
    void invalidMessageRead(String description, String message, String type, String error) {
        DetectionConfigUpdate update = DetectionConfigUpdateJson.parse(message);

        assertThat(update.isInvalid()).isTrue();
        assertThat(update.type).isEqualTo(type);
        assertThat(update.error).contains(error);
    }

    @Test
    void invalidMessagesSplitBetweenStages() {
        DetectionConfigUpdate unknownType = DetectionConfigUpdateJson.parse("{\"type\":\"x\"}");
        DetectionConfigUpdate invalidEntry =
                DetectionConfigUpdateJson.parse(
                        "{\"type\":\"allowlist\",\"operation\":\"upsert\"}");

        assertThat(unknownType.forWatchlist()).isTrue();
        assertThat(unknownType.forAllowlist()).isFalse();
        assertThat(invalidEntry.forWatchlist()).isFalse();
        assertThat(invalidEntry.forAllowlist()).isTrue();
    }

    @Test
    void tombstoneDeletesPattern() {
        DetectionConfigUpdate update =
                DetectionConfigUpdateJson.fromTombstone("watchlist/api.example.ai");

        assertThat(update.type).isEqualTo(DetectionConfigUpdate.WATCHLIST);
        assertThat(update.operation).isEqualTo(DetectionConfigUpdate.DELETE);
        assertThat(update.id).isEqualTo("api.example.ai");
    }

    @Test
    void tombstoneDeletesEntryAndGroup() {
        DetectionConfigUpdate entry = DetectionConfigUpdateJson.fromTombstone("allowlist/ds-nb");
        DetectionConfigUpdate group = DetectionConfigUpdateJson.fromTombstone("host-group/lab");

        assertThat(entry.type).isEqualTo(DetectionConfigUpdate.ALLOWLIST);
        assertThat(entry.operation).isEqualTo(DetectionConfigUpdate.DELETE);
        assertThat(entry.id).isEqualTo("ds-nb");
        assertThat(group.type).isEqualTo(DetectionConfigUpdate.HOST_GROUP);
        assertThat(group.operation).isEqualTo(DetectionConfigUpdate.DELETE);
        assertThat(group.id).isEqualTo("lab");
    }

    @Test
    void tombstoneWithOtherKeyInvalid() {
        assertThat(DetectionConfigUpdateJson.fromTombstone("api.example.ai").isInvalid()).isTrue();
        assertThat(DetectionConfigUpdateJson.fromTombstone("allowlist/").isInvalid()).isTrue();
        assertThat(DetectionConfigUpdateJson.fromTombstone("rules/x").isInvalid()).isTrue();
        assertThat(DetectionConfigUpdateJson.fromTombstone(null).isInvalid()).isTrue();
        assertThat(DetectionConfigUpdateJson.fromTombstone(null).forWatchlist()).isTrue();
    }
}
