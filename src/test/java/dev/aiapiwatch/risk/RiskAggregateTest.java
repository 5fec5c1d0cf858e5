package dev.aiapiwatch.risk;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

/** The host and user names of risk records: the first name any lookup of the group carries. */
class RiskAggregateTest {

    private final RiskAggregate aggregate = new RiskAggregate();

    @Test
    void laterLookupSuppliesUserName() {
        RiskAccumulator accumulator = aggregate.createAccumulator();

        aggregate.add(attributed(T0_PLUS_1S, null, null), accumulator);
        aggregate.add(attributed(T0_PLUS_30S, "WIN-DEV-01", "CORP\\alex"), accumulator);
        aggregate.add(attributed(T0_PLUS_30S + 1, "OTHER", "CORP\\other"), accumulator);

        assertThat(accumulator.hostName).isEqualTo("WIN-DEV-01");
        assertThat(accumulator.userName).isEqualTo("CORP\\alex");
        assertThat(accumulator.userSid).isEqualTo(USER_SID);
        assertThat(accumulator.lookupCount).isEqualTo(3);
    }

    @Test
    void mergeTakesMissingUserName() {
        RiskAccumulator first = aggregate.createAccumulator();
        aggregate.add(attributed(T0_PLUS_1S, null, null), first);
        RiskAccumulator second = aggregate.createAccumulator();
        aggregate.add(attributed(T0_PLUS_30S, "WIN-DEV-01", "CORP\\alex"), second);

        RiskAccumulator merged = aggregate.merge(first, second);

        assertThat(merged.hostName).isEqualTo("WIN-DEV-01");
        assertThat(merged.userName).isEqualTo("CORP\\alex");
        assertThat(merged.lookupCount).isEqualTo(2);
    }

    @Test
    void recordWithoutNamesKeepsIds() throws Exception {
        RiskAccumulator accumulator = aggregate.createAccumulator();
        aggregate.add(attributed(T0_PLUS_1S, null, null), accumulator);

        RiskRecord record =
                RiskRecordFunction.toRecord(
                        HashedKey.of("group"), accumulator, new TimeWindow(T0, T0 + 3_600_000));
        JsonNode json = Json.mapper().readTree(RiskRecordJson.toJson(record));

        assertThat(record.hostName).isNull();
        assertThat(record.userName).isNull();
        assertThat(json.path("host").path("id").asText()).isEqualTo(HOST_A);
        assertThat(json.path("host").has("name")).isFalse();
        assertThat(json.path("user").path("id").asText()).isEqualTo(USER_SID);
        assertThat(json.path("user").has("name")).isFalse();
    }

    @Test
    void recordWithNamesWritesThem() throws Exception {
        RiskAccumulator accumulator = aggregate.createAccumulator();
        aggregate.add(attributed(T0_PLUS_1S, "WIN-DEV-01", "CORP\\alex"), accumulator);

        RiskRecord record =
                RiskRecordFunction.toRecord(
                        HashedKey.of("group"), accumulator, new TimeWindow(T0, T0 + 3_600_000));
        JsonNode json = Json.mapper().readTree(RiskRecordJson.toJson(record));

        assertThat(json.at("/host/id").asText()).isEqualTo(HOST_A);
        assertThat(json.at("/host/name").asText()).isEqualTo("WIN-DEV-01");
        assertThat(json.at("/user/id").asText()).isEqualTo(USER_SID);
        assertThat(json.at("/user/name").asText()).isEqualTo("CORP\\alex");
    }

    private static AttributedLookup attributed(long time, String hostName, String userName) {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.platform = "Win";
        lookup.timestamp = time;
        WatchedProcess process = new WatchedProcess();
        process.aid = HOST_A;
        process.processId = "100";
        process.processName = "powershell.exe";
        process.parentName = "explorer.exe";
        process.commandLine = "powershell.exe -File ask.ps1";
        process.userSid = USER_SID;
        process.userName = userName;
        process.hostName = hostName;
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = T0;
        return new AttributedLookup(lookup, process);
    }
}
