package dev.aiapiwatch.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WatchlistTest {

    private static final WatchlistEntry OPENAI = new WatchlistEntry("api.openai.com", "OpenAI");
    private static final WatchlistEntry ANTHROPIC =
            new WatchlistEntry("api.anthropic.com", "Anthropic");
    private static final WatchlistEntry AZURE =
            new WatchlistEntry("*.openai.azure.com", "Azure OpenAI");

    private static Watchlist threeEntries() {
        return Watchlist.of(List.of(OPENAI, ANTHROPIC, AZURE));
    }

    @Test
    void versionHasDocumentedForm() {
        assertThat(threeEntries().version).matches("wl-[0-9a-f]{12}");
    }

    @Test
    void versionIgnoresEntryOrder() {
        Watchlist reordered = Watchlist.of(List.of(AZURE, OPENAI, ANTHROPIC));

        assertThat(reordered.version).isEqualTo(threeEntries().version);
    }

    @Test
    void versionIgnoresPatternSpelling() {
        Watchlist respelled =
                Watchlist.of(
                        List.of(
                                new WatchlistEntry("API.OpenAI.com.", " OpenAI "),
                                ANTHROPIC,
                                AZURE));

        assertThat(respelled.version).isEqualTo(threeEntries().version);
    }

    @Test
    void versionChangesWithProvider() {
        Watchlist renamed =
                Watchlist.of(
                        List.of(
                                new WatchlistEntry("api.openai.com", "OpenAI, Inc"),
                                ANTHROPIC,
                                AZURE));

        assertThat(renamed.version).isNotEqualTo(threeEntries().version);
    }

    @Test
    void versionChangesWithPattern() {
        Watchlist fewer = Watchlist.of(List.of(OPENAI, ANTHROPIC));

        assertThat(fewer.version).isNotEqualTo(threeEntries().version);
    }

    @Test
    void ofNormalisesEntries() {
        Watchlist watchlist =
                Watchlist.of(List.of(new WatchlistEntry(" API.OpenAI.com. ", "  OpenAI ")));

        assertThat(watchlist.entries).containsExactly(OPENAI);
    }

    @Test
    void ofLaterDuplicateReplacesEarlier() {
        Watchlist watchlist =
                Watchlist.of(
                        List.of(OPENAI, ANTHROPIC, new WatchlistEntry("API.openai.com", "Other")));

        assertThat(watchlist.entries)
                .containsExactly(new WatchlistEntry("api.openai.com", "Other"), ANTHROPIC);
    }

    @Test
    void upsertAddsNewPattern() {
        Watchlist before = Watchlist.of(List.of(OPENAI, ANTHROPIC));

        Watchlist after =
                before.apply(
                        DetectionConfigUpdate.watchlistUpsert(
                                "*.openai.azure.com", "Azure OpenAI"));

        assertThat(after.entries).containsExactly(OPENAI, ANTHROPIC, AZURE);
        assertThat(after.version).isNotEqualTo(before.version);
        assertThat(before.entries).containsExactly(OPENAI, ANTHROPIC);
    }

    @Test
    void upsertReplacesProvider() {
        Watchlist before = threeEntries();

        Watchlist after =
                before.apply(DetectionConfigUpdate.watchlistUpsert("API.OPENAI.COM", "OpenAI API"));

        assertThat(after.entries)
                .containsExactly(
                        new WatchlistEntry("api.openai.com", "OpenAI API"), ANTHROPIC, AZURE);
        assertThat(after.version).isNotEqualTo(before.version);
        assertThat(before.entries).containsExactly(OPENAI, ANTHROPIC, AZURE);
    }

    @Test
    void upsertSameEntryKeepsVersion() {
        Watchlist before = threeEntries();

        Watchlist after =
                before.apply(DetectionConfigUpdate.watchlistUpsert("api.openai.com", "OpenAI"));

        assertThat(after.version).isEqualTo(before.version);
    }

    @Test
    void deleteRemovesPattern() {
        Watchlist before = threeEntries();

        Watchlist after = before.apply(DetectionConfigUpdate.watchlistDelete("*.OpenAI.azure.com"));

        assertThat(after.entries).containsExactly(OPENAI, ANTHROPIC);
        assertThat(after.version).isEqualTo(Watchlist.of(List.of(OPENAI, ANTHROPIC)).version);
        assertThat(before.size()).isEqualTo(3);
    }

    @Test
    void deleteUnknownPatternChangesNothing() {
        Watchlist before = threeEntries();

        Watchlist after = before.apply(DetectionConfigUpdate.watchlistDelete("api.mistral.ai"));

        assertThat(after.entries).containsExactly(OPENAI, ANTHROPIC, AZURE);
        assertThat(after.version).isEqualTo(before.version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "api*.x.com", "api..openai.com"})
    void invalidPatternNamedInMessage(String pattern) {
        List<WatchlistEntry> entries = List.of(OPENAI, new WatchlistEntry(pattern, "Bad"));

        assertThatThrownBy(() -> Watchlist.of(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid domain pattern '" + pattern + "'");
    }

    @Test
    void invalidUpsertRejected() {
        Watchlist watchlist = threeEntries();

        assertThatThrownBy(
                        () ->
                                watchlist.apply(
                                        DetectionConfigUpdate.watchlistUpsert(
                                                "*.com", "Everything")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'*.com'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void watchlistProviderRequired(String provider) {
        List<WatchlistEntry> entries = List.of(new WatchlistEntry("api.openai.com", provider));

        assertThatThrownBy(() -> Watchlist.of(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'api.openai.com' has no provider name");
    }
}
