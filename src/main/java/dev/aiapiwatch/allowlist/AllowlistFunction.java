package dev.aiapiwatch.allowlist;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.KeyedJobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suppresses attributed lookups that an active allowlist entry matches, and passes on the others.
 * It runs between the lookup/process join and the risk windows, on the lookups connected with the
 * broadcast stream of detection-config updates. It applies the allowlist and host-group updates
 * among them and leaves the watch-list updates to the watch-list match.
 *
 * <p>The allowlist given to the constructor is active from the start. The first update copies it
 * into broadcast state and changes it there, so checkpoints and savepoints keep the current list.
 * Each suppressed lookup is counted under the entry that matched and in a total.
 *
 * <p>A broadcast function has no timers, so each subtask checks the processing time whenever a
 * lookup or an update arrives, and logs a summary of its own counts once the interval has passed
 * since its previous one. Every subtask logs for itself, because each receives only its share of
 * the lookups. A subtask that receives nothing logs nothing until something arrives, and its next
 * summary then covers the whole time since the previous one. The metrics are always current.
 */
public class AllowlistFunction
        extends BroadcastProcessFunction<
                AttributedLookup, DetectionConfigUpdate, AttributedLookup> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AllowlistFunction.class);

    private final Allowlist initialAllowlist;
    private final long summaryIntervalMillis;

    /** The allowlist {@link #matcher} was built from. */
    private transient Allowlist allowlist;

    private transient AllowlistMatcher matcher;
    private transient JobCounter suppressed;
    private transient KeyedJobCounter suppressedByEntry;
    private transient AllowlistSummary summary;

    /** Expiry already logged, by entry id, so that each expiry is logged once per subtask. */
    private transient Map<String, Long> loggedExpiries;

    private transient Consumer<AllowlistEntry> onExpired;

    /**
     * @param summaryInterval time between periodic summaries, or zero to turn them off
     */
    public AllowlistFunction(Allowlist initialAllowlist, Duration summaryInterval) {
        this.initialAllowlist = initialAllowlist;
        this.summaryIntervalMillis = summaryInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        suppressed = JobCounter.register(getRuntimeContext(), RunCounters.SUPPRESSED_LOOKUPS);
        suppressedByEntry =
                KeyedJobCounter.register(
                        getRuntimeContext(),
                        RunCounters.SUPPRESSED_LOOKUPS_BY_ENTRY,
                        RunCounters.ALLOWLIST_ENTRY,
                        true);
        summary = new AllowlistSummary(summaryIntervalMillis);
        loggedExpiries = new HashMap<>();
        onExpired = this::logExpiry;
    }

    @Override
    public void processElement(
            AttributedLookup lookup, ReadOnlyContext context, Collector<AttributedLookup> out)
            throws Exception {
        if (matcher == null) {
            use(stored(context.getBroadcastState(Descriptors.ALLOWLIST)));
        }
        AllowlistEntry entry = matcher.match(lookup, onExpired);
        if (entry == null) {
            out.collect(lookup);
        } else if (!lookup.lookup.isConfirmation()) {
            // A confirmation goes where its lookup went, and only the lookup is counted.
            suppressed.inc();
            suppressedByEntry.inc(entry.id);
            summary.count(entry.id);
        }
        logSummaryIfDue(context.currentProcessingTime());
    }

    @Override
    public void processBroadcastElement(
            DetectionConfigUpdate update, Context context, Collector<AttributedLookup> out)
            throws Exception {
        if (update.forAllowlist()) {
            apply(update, context);
        }
        logSummaryIfDue(context.currentProcessingTime());
    }

    private void apply(DetectionConfigUpdate update, Context context) throws Exception {
        BroadcastState<String, Allowlist> state = context.getBroadcastState(Descriptors.ALLOWLIST);
        Allowlist current = stored(state);
        Allowlist next;
        try {
            if (update.isInvalid()) {
                throw new IllegalArgumentException(update.error);
            }
            next = AllowlistUpdates.apply(current, update);
        } catch (IllegalArgumentException e) {
            // Every subtask receives the update, so one log line and one dead letter are enough.
            if (isFirstSubtask()) {
                LOG.warn("Ignored {}: {}", update.describe(), e.getMessage());
                context.output(Descriptors.DEAD_LETTERS, update.toDeadLetter(e.getMessage()));
            }
            return;
        }
        state.put(Descriptors.CURRENT_ALLOWLIST, next);
        use(next);
        if (isFirstSubtask()) {
            AllowlistUpdates.logChange(current, next, update);
        }
    }

    private Allowlist stored(ReadOnlyBroadcastState<String, Allowlist> state) throws Exception {
        Allowlist stored = state.get(Descriptors.CURRENT_ALLOWLIST);
        return stored != null ? stored : initialAllowlist;
    }

    private void use(Allowlist next) {
        allowlist = next;
        matcher = new AllowlistMatcher(next);
    }

    private void logExpiry(AllowlistEntry entry) {
        Long logged = loggedExpiries.get(entry.id);
        if (logged != null && logged == entry.expiresAt) {
            return;
        }
        loggedExpiries.put(entry.id, entry.expiresAt);
        LOG.info(
                "Allowlist entry '{}' (owner {}) expired at {}; lookups from then on are not"
                        + " suppressed (first lookup past the expiry on subtask {} of {})",
                entry.id,
                entry.owner,
                Expiry.format(entry.expiresAt),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1,
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
    }

    private void logSummaryIfDue(long now) {
        Allowlist current = allowlist != null ? allowlist : initialAllowlist;
        String text =
                summary.reportIfDue(
                        now,
                        current,
                        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        if (text != null) {
            LOG.info("{}", text);
        }
    }

    private boolean isFirstSubtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }
}
