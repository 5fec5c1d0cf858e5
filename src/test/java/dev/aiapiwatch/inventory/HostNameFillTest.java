package dev.aiapiwatch.inventory;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.correlate.Attribution;
import dev.aiapiwatch.keys.HashedKey;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostNameFillTest {

    private KeyedTwoInputStreamOperatorTestHarness<
                    Tuple2<Long, Long>, AttributedLookup, InventoryEntry, AttributedLookup>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new HostNameFill(),
                        InventoryKeys::ofHost,
                        InventoryKeys::ofEntry,
                        HashedKey.TYPE);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void knownNameEmittedAtOnce() throws Exception {
        harness.processElement2(host(HOST_A, "WIN-DEV-01"), T0);
        AttributedLookup lookup = NameFills.lookup(HOST_A, T0_PLUS_1S);

        harness.processElement1(lookup, T0_PLUS_1S);

        List<AttributedLookup> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).process.hostName).isEqualTo("WIN-DEV-01");
        assertThat(out.get(0).process.platform).isEqualTo("Win");
        assertThat(out.get(0).lookup.timestamp).isEqualTo(T0_PLUS_1S);
        assertThat(out.get(0).lookup.domain).isEqualTo("api.openai.com");
        assertThat(out.get(0).process.processName).isEqualTo("powershell.exe");
        assertThat(lookup.process.hostName).isNull();
        assertThat(lookup.process.platform).isNull();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void unattributedLookupStaysUnattributed() throws Exception {
        harness.processElement2(host(HOST_A, "WIN-DEV-01"), T0);
        AttributedLookup known = NameFills.lookup(HOST_A, T0_PLUS_1S);
        AttributedLookup unattributed = AttributedLookup.unattributed(known.lookup, known.process);

        harness.processElement1(unattributed, T0_PLUS_1S);

        AttributedLookup out = harness.extractOutputValues().get(0);
        assertThat(out.process.hostName).isEqualTo("WIN-DEV-01");
        assertThat(out.attribution).isEqualTo(Attribution.UNATTRIBUTED);
    }

    @Test
    void unknownHeldUntilWatermark() throws Exception {
        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_30S), T0_PLUS_30S);

        harness.processBothWatermarks(new Watermark(T0_PLUS_30S - 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(T0_PLUS_30S));
        List<AttributedLookup> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).process.hostName).isNull();
        assertThat(out.get(0).lookup.timestamp).isEqualTo(T0_PLUS_30S);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void entryArrivingLaterReleasesHeld() throws Exception {
        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_1S), T0_PLUS_1S);
        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement1(NameFills.lookup(HOST_B, T0_PLUS_30S), T0_PLUS_30S);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement2(host(HOST_A, "WIN-DEV-01"), T0);

        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.lookup.timestamp)
                .containsExactly(T0_PLUS_1S, T0_PLUS_30S);
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.process.hostName)
                .containsOnly("WIN-DEV-01");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(T0_PLUS_10M));
        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.lookup.aid)
                .containsExactly(HOST_A, HOST_A, HOST_B);
        assertThat(harness.numEventTimeTimers()).isZero();
        // Only the aidmaster entry of HOST_A is left.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void carriedNameKeptAndNotHeld() throws Exception {
        AttributedLookup named = NameFills.lookup(HOST_A, T0_PLUS_1S);
        named.process.hostName = "FROM-EVENT";
        named.process.platform = "Win";

        harness.processElement1(named, T0_PLUS_1S);
        harness.processElement2(host(HOST_A, "FROM-AIDMASTER"), T0);
        harness.processElement1(named, T0_PLUS_30S);

        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.process.hostName)
                .containsExactly("FROM-EVENT", "FROM-EVENT");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lookupBehindWatermarkNotHeld() throws Exception {
        harness.processBothWatermarks(new Watermark(T0_PLUS_10M));

        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_1S), T0_PLUS_1S);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void removalForgetsEntry() throws Exception {
        harness.processElement2(host(HOST_A, "WIN-DEV-01"), T0);
        harness.processElement2(InventoryEntry.removal(InventoryTable.AIDMASTER, HOST_A), T0);
        assertThat(harness.numKeyedStateEntries()).isZero();

        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_30S), T0_PLUS_30S);
        harness.processBothWatermarks(new Watermark(T0_PLUS_30S));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(attributed -> assertThat(attributed.process.hostName).isNull());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void latestEntryWins() throws Exception {
        harness.processElement2(host(HOST_A, "OLD-NAME"), T0);
        harness.processElement2(host(HOST_A, "NEW-NAME"), T0);

        harness.processElement1(NameFills.lookup(HOST_A, T0_PLUS_1S), T0_PLUS_1S);

        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.process.hostName)
                .containsExactly("NEW-NAME");
    }

    private static InventoryEntry host(String aid, String computerName) {
        return InventoryEntry.of(InventoryTable.AIDMASTER, aid, computerName, "Win");
    }
}
