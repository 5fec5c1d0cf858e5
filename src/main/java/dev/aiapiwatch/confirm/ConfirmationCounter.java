package dev.aiapiwatch.confirm;

import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts confirmations on their way to the join. The CEP operator's runtime context supports no
 * accumulators, so the count happens here, chained to it.
 */
public class ConfirmationCounter extends RichMapFunction<AiLookup, AiLookup> {

    private static final long serialVersionUID = 1L;

    private transient JobCounter confirmed;

    @Override
    public void open(OpenContext openContext) {
        confirmed = JobCounter.register(getRuntimeContext(), RunCounters.CONFIRMED_CONNECTIONS);
    }

    @Override
    public AiLookup map(AiLookup confirmation) {
        confirmed.inc();
        return confirmation;
    }
}
