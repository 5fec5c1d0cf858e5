package dev.aiapiwatch.watchlist;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.event.DnsLookup;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchlistMatchFunctionTest {

    private static final Watchlist INITIAL =
            Watchlist.of(
                    List.of(
                            new WatchlistEntry("api.openai.com", "OpenAI"),
                            new WatchlistEntry("*.openai.azure.com", "Azure OpenAI")));

    private BroadcastOperatorTestHarness<DnsLookup, WatchlistUpdate, AiLookup> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new WatchlistMatchFunction(INITIAL), Descriptors.WATCHLIST);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void initialListActiveBeforeUpdates() throws Exception {
        harness.processElement(lookup("API.OpenAI.com."), T0);
        harness.processElement(lookup("contoso.openai.azure.com"), T0);
        harness.processElement(lookup("api.openai.com.evil.example"), T0);
        harness.processElement(lookup("api.anthropic.com"), T0);

        List<AiLookup> matched = harness.extractOutputValues();
        assertThat(matched)
                .extracting(lookup -> lookup.domain)
                .containsExactly("api.openai.com", "contoso.openai.azure.com");
        assertThat(matched)
                .extracting(lookup -> lookup.provider)
                .containsExactly("OpenAI", "Azure OpenAI");
        assertThat(matched)
                .allSatisfy(
                        lookup -> assertThat(lookup.watchlistVersion).isEqualTo(INITIAL.version));
    }

    @Test
    void upsertAddsDomainAtRunTime() throws Exception {
        harness.processElement(lookup("api.anthropic.com"), T0);
        harness.processBroadcastElement(
                WatchlistUpdate.upsert("api.anthropic.com", "Anthropic"), T0);
        harness.processElement(lookup("api.anthropic.com"), T0 + 1);

        List<AiLookup> matched = harness.extractOutputValues();
        assertThat(matched).hasSize(1);
        assertThat(matched.get(0).provider).isEqualTo("Anthropic");
        assertThat(matched.get(0).watchlistVersion).isNotEqualTo(INITIAL.version);
        Watchlist stored =
                harness.getBroadcastState(Descriptors.WATCHLIST).get(Descriptors.CURRENT_WATCHLIST);
        assertThat(stored.size()).isEqualTo(3);
    }

    @Test
    void deleteStopsMatching() throws Exception {
        harness.processBroadcastElement(WatchlistUpdate.delete("api.openai.com"), T0);
        harness.processElement(lookup("api.openai.com"), T0 + 1);
        harness.processElement(lookup("contoso.openai.azure.com"), T0 + 1);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.domain)
                .containsExactly("contoso.openai.azure.com");
    }

    @Test
    void invalidUpdateKeepsCurrentList() throws Exception {
        harness.processBroadcastElement(WatchlistUpdate.upsert("*.com", "Everything"), T0);
        harness.processElement(lookup("example.com"), T0 + 1);
        harness.processElement(lookup("api.openai.com"), T0 + 1);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.domain)
                .containsExactly("api.openai.com");
        assertThat(
                        harness.getBroadcastState(Descriptors.WATCHLIST)
                                .get(Descriptors.CURRENT_WATCHLIST))
                .isNull();
    }

    private static DnsLookup lookup(String domainName) {
        DnsLookup lookup = new DnsLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domainName = domainName;
        lookup.timestamp = T0;
        return lookup;
    }
}
