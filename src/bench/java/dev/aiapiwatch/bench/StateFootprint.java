package dev.aiapiwatch.bench;

import dev.aiapiwatch.DetectionTopology;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.correlate.LookupProcessJoin;
import dev.aiapiwatch.correlate.ProcessKeys;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.risk.RiskGroupKey;
import dev.aiapiwatch.risk.RiskRecord;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * Measures the keyed state of the two stateful operators, as checkpoints and RocksDB hold it
 * (serialised): bytes per buffered start of a watched process, per buffered start of any other
 * process (the compact entry the join keeps for it) and per lookup waiting for its process in the
 * join, and per open risk group in the windows. Each operator runs in Flink's test harness with the
 * settings of a default run. After the watermark has passed the lookback and the windows, the
 * harness must report no keyed state entries and no timers, which this program checks and prints.
 *
 * <p>Usage: {@code StateFootprint [ENTRIES]} (default 2000, which keeps a full snapshot under the 5
 * MiB that the harness's in-memory checkpoint storage accepts).
 */
public final class StateFootprint {

    private static final Duration LOOKBACK = Duration.ofDays(1);
    private static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration ALLOWED_LATENESS = Duration.ofHours(1);

    /** 2026-11-30T10:00:00Z, the start of a window. */
    private static final long T0 = 1_796_032_800_000L;

    private static final long LOOKUP_TIME = T0 + 1_000;

    private StateFootprint() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;

        Footprint processes = bufferedProcesses(entries, StateFootprint::process);
        Footprint unwatched =
                bufferedProcesses(
                        entries,
                        i -> WatchedProcess.unwatched(aid(i), Long.toString(100_000_000L + i), T0));
        Footprint lookups = pendingLookups(entries);
        Footprint groups = openRiskGroups(entries);

        new Measurement()
                .put("measurement", "state")
                .put("entries", entries)
                .put("bytesPerBufferedProcess", processes.bytesPerEntry)
                .put("bytesPerUnwatchedProcess", unwatched.bytesPerEntry)
                .put("bytesPerPendingLookup", lookups.bytesPerEntry)
                .put("bytesPerOpenRiskGroup", groups.bytesPerEntry)
                .put("processesDrained", processes.drained && unwatched.drained)
                .put("lookupsDrained", lookups.drained)
                .put("riskGroupsDrained", groups.drained)
                .print();
        if (!processes.drained || !unwatched.drained || !lookups.drained || !groups.drained) {
            System.err.println("Keyed state or timers remained after the watermark passed them");
            System.exit(1);
        }
        System.exit(0);
    }

    /** Bytes per entry, and whether the operator held nothing once the watermark passed. */
    private record Footprint(double bytesPerEntry, boolean drained) {}

    private static Footprint bufferedProcesses(int entries, IntFunction<WatchedProcess> starts)
            throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<
                        Tuple2<Long, Long>, AiLookup, WatchedProcess, AttributedLookup>
                harness = joinHarness()) {
            long empty = stateSize(harness);
            for (int i = 0; i < entries; i++) {
                WatchedProcess process = starts.apply(i);
                harness.processElement2(process, process.timestamp);
            }
            long full = stateSize(harness);
            harness.processBothWatermarks(new Watermark(T0 + LOOKBACK.toMillis() + 1));
            return new Footprint((full - empty) / (double) entries, isEmpty(harness));
        }
    }

    private static Footprint pendingLookups(int entries) throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<
                        Tuple2<Long, Long>, AiLookup, WatchedProcess, AttributedLookup>
                harness = joinHarness()) {
            long empty = stateSize(harness);
            for (int i = 0; i < entries; i++) {
                AiLookup lookup = lookup(i);
                harness.processElement1(lookup, lookup.timestamp);
            }
            long full = stateSize(harness);
            harness.processBothWatermarks(
                    new Watermark(LOOKUP_TIME + MAX_OUT_OF_ORDERNESS.toMillis()));
            return new Footprint((full - empty) / (double) entries, isEmpty(harness));
        }
    }

    private static Footprint openRiskGroups(int entries) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<
                        Tuple2<Long, Long>, AttributedLookup, RiskRecord>
                harness =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                riskWindowOperator(), RiskGroupKey::of, HashedKey.TYPE)) {
            harness.open();
            long empty = stateSize(harness);
            for (int i = 0; i < entries; i++) {
                AttributedLookup attributed = new AttributedLookup(lookup(i), process(i));
                harness.processElement(attributed, attributed.lookup.timestamp);
            }
            long full = stateSize(harness);
            // Past the window's end and its allowed lateness.
            harness.processWatermark(
                    new Watermark(T0 + WINDOW.toMillis() + ALLOWED_LATENESS.toMillis()));
            return new Footprint((full - empty) / (double) entries, isEmpty(harness));
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    Tuple2<Long, Long>, AiLookup, WatchedProcess, AttributedLookup>
            joinHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new LookupProcessJoin(LOOKBACK, MAX_OUT_OF_ORDERNESS, ProcessRules.builtIn()),
                ProcessKeys::ofLookup,
                ProcessKeys::ofProcess,
                HashedKey.TYPE);
    }

    /** Returns the risk window operator exactly as the topology configures it. */
    private static StreamOperatorFactory<RiskRecord> riskWindowOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<AttributedLookup> input =
                env.fromSequence(0, 0)
                        .map(number -> new AttributedLookup())
                        .returns(TypeInformation.of(AttributedLookup.class));
        SingleOutputStreamOperator<RiskRecord> windows =
                DetectionTopology.summariseRiskWindows(
                        input,
                        JobThroughput.defaultSettings(
                                WINDOW, LOOKBACK, MAX_OUT_OF_ORDERNESS, ALLOWED_LATENESS));
        return ((OneInputTransformation<?, RiskRecord>) windows.getTransformation())
                .getOperatorFactory();
    }

    /** Size of a full snapshot of the operator's state, in bytes. */
    private static long stateSize(AbstractStreamOperatorTestHarness<?> harness) throws Exception {
        OperatorSubtaskState state = harness.snapshot(1, 1);
        return state.getStateSize();
    }

    private static boolean isEmpty(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> harness) {
        return harness.numKeyedStateEntries() == 0 && harness.numEventTimeTimers() == 0;
    }

    private static boolean isEmpty(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
        return harness.numKeyedStateEntries() == 0 && harness.numEventTimeTimers() == 0;
    }

    private static String aid(int i) {
        return String.format(Locale.ROOT, "%032x", 0x5eedL * 1_000_003L + i);
    }

    /**
     * Returns a watched process start as the classifier builds it from a typical ProcessRollup2.
     */
    private static WatchedProcess process(int i) {
        WatchedProcess process = new WatchedProcess();
        process.aid = aid(i);
        process.processId = Long.toString(100_000_000L + i);
        process.parentProcessId = Long.toString(99_000_000L + i);
        process.processName = "python.exe";
        process.executable =
                "\\Device\\HarddiskVolume3\\Users\\dev\\AppData\\Local\\Programs\\Python"
                        + "\\Python312\\python.exe";
        process.parentName = "explorer.exe";
        process.commandLine = "python.exe C:\\Users\\dev\\scripts\\job" + i % 40 + ".ps1";
        process.userSid = "S-1-5-21-1111111111-2222222222-3333333333-" + (1000 + i % 50);
        process.platform = "Win";
        process.category = ProcessCategory.SCRIPT_RUNTIME;
        process.timestamp = T0;
        return process;
    }

    /**
     * Returns an AI lookup of the process of the same number, as the watch-list match builds it.
     */
    private static AiLookup lookup(int i) {
        AiLookup lookup = new AiLookup();
        lookup.aid = aid(i);
        lookup.contextProcessId = Long.toString(100_000_000L + i);
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-92ab81da57ba";
        lookup.platform = "Win";
        lookup.timestamp = LOOKUP_TIME;
        return lookup;
    }
}
