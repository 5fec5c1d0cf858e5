package dev.aiapiwatch.risk;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import org.junit.jupiter.api.Test;

class LateLookupsTest {

    private static final long HOUR = 3_600_000;

    @Test
    void lateLookupRebuiltAsDnsRequest() throws Exception {
        DeadLetter deadLetter = LateLookups.toDeadLetter(attributed(lookup()), HOUR);

        JsonNode raw = Json.mapper().readTree(deadLetter.raw);
        assertThat(deadLetter.reason).isEqualTo("late_event");
        assertThat(deadLetter.message)
                .isEqualTo(
                        "lookup of api.openai.com by python.exe at 2026-11-02T10:00:30.000Z"
                                + " arrived after its window 2026-11-02T10:00:00.000Z had closed");
        assertThat(raw.path("event_simpleName").asText()).isEqualTo("DnsRequest");
        assertThat(raw.path("IP4Records").asText()).isEqualTo("104.18.32.47;");
    }

    @Test
    void lateConfirmationRebuiltAsConnection() throws Exception {
        AiLookup confirmation = lookup().confirmedBy("104.18.32.47");

        DeadLetter deadLetter = LateLookups.toDeadLetter(attributed(confirmation), HOUR);

        JsonNode raw = Json.mapper().readTree(deadLetter.raw);
        assertThat(deadLetter.reason).isEqualTo("late_event");
        assertThat(deadLetter.eventTime).isEqualTo(T0_PLUS_30S);
        assertThat(deadLetter.message)
                .isEqualTo(
                        "connection to 104.18.32.47 confirming the lookup of api.openai.com by"
                                + " python.exe at 2026-11-02T10:00:30.000Z arrived after its"
                                + " window 2026-11-02T10:00:00.000Z had closed");
        assertThat(raw.path("event_simpleName").asText()).isEqualTo("NetworkConnectIP4");
        assertThat(raw.path("aid").asText()).isEqualTo(HOST_A);
        assertThat(raw.path("ContextProcessId").asText()).isEqualTo("100");
        assertThat(raw.path("RemoteAddressIP4").asText()).isEqualTo("104.18.32.47");
        assertThat(raw.path("Protocol").asText()).isEqualTo("6");
        assertThat(raw.path("ConnectionDirection").asText()).isEqualTo("0");
        assertThat(raw.path("timestamp").asText()).isEqualTo(Long.toString(T0_PLUS_30S));
        assertThat(raw.has("RemotePort")).isFalse();
    }

    private static AiLookup lookup() {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.ip4Records = "104.18.32.47;";
        lookup.platform = "Win";
        lookup.timestamp = T0_PLUS_30S;
        return lookup;
    }

    private static AttributedLookup attributed(AiLookup lookup) {
        WatchedProcess process = new WatchedProcess();
        process.aid = HOST_A;
        process.processId = "100";
        process.processName = "python.exe";
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = T0;
        return new AttributedLookup(lookup, process);
    }
}
