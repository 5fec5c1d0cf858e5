package dev.aiapiwatch.correlate;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LookupProcessJoinTest {

    private static final Duration LOOKBACK = Duration.ofHours(1);
    private static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);

    private KeyedTwoInputStreamOperatorTestHarness<
                    Tuple2<Long, Long>, AiLookup, WatchedProcess, AttributedLookup>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new LookupProcessJoin(
                                LOOKBACK, MAX_OUT_OF_ORDERNESS, ProcessRules.builtIn()),
                        ProcessKeys::ofLookup,
                        ProcessKeys::ofProcess,
                        HashedKey.TYPE);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void processBeforeLookupJoins() throws Exception {
        harness.processElement2(process(HOST_A, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);

        List<AttributedLookup> joined = harness.extractOutputValues();
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).process.processName).isEqualTo("python.exe");
        assertThat(joined.get(0).lookup.timestamp).isEqualTo(T0_PLUS_30S);
        assertDrainsAfter(T0 + LOOKBACK.toMillis());
    }

    @Test
    void processArrivingAfterLookupJoins() throws Exception {
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement2(process(HOST_A, "100", T0), T0);

        List<AttributedLookup> joined = harness.extractOutputValues();
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).lookup.timestamp).isEqualTo(T0_PLUS_30S);
        assertDrainsAfter(T0 + LOOKBACK.toMillis());
    }

    @Test
    void processTimestampedAfterLookupJoins() throws Exception {
        harness.processElement1(lookup(HOST_A, "100", T0), T0);
        harness.processElement2(process(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(joined -> assertThat(joined.isUnattributed()).isFalse());
        assertDrainsAfter(T0_PLUS_30S + LOOKBACK.toMillis());
    }

    @Test
    void sameProcessIdOnOtherHostNotJoined() throws Exception {
        harness.processElement2(process(HOST_B, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);
        harness.processWatermark1(new Watermark(T0_PLUS_30S + MAX_OUT_OF_ORDERNESS.toMillis()));
        harness.processWatermark2(new Watermark(T0_PLUS_30S + MAX_OUT_OF_ORDERNESS.toMillis()));

        assertThat(attributed()).isEmpty();
        assertThat(unattributedHosts()).containsExactly(HOST_A);
        assertDrainsAfter(T0 + LOOKBACK.toMillis());
    }

    @Test
    void processJustInsideLookbackJoins() throws Exception {
        long lookupTime = T0 + LOOKBACK.toMillis();
        harness.processElement2(process(HOST_A, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", lookupTime), lookupTime);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertDrainsAfter(lookupTime + MAX_OUT_OF_ORDERNESS.toMillis());
    }

    @Test
    void processJustOutsideLookbackNotJoined() throws Exception {
        long lookupTime = T0 + LOOKBACK.toMillis() + 1;
        harness.processElement2(process(HOST_A, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", lookupTime), lookupTime);
        harness.processBothWatermarks(new Watermark(lookupTime + MAX_OUT_OF_ORDERNESS.toMillis()));

        assertThat(attributed()).isEmpty();
        assertThat(unattributedHosts()).containsExactly(HOST_A);
        assertDrainsAfter(lookupTime + MAX_OUT_OF_ORDERNESS.toMillis());
    }

    @Test
    void processTooLateAfterLookupNotJoined() throws Exception {
        long processTime = T0 + MAX_OUT_OF_ORDERNESS.toMillis() + 1;
        harness.processElement1(lookup(HOST_A, "100", T0), T0);
        harness.processElement2(process(HOST_A, "100", processTime), processTime);

        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new Watermark(T0 + MAX_OUT_OF_ORDERNESS.toMillis()));
        assertThat(unattributedHosts()).containsExactly(HOST_A);
        assertDrainsAfter(processTime + LOOKBACK.toMillis());
    }

    @Test
    void repeatedProcessEventCountedOnce() throws Exception {
        harness.processElement2(process(HOST_A, "100", T0), T0);
        harness.processElement2(process(HOST_A, "100", T0_PLUS_1S), T0_PLUS_1S);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);

        List<AttributedLookup> joined = harness.extractOutputValues();
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).process.timestamp).isEqualTo(T0);
        assertDrainsAfter(T0_PLUS_1S + LOOKBACK.toMillis());
    }

    @Test
    void severalLookupsJoinOneProcess() throws Exception {
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_1S), T0_PLUS_1S);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement2(process(HOST_A, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_10M), T0_PLUS_10M);

        assertThat(harness.extractOutputValues())
                .extracting(attributed -> attributed.lookup.timestamp)
                .containsExactly(T0_PLUS_1S, T0_PLUS_30S, T0_PLUS_10M);
        assertDrainsAfter(T0 + LOOKBACK.toMillis());
    }

    @Test
    void lookupOfUnwatchedProcessNotReported() throws Exception {
        harness.processElement2(WatchedProcess.unwatched(HOST_A, "100", T0), T0);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_10M), T0_PLUS_10M);

        assertDrainsAfter(T0 + LOOKBACK.toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void unwatchedProcessArrivingAfterLookupEndsIt() throws Exception {
        harness.processElement1(lookup(HOST_A, "100", T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement2(WatchedProcess.unwatched(HOST_A, "100", T0), T0);

        assertDrainsAfter(T0 + LOOKBACK.toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void unattributedLookupNamedByContextBaseFileName() throws Exception {
        AiLookup named = lookup(HOST_A, "100", T0);
        named.contextBaseFileName = "Python3.EXE";
        named.platform = "Win";
        harness.processElement1(named, T0);

        assertDrainsAfter(T0 + MAX_OUT_OF_ORDERNESS.toMillis());
        AttributedLookup unattributed = harness.extractOutputValues().get(0);
        assertThat(unattributed.isUnattributed()).isTrue();
        assertThat(unattributed.attribution).isEqualTo(Attribution.UNATTRIBUTED);
        assertThat(unattributed.process.processName).isEqualTo("Python3.EXE");
        assertThat(unattributed.process.category).isEqualTo(ProcessCategory.SCRIPT_RUNTIME);
        assertThat(unattributed.process.platform).isEqualTo("Win");
        assertThat(unattributed.process.userSid).isNull();
        assertThat(unattributed.process.commandLine).isNull();
    }

    @Test
    void unattributedLookupWithoutNameHasUnknownCategory() throws Exception {
        harness.processElement1(lookup(HOST_A, "100", T0), T0);

        assertDrainsAfter(T0 + MAX_OUT_OF_ORDERNESS.toMillis());
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        unattributed -> {
                            assertThat(unattributed.process.processName).isNull();
                            assertThat(unattributed.process.category)
                                    .isEqualTo(ProcessCategory.UNKNOWN);
                        });
    }

    @Test
    void unattributedLookupNamingUnwatchedProcessNotReported() throws Exception {
        AiLookup browser = lookup(HOST_A, "100", T0);
        browser.contextBaseFileName = "msedge.exe";
        harness.processElement1(browser, T0);

        assertDrainsAfter(T0 + MAX_OUT_OF_ORDERNESS.toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /** Moves both watermarks to {@code time} and checks that no state or timer is left. */
    private void assertDrainsAfter(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private List<String> unattributedHosts() {
        return harness.extractOutputValues().stream()
                .filter(AttributedLookup::isUnattributed)
                .map(unattributed -> unattributed.lookup.aid)
                .collect(Collectors.toList());
    }

    private List<AttributedLookup> attributed() {
        return harness.extractOutputValues().stream()
                .filter(joined -> !joined.isUnattributed())
                .collect(Collectors.toList());
    }

    static AiLookup lookup(String aid, String processId, long timestamp) {
        AiLookup lookup = new AiLookup();
        lookup.aid = aid;
        lookup.contextProcessId = processId;
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.timestamp = timestamp;
        return lookup;
    }

    static WatchedProcess process(String aid, String processId, long timestamp) {
        WatchedProcess process = new WatchedProcess();
        process.aid = aid;
        process.processId = processId;
        process.processName = "python.exe";
        process.parentName = "cmd.exe";
        process.commandLine = "python.exe ask.py";
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = timestamp;
        return process;
    }
}
