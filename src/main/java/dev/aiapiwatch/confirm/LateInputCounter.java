package dev.aiapiwatch.confirm;

import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts lookups and connections that reached the confirmation behind its watermark, which CEP
 * cannot place in time order and so never matches, and logs a warning at most once every {@link
 * #LOG_INTERVAL_MILLIS}. It emits nothing: a late lookup still reaches the join unconfirmed.
 */
public class LateInputCounter extends RichFlatMapFunction<ConfirmationInput, AiLookup> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateInputCounter.class);

    static final long LOG_INTERVAL_MILLIS = 10_000;

    private transient JobCounter late;
    private transient long unlogged;
    private transient long lastWarningMillis;

    @Override
    public void open(OpenContext openContext) {
        late = JobCounter.register(getRuntimeContext(), RunCounters.LATE_CONFIRMATION_INPUTS);
        // Zero, not Long.MIN_VALUE: the difference below would overflow and never log.
        lastWarningMillis = 0;
    }

    @Override
    public void flatMap(ConfirmationInput input, Collector<AiLookup> out) {
        late.inc();
        unlogged++;
        long now = System.currentTimeMillis();
        if (now - lastWarningMillis >= LOG_INTERVAL_MILLIS) {
            LOG.warn(
                    "Skipped {} late lookup(s) and connection(s) in the confirmation since the last"
                            + " warning; latest a {} of aid {} process {}",
                    unlogged,
                    input.isLookup() ? "lookup" : "connection",
                    input.aid,
                    input.processId);
            unlogged = 0;
            lastWarningMillis = now;
        }
    }
}
