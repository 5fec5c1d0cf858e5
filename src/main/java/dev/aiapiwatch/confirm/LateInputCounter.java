package dev.aiapiwatch.confirm;

import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.metrics.UnloggedCount;
import dev.aiapiwatch.metrics.WarningInterval;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts lookups and connections that reached the confirmation behind its watermark, which CEP
 * cannot place in time order and so never matches, and logs a warning at most once every {@link
 * WarningInterval#MILLIS}. It emits nothing: a late lookup still reaches the join unconfirmed.
 */
public class LateInputCounter extends RichFlatMapFunction<ConfirmationInput, AiLookup> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateInputCounter.class);

    private transient JobCounter late;
    private transient UnloggedCount unlogged;

    @Override
    public void open(OpenContext openContext) {
        late = JobCounter.register(getRuntimeContext(), RunCounters.LATE_CONFIRMATION_INPUTS);
        unlogged = new UnloggedCount();
    }

    @Override
    public void flatMap(ConfirmationInput input, Collector<AiLookup> out) {
        late.inc();
        long count = unlogged.add(System.currentTimeMillis());
        if (count > 0) {
            LOG.warn(
                    "Skipped {} late lookup(s) and connection(s) in the confirmation since the last"
                            + " warning; latest a {} of aid {} process {}",
                    count,
                    input.isLookup() ? "lookup" : "connection",
                    input.aid,
                    input.processId);
        }
    }
}
