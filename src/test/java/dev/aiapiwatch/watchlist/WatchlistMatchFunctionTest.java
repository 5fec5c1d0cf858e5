package dev.aiapiwatch.watchlist;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DnsLookup;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
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

    private BroadcastOperatorTestHarness<DnsLookup, DetectionConfigUpdate, AiLookup> harness;

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
                DetectionConfigUpdate.watchlistUpsert("api.anthropic.com", "Anthropic"), T0);
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
        harness.processBroadcastElement(
                DetectionConfigUpdate.watchlistDelete("api.openai.com"), T0);
        harness.processElement(lookup("api.openai.com"), T0 + 1);
        harness.processElement(lookup("contoso.openai.azure.com"), T0 + 1);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.domain)
                .containsExactly("contoso.openai.azure.com");
    }

    @Test
    void invalidUpdateKeepsCurrentList() throws Exception {
        harness.processBroadcastElement(
                DetectionConfigUpdate.watchlistUpsert("*.com", "Everything"), T0);
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

    @Test
    void allowlistUpdatesIgnored() throws Exception {
        AllowlistEntry entry = new AllowlistEntry();
        entry.id = "ds-python";
        harness.processBroadcastElement(DetectionConfigUpdate.allowlistUpsert(entry), T0);
        harness.processBroadcastElement(
                DetectionConfigUpdateJson.parse(
                        "{\"type\":\"allowlist\",\"operation\":\"upsert\"}"),
                T0);
        harness.processElement(lookup("api.openai.com"), T0 + 1);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(Descriptors.DEAD_LETTERS)).isNull();
        assertThat(
                        harness.getBroadcastState(Descriptors.WATCHLIST)
                                .get(Descriptors.CURRENT_WATCHLIST))
                .isNull();
    }

    @Test
    void messageOfUnknownTypeBecomesDeadLetter() throws Exception {
        harness.processBroadcastElement(
                DetectionConfigUpdateJson.parse("{\"type\":\"rules\"}"), T0);

        assertThat(harness.getSideOutput(Descriptors.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.getValue().reason).isEqualTo("invalid_config");
                            assertThat(record.getValue().message)
                                    .startsWith("unknown type 'rules'");
                        });
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
