package dev.aiapiwatch.confirm;

import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * Drops confirmations from the lookups that the join could not attribute, and counts them. The join
 * counts them as unattributed lookups, so the run summary subtracts this count.
 */
public class UnattributedConfirmations extends RichFilterFunction<AiLookup> {

    private static final long serialVersionUID = 1L;

    private transient JobCounter dropped;

    @Override
    public void open(OpenContext openContext) {
        dropped = JobCounter.register(getRuntimeContext(), RunCounters.UNATTRIBUTED_CONFIRMATIONS);
    }

    @Override
    public boolean filter(AiLookup lookup) {
        if (lookup.isConfirmation()) {
            dropped.inc();
            return false;
        }
        return true;
    }
}
