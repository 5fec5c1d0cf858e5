package dev.aiapiwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.watchlist.WatchlistUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchlistUpdateJsonTest {

    @Test
    void upsertRead() {
        WatchlistUpdate update =
                WatchlistUpdateJson.parse(
                        "{\"type\":\"watchlist\",\"operation\":\"upsert\","
                                + "\"pattern\":\"api.example.ai\",\"provider\":\"Example AI\"}");

        assertThat(update.operation).isEqualTo(WatchlistUpdate.UPSERT);
        assertThat(update.pattern).isEqualTo("api.example.ai");
        assertThat(update.provider).isEqualTo("Example AI");
    }

    @Test
    void deleteWithoutTypeRead() {
        WatchlistUpdate update =
                WatchlistUpdateJson.parse("{\"operation\":\"delete\",\"pattern\":\"api.x.ai\"}");

        assertThat(update.operation).isEqualTo(WatchlistUpdate.DELETE);
        assertThat(update.pattern).isEqualTo("api.x.ai");
    }

    @Test
    void writtenUpdateReadBack() {
        WatchlistUpdate written = WatchlistUpdate.upsert("*.openai.azure.com", "Azure OpenAI");

        WatchlistUpdate read = WatchlistUpdateJson.parse(WatchlistUpdateJson.toJson(written));

        assertThat(read.toString()).isEqualTo(written.toString());
        assertThat(WatchlistUpdateJson.keyOf(written.pattern))
                .isEqualTo("watchlist/*.openai.azure.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                 | {\"operation\":                          | not JSON",
                "array                    | [1]                                      | expected a JSON object",
                "other type               | {\"type\":\"allowlist\",\"pattern\":\"a.b\"} | unknown type 'allowlist'",
                "no pattern               | {\"operation\":\"delete\"}                | missing pattern",
                "upsert without provider  | {\"operation\":\"upsert\",\"pattern\":\"a.b.c\"} | missing provider",
                "unknown operation        | {\"operation\":\"add\",\"pattern\":\"a.b.c\"} | operation must be",
            })
    void invalidMessageRead(String description, String message, String error) {
        WatchlistUpdate update = WatchlistUpdateJson.parse(message);

        assertThat(update.isInvalid()).isTrue();
        assertThat(update.error).contains(error);
    }

    @Test
    void tombstoneDeletesPattern() {
        WatchlistUpdate update = WatchlistUpdateJson.fromTombstone("watchlist/api.example.ai");

        assertThat(update.operation).isEqualTo(WatchlistUpdate.DELETE);
        assertThat(update.pattern).isEqualTo("api.example.ai");
    }

    @Test
    void tombstoneWithOtherKeyInvalid() {
        assertThat(WatchlistUpdateJson.fromTombstone("api.example.ai").isInvalid()).isTrue();
        assertThat(WatchlistUpdateJson.fromTombstone(null).isInvalid()).isTrue();
    }
}
