package dev.aiapiwatch.allowlist;

import static dev.aiapiwatch.testing.TestAllowlists.entry;
import static dev.aiapiwatch.testing.TestAllowlists.lookup;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.metrics.RunCounters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllowlistFunctionTest {

    private BroadcastOperatorTestHarness<AttributedLookup, DetectionConfigUpdate, AttributedLookup>
            harness;

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void initialAllowlistSuppressesBeforeUpdates() throws Exception {
        open(Allowlist.of(List.of(), List.of(pythonEntry("ds-python"))));

        harness.processElement(lookup(), T0);
        harness.processElement(lookupBy("curl.exe"), T0);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.process.processName)
                .containsExactly("curl.exe");
        assertThat(storedAllowlist()).isNull();
    }

    @Test
    void upsertThenDeleteChangesOutcome() throws Exception {
        Allowlist initial = Allowlist.empty();
        open(initial);

        harness.processElement(lookup(), T0);
        harness.processBroadcastElement(
                DetectionConfigUpdate.allowlistUpsert(pythonEntry("ds-python")), T0);
        harness.processElement(lookupAt(T0 + 1), T0);
        String versionWithEntry = storedAllowlist().version;
        harness.processBroadcastElement(DetectionConfigUpdate.allowlistDelete("ds-python"), T0);
        harness.processElement(lookupAt(T0 + 2), T0);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.lookup.timestamp)
                .containsExactly(T0, T0 + 2);
        assertThat(versionWithEntry).isNotEqualTo(initial.version);
        assertThat(storedAllowlist().version).isEqualTo(initial.version);
        assertThat(suppressedByEntry()).containsExactly(Map.entry("ds-python", 1L));
    }

    @Test
    void hostGroupUpdateAppliesToEntry() throws Exception {
        AllowlistEntry entry = pythonEntry("lab-python");
        entry.hostGroup = "lab";
        open(Allowlist.of(List.of(), List.of(entry)));

        harness.processElement(lookup(), T0);
        harness.processBroadcastElement(
                DetectionConfigUpdate.hostGroupUpsert(
                        new HostGroup("lab", new String[0], new String[] {"DS-LAB-*"})),
                T0);
        harness.processElement(lookupAt(T0 + 1), T0);
        harness.processBroadcastElement(DetectionConfigUpdate.hostGroupDelete("lab"), T0);
        harness.processElement(lookupAt(T0 + 2), T0);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.lookup.timestamp)
                .containsExactly(T0, T0 + 2);
        assertThat(storedAllowlist().entry("lab-python")).isNotNull();
    }

    @Test
    void countsKeptPerEntry() throws Exception {
        AllowlistEntry curl = entry("curl");
        curl.processName = "curl.exe";
        open(Allowlist.of(List.of(), List.of(pythonEntry("python"), curl)));

        harness.processElement(lookup(), T0);
        harness.processElement(lookupBy("curl.exe"), T0);
        harness.processElement(lookup(), T0);
        harness.processElement(lookupBy("node.exe"), T0);

        assertThat(suppressedByEntry())
                .containsExactly(Map.entry("curl", 1L), Map.entry("python", 2L));
        assertThat(accumulators().get(RunCounters.SUPPRESSED_LOOKUPS).getLocalValue())
                .isEqualTo(3L);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void confirmationSuppressedWithoutCount() throws Exception {
        open(Allowlist.of(List.of(), List.of(pythonEntry("python"))));
        AttributedLookup confirmation = lookup();
        confirmation.lookup = confirmation.lookup.confirmedBy("104.18.0.1");

        harness.processElement(lookup(), T0);
        harness.processElement(confirmation, T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(suppressedByEntry()).containsExactly(Map.entry("python", 1L));
    }

    @Test
    void expiredEntryNotApplied() throws Exception {
        AllowlistEntry entry = pythonEntry("ds-python");
        entry.expires = "2026-11-02T10:00:01Z";
        open(Allowlist.of(List.of(), List.of(entry)));

        harness.processElement(lookupAt(T0 + 999), T0);
        harness.processElement(lookupAt(T0 + 1_000), T0);
        harness.processElement(lookupAt(T0 + 1), T0);

        assertThat(harness.extractOutputValues())
                .extracting(lookup -> lookup.lookup.timestamp)
                .containsExactly(T0 + 1_000);
        assertThat(suppressedByEntry()).containsExactly(Map.entry("ds-python", 2L));
    }

    @Test
    void watchlistUpdatesIgnored() throws Exception {
        Allowlist initial = Allowlist.of(List.of(), List.of(pythonEntry("ds-python")));
        open(initial);

        harness.processBroadcastElement(
                DetectionConfigUpdate.watchlistUpsert("*.com", "Everything"), T0);
        harness.processBroadcastElement(DetectionConfigUpdateJson.parse("{\"type\":\"x\"}"), T0);
        harness.processElement(lookup(), T0);

        assertThat(storedAllowlist()).isNull();
        assertThat(deadLetters()).isEmpty();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void invalidUpdateBecomesDeadLetter() throws Exception {
        open(Allowlist.empty());
        AllowlistEntry noOwner = pythonEntry("no-owner");
        noOwner.owner = null;

        harness.processBroadcastElement(DetectionConfigUpdate.allowlistUpsert(noOwner), T0);
        harness.processBroadcastElement(
                DetectionConfigUpdateJson.parse(
                        "{\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"x\","
                                + "\"match\":{\"procesName\":\"python.exe\"}}"),
                T0);
        harness.processElement(lookup(), T0);

        assertThat(deadLetters())
                .extracting(deadLetter -> deadLetter.message)
                .containsExactly(
                        "allowlist entry 'no-owner': missing \"owner\"; name the team or person"
                                + " responsible for the entry, as in \"owner\":"
                                + " \"secops@example.com\"",
                        "unknown condition 'procesName' in \"match\"; use "
                                + AllowlistCondition.fieldList());
        assertThat(deadLetters())
                .extracting(deadLetter -> deadLetter.reason)
                .containsOnly("invalid_config");
        assertThat(storedAllowlist()).isNull();
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void otherSubtasksSendNoDeadLetter() throws Exception {
        harness =
                new BroadcastOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                new AllowlistFunction(Allowlist.empty(), Duration.ofMinutes(15)),
                                List.of(Descriptors.ALLOWLIST)),
                        2,
                        2,
                        1);
        harness.open();

        harness.processBroadcastElement(DetectionConfigUpdate.allowlistUpsert(entry("x")), T0);
        harness.processBroadcastElement(
                DetectionConfigUpdate.allowlistUpsert(pythonEntry("ds-python")), T0);
        harness.processElement(lookup(), T0);

        assertThat(deadLetters()).isEmpty();
        assertThat(storedAllowlist().entry("ds-python")).isNotNull();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void summaryLeavesCountersUntouched() throws Exception {
        open(Allowlist.of(List.of(), List.of(pythonEntry("ds-python"))));

        harness.setProcessingTime(1_000);
        harness.processElement(lookup(), T0);
        harness.setProcessingTime(1_000 + Duration.ofMinutes(15).toMillis());
        harness.processBroadcastElement(DetectionConfigUpdate.allowlistDelete("other"), T0);
        harness.processElement(lookup(), T0);

        assertThat(suppressedByEntry()).containsExactly(Map.entry("ds-python", 2L));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    private void open(Allowlist initial) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new AllowlistFunction(initial, Duration.ofMinutes(15)),
                        Descriptors.ALLOWLIST);
    }

    private Allowlist storedAllowlist() throws Exception {
        return harness.getBroadcastState(Descriptors.ALLOWLIST).get(Descriptors.CURRENT_ALLOWLIST);
    }

    private Map<String, Accumulator<?, ?>> accumulators() {
        return harness.getEnvironment().getAccumulatorRegistry().getUserMap();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> suppressedByEntry() {
        Accumulator<?, ?> counts = accumulators().get(RunCounters.SUPPRESSED_LOOKUPS_BY_ENTRY);
        return (Map<String, Long>) counts.getLocalValue();
    }

    private List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> records = harness.getSideOutput(Descriptors.DEAD_LETTERS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static AllowlistEntry pythonEntry(String id) {
        AllowlistEntry entry = entry(id);
        entry.processName = "python.exe";
        return entry;
    }

    private static AttributedLookup lookupBy(String processName) {
        AttributedLookup lookup = lookup();
        lookup.process.processName = processName;
        lookup.lookup.aid = HOST_B;
        return lookup;
    }

    private static AttributedLookup lookupAt(long timestamp) {
        AttributedLookup lookup = lookup();
        lookup.lookup.timestamp = timestamp;
        return lookup;
    }
}
