package dev.aiapiwatch.correlate;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.ImageNames;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Interval join of AI lookups with process starts, keyed by (aid, process id): a lookup at time
 * {@code L} joins the process whose start event lies in {@code [L - lookback, L +
 * maxOutOfOrderness]}.
 *
 * <p>A lookup that joins a watched process is emitted with that process. A lookup that joins a
 * process that is not watched (a browser, say) ends here, counted. A lookup that joins no process
 * once the watermark has passed {@code L + maxOutOfOrderness} is emitted as {@link
 * Attribution#UNATTRIBUTED}, named by its {@code ContextBaseFileName} when the sensor sent one; if
 * that name is of a process that is not watched, it ends here too. So no AI lookup of a watched
 * domain is lost, and none is reported for a process known not to be watched. Confirmations of
 * lookups (see {@code ConnectionConfirmation}) take the same way as the lookups they confirm.
 *
 * <p>Unlike Flink's {@code intervalJoin}, each lookup joins at most one process, so a process
 * reported twice (by ProcessRollup2 and SyntheticProcessRollup2, say) is not counted twice.
 *
 * <p>State per key: the first process start, kept until the watermark passes its time plus the
 * lookback, and the lookups still waiting for a process, each kept until the watermark passes its
 * time plus the maximum out-of-orderness. Event-time timers clear both, so state drains to empty
 * once the watermark has passed.
 */
public class LookupProcessJoin
        extends KeyedCoProcessFunction<
                Tuple2<Long, Long>, AiLookup, WatchedProcess, AttributedLookup> {

    private static final long serialVersionUID = 1L;

    private final long lookbackMillis;
    private final long maxOutOfOrdernessMillis;
    private final ProcessRules processRules;

    private transient ValueState<WatchedProcess> process;
    private transient ListState<AiLookup> pendingLookups;
    private transient JobCounter attributed;
    private transient JobCounter unattributed;
    private transient JobCounter unwatched;

    public LookupProcessJoin(
            Duration lookback, Duration maxOutOfOrderness, ProcessRules processRules) {
        this.lookbackMillis = lookback.toMillis();
        this.maxOutOfOrdernessMillis = maxOutOfOrderness.toMillis();
        this.processRules = processRules;
    }

    @Override
    public void open(OpenContext openContext) {
        process = getRuntimeContext().getState(Descriptors.JOIN_PROCESS);
        pendingLookups = getRuntimeContext().getListState(Descriptors.JOIN_PENDING_LOOKUPS);
        attributed = JobCounter.register(getRuntimeContext(), RunCounters.ATTRIBUTED_LOOKUPS);
        unattributed = JobCounter.register(getRuntimeContext(), RunCounters.UNATTRIBUTED_LOOKUPS);
        unwatched = JobCounter.register(getRuntimeContext(), RunCounters.UNWATCHED_LOOKUPS);
    }

    @Override
    public void processElement1(AiLookup lookup, Context context, Collector<AttributedLookup> out)
            throws Exception {
        WatchedProcess started = process.value();
        if (started != null && joins(lookup, started)) {
            emit(lookup, started, out);
            return;
        }
        pendingLookups.add(lookup);
        context.timerService().registerEventTimeTimer(lookup.timestamp + maxOutOfOrdernessMillis);
    }

    @Override
    public void processElement2(
            WatchedProcess started, Context context, Collector<AttributedLookup> out)
            throws Exception {
        if (process.value() != null) {
            // The first start event of a process id wins; later ones repeat it.
            return;
        }
        process.update(started);
        context.timerService().registerEventTimeTimer(started.timestamp + lookbackMillis);

        List<AiLookup> stillPending = new ArrayList<>();
        for (AiLookup lookup : pendingLookups.get()) {
            if (joins(lookup, started)) {
                emit(lookup, started, out);
            } else {
                stillPending.add(lookup);
            }
        }
        keepPending(stillPending);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AttributedLookup> out)
            throws Exception {
        WatchedProcess started = process.value();
        if (started != null && started.timestamp + lookbackMillis <= timestamp) {
            process.clear();
        }
        List<AiLookup> stillPending = new ArrayList<>();
        for (AiLookup lookup : pendingLookups.get()) {
            if (lookup.timestamp + maxOutOfOrdernessMillis <= timestamp) {
                emitUnattributed(lookup, out);
            } else {
                stillPending.add(lookup);
            }
        }
        keepPending(stillPending);
    }

    private void keepPending(List<AiLookup> stillPending) throws Exception {
        if (stillPending.isEmpty()) {
            pendingLookups.clear();
        } else {
            pendingLookups.update(stillPending);
        }
    }

    private boolean joins(AiLookup lookup, WatchedProcess started) {
        return started.timestamp >= lookup.timestamp - lookbackMillis
                && started.timestamp <= lookup.timestamp + maxOutOfOrdernessMillis;
    }

    private void emit(AiLookup lookup, WatchedProcess started, Collector<AttributedLookup> out) {
        if (!started.watched()) {
            count(unwatched, lookup);
            return;
        }
        count(attributed, lookup);
        out.collect(new AttributedLookup(lookup, started));
    }

    /** Counts lookups only: a confirmation takes the way of its lookup, which was counted. */
    private static void count(JobCounter counter, AiLookup lookup) {
        if (!lookup.isConfirmation()) {
            counter.inc();
        }
    }

    private void emitUnattributed(AiLookup lookup, Collector<AttributedLookup> out) {
        String name = ImageNames.baseName(lookup.contextBaseFileName, null);
        ProcessCategory category =
                name == null ? ProcessCategory.UNKNOWN : processRules.classify(name);
        if (category == null) {
            count(unwatched, lookup);
            return;
        }
        count(unattributed, lookup);
        WatchedProcess described = new WatchedProcess();
        described.aid = lookup.aid;
        described.processId = lookup.contextProcessId;
        described.processName = name;
        described.platform = lookup.platform;
        described.category = category;
        described.timestamp = lookup.timestamp;
        out.collect(AttributedLookup.unattributed(lookup, described));
    }
}
