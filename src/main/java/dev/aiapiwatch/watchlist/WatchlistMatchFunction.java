package dev.aiapiwatch.watchlist;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DnsLookup;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps only DNS lookups of watched AI API domains. It runs before any keyBy, on the lookups
 * connected with the broadcast stream of detection-config updates. It applies the watch-list
 * updates among them and leaves allowlist and host-group updates to the allowlist stage.
 *
 * <p>The watch list given to the constructor is active from the start. The first update copies it
 * into broadcast state and changes it there. From then on the broadcast state is the current list,
 * and checkpoints and savepoints keep it. Each subtask keeps a matcher built from the current list
 * and rebuilds it when the list changes.
 */
public class WatchlistMatchFunction
        extends BroadcastProcessFunction<DnsLookup, DetectionConfigUpdate, AiLookup> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WatchlistMatchFunction.class);

    private final Watchlist initialWatchlist;

    private transient WatchlistMatcher matcher;
    private transient JobCounter aiLookups;

    public WatchlistMatchFunction(Watchlist initialWatchlist) {
        this.initialWatchlist = initialWatchlist;
    }

    @Override
    public void open(OpenContext openContext) {
        aiLookups = JobCounter.register(getRuntimeContext(), RunCounters.AI_LOOKUPS);
    }

    @Override
    public void processElement(DnsLookup lookup, ReadOnlyContext context, Collector<AiLookup> out)
            throws Exception {
        if (matcher == null) {
            Watchlist current =
                    context.getBroadcastState(Descriptors.WATCHLIST)
                            .get(Descriptors.CURRENT_WATCHLIST);
            matcher = new WatchlistMatcher(current != null ? current : initialWatchlist);
        }
        String domain = DomainNames.normalize(lookup.domainName);
        WatchlistEntry entry = matcher.match(domain);
        if (entry != null) {
            aiLookups.inc();
            out.collect(AiLookup.of(lookup, domain, entry, matcher.version()));
        }
    }

    @Override
    public void processBroadcastElement(
            DetectionConfigUpdate update, Context context, Collector<AiLookup> out)
            throws Exception {
        if (!update.forWatchlist()) {
            return;
        }
        BroadcastState<String, Watchlist> state = context.getBroadcastState(Descriptors.WATCHLIST);
        Watchlist current = state.get(Descriptors.CURRENT_WATCHLIST);
        if (current == null) {
            current = initialWatchlist;
        }
        Watchlist next;
        try {
            if (update.isInvalid()) {
                throw new IllegalArgumentException(update.error);
            }
            next = current.apply(update);
        } catch (IllegalArgumentException e) {
            // Every subtask receives the update, so one log line and one dead letter are enough.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.warn("Ignored {}: {}", update.describe(), e.getMessage());
                context.output(Descriptors.DEAD_LETTERS, update.toDeadLetter(e.getMessage()));
            }
            return;
        }
        state.put(Descriptors.CURRENT_WATCHLIST, next);
        matcher = new WatchlistMatcher(next);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            LOG.info(
                    "Watch list {} -> {} after '{}': {} entries",
                    current.version,
                    next.version,
                    update,
                    next.size());
        }
    }
}
