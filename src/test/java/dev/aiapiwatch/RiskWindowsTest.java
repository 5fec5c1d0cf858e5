package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.risk.RiskGroupKey;
import dev.aiapiwatch.risk.RiskRecord;
import dev.aiapiwatch.watchlist.AiLookup;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The risk window operator as the topology configures it, driven by a test harness. */
class RiskWindowsTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    private static final long WINDOW_CLOSED = T0_PLUS_1H - 1;

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, Long>, AttributedLookup, RiskRecord>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        riskWindowOperator(), RiskGroupKey::of, HashedKey.TYPE);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void firstLookupEmitsEarlyRecord() throws Exception {
        harness.processElement(attributed("python.exe run.py", T0_PLUS_30S), T0_PLUS_30S);

        List<RiskRecord> records = harness.extractOutputValues();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).dnsQueryCount).isEqualTo(1);
        assertThat(records.get(0).windowStart).isEqualTo(T0);
        assertThat(records.get(0).windowEnd).isEqualTo(T0_PLUS_1H);
    }

    @Test
    void windowEndEmitsFinalFigures() throws Exception {
        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement(attributed("python.exe b.py", T0_PLUS_1M), T0_PLUS_1M);
        harness.processElement(attributed("python.exe a.py", T0_PLUS_10M), T0_PLUS_10M);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processWatermark(new Watermark(WINDOW_CLOSED));

        List<RiskRecord> records = harness.extractOutputValues();
        assertThat(records).hasSize(2);
        RiskRecord early = records.get(0);
        RiskRecord last = records.get(1);
        assertThat(last.id).isEqualTo(early.id);
        assertThat(last.dnsQueryCount).isEqualTo(3);
        assertThat(last.firstSeen).isEqualTo(T0_PLUS_30S);
        assertThat(last.lastSeen).isEqualTo(T0_PLUS_10M);
        assertThat(last.riskWeight).isEqualTo(2);
        assertThat(last.processCategory).isEqualTo("ScriptRuntime");
        assertThat(last.commandLineSamples).containsExactly("python.exe a.py", "python.exe b.py");
        assertDrained();
    }

    @Test
    void lookupInLatenessUpdatesRecord() throws Exception {
        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_30S);
        harness.processWatermark(new Watermark(WINDOW_CLOSED));
        harness.processWatermark(new Watermark(T0_PLUS_1H + 60_000));

        harness.processElement(attributed("python.exe a.py", T0_PLUS_1M), T0_PLUS_1H + 60_000);

        List<RiskRecord> records = harness.extractOutputValues();
        assertThat(records).hasSize(3);
        assertThat(records.get(2).dnsQueryCount).isEqualTo(2);
        assertThat(records.get(2).id).isEqualTo(records.get(0).id);
        assertThat(harness.getSideOutput(Descriptors.LATE_LOOKUPS)).isNull();
        assertDrained();
    }

    @Test
    void lookupAfterLatenessGoesToSideOutput() throws Exception {
        harness.processWatermark(new Watermark(WINDOW_CLOSED + MAX_OUT_OF_ORDERNESS.toMillis()));

        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_30S);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(Descriptors.LATE_LOOKUPS)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void lookupCountsInItsOwnWindow() throws Exception {
        // The join emits with the process event's timestamp when the process came second.
        harness.processElement(attributed("python.exe a.py", T0_PLUS_1H - 1), T0_PLUS_1H + 30_000);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(record -> assertThat(record.windowStart).isEqualTo(T0));
    }

    @Test
    void differentParentsGiveSeparateRecords() throws Exception {
        AttributedLookup fromCmd = attributed("python.exe a.py", T0_PLUS_30S);
        AttributedLookup fromExplorer = attributed("python.exe a.py", T0_PLUS_1M);
        fromExplorer.process.parentName = "explorer.exe";
        harness.processElement(fromCmd, T0_PLUS_30S);
        harness.processElement(fromExplorer, T0_PLUS_1M);

        List<RiskRecord> records = harness.extractOutputValues();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).id).isNotEqualTo(records.get(1).id);
    }

    @Test
    void confirmationCountsApartFromLookup() throws Exception {
        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_30S);
        harness.processElement(
                confirmed("python.exe b.py", T0_PLUS_30S, "104.18.32.47"), T0_PLUS_1M);
        harness.processElement(
                confirmed("python.exe c.py", T0_PLUS_1M, "172.66.0.243"), T0_PLUS_1M);

        harness.processWatermark(new Watermark(WINDOW_CLOSED));

        List<RiskRecord> records = harness.extractOutputValues();
        RiskRecord early = records.get(0);
        assertThat(early.confirmedConnections).isZero();
        assertThat(early.destinationIps).isEmpty();
        RiskRecord last = records.get(records.size() - 1);
        assertThat(last.id).isEqualTo(early.id);
        assertThat(last.dnsQueryCount).isEqualTo(1);
        assertThat(last.firstSeen).isEqualTo(T0_PLUS_30S);
        assertThat(last.lastSeen).isEqualTo(T0_PLUS_30S);
        assertThat(last.commandLineSamples).containsExactly("python.exe a.py");
        assertThat(last.confirmedConnections).isEqualTo(2);
        assertThat(last.destinationIps).containsExactly("104.18.32.47", "172.66.0.243");
        assertDrained();
    }

    @Test
    void destinationIpsDistinctAndCapped() throws Exception {
        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_30S);
        for (int i = 1; i <= 12; i++) {
            harness.processElement(
                    confirmed("python.exe a.py", T0_PLUS_30S, "10.0.0." + i), T0_PLUS_1M);
            harness.processElement(
                    confirmed("python.exe a.py", T0_PLUS_30S, "10.0.0." + i), T0_PLUS_1M);
        }

        harness.processWatermark(new Watermark(WINDOW_CLOSED));

        List<RiskRecord> records = harness.extractOutputValues();
        RiskRecord last = records.get(records.size() - 1);
        assertThat(last.confirmedConnections).isEqualTo(24);
        assertThat(last.destinationIps)
                .containsExactly(
                        "10.0.0.1",
                        "10.0.0.2",
                        "10.0.0.3",
                        "10.0.0.4",
                        "10.0.0.5",
                        "10.0.0.6",
                        "10.0.0.7",
                        "10.0.0.8",
                        "10.0.0.9",
                        "10.0.0.10");
        assertDrained();
    }

    @Test
    void confirmationsWithoutLookupWriteNoRecord() throws Exception {
        harness.processElement(
                confirmed("python.exe a.py", T0_PLUS_30S, "104.18.32.47"), T0_PLUS_1M);

        harness.processWatermark(new Watermark(WINDOW_CLOSED));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertDrained();
    }

    @Test
    void lookupAfterConfirmationKeepsBoth() throws Exception {
        harness.processElement(
                confirmed("python.exe a.py", T0_PLUS_30S, "104.18.32.47"), T0_PLUS_1M);
        harness.processElement(attributed("python.exe a.py", T0_PLUS_30S), T0_PLUS_1M);

        harness.processWatermark(new Watermark(WINDOW_CLOSED));

        List<RiskRecord> records = harness.extractOutputValues();
        RiskRecord last = records.get(records.size() - 1);
        assertThat(last.dnsQueryCount).isEqualTo(1);
        assertThat(last.firstSeen).isEqualTo(T0_PLUS_30S);
        assertThat(last.processName).isEqualTo("python.exe");
        assertThat(last.domain).isEqualTo("api.openai.com");
        assertThat(last.confirmedConnections).isEqualTo(1);
        assertThat(last.destinationIps).containsExactly("104.18.32.47");
        assertDrained();
    }

    /** Moves the watermark past the window's allowed lateness and checks that nothing is left. */
    private void assertDrained() throws Exception {
        harness.processWatermark(new Watermark(WINDOW_CLOSED + MAX_OUT_OF_ORDERNESS.toMillis()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private static StreamOperatorFactory<RiskRecord> riskWindowOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<AttributedLookup> input =
                env.fromSequence(0, 0)
                        .map(number -> new AttributedLookup())
                        .returns(TypeInformation.of(AttributedLookup.class));
        DetectionSettings settings =
                new DetectionSettings(
                        WINDOW,
                        Duration.ofDays(1),
                        MAX_OUT_OF_ORDERNESS,
                        MAX_OUT_OF_ORDERNESS,
                        WatchlistFile.builtIn(),
                        ProcessRules.builtIn());
        SingleOutputStreamOperator<RiskRecord> windows =
                DetectionTopology.summariseRiskWindows(input, settings);
        return ((OneInputTransformation<?, RiskRecord>) windows.getTransformation())
                .getOperatorFactory();
    }

    private static AttributedLookup confirmed(
            String commandLine, long lookupTime, String confirmedAddress) {
        AttributedLookup attributed = attributed(commandLine, lookupTime);
        attributed.lookup = attributed.lookup.confirmedBy(confirmedAddress);
        return attributed;
    }

    private static AttributedLookup attributed(String commandLine, long lookupTime) {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.timestamp = lookupTime;
        WatchedProcess process = new WatchedProcess();
        process.aid = HOST_A;
        process.processId = "100";
        process.processName = "python.exe";
        process.parentName = "cmd.exe";
        process.commandLine = commandLine;
        process.userSid = "S-1-5-21-1";
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = T0;
        return new AttributedLookup(lookup, process);
    }
}
