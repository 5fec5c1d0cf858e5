package dev.aiapiwatch.metrics;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * A count kept twice under one name: as a Flink metric, for monitoring a running job, and as an
 * accumulator, which a finished job returns in its {@code JobExecutionResult} for the run summary.
 */
public final class JobCounter {

    private final Counter metric;
    private final LongCounter accumulator;

    private JobCounter(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    /** Registers the counter {@code name} in the operator's metric group and accumulators. */
    public static JobCounter register(RuntimeContext context, String name) {
        LongCounter accumulator = new LongCounter();
        context.addAccumulator(name, accumulator);
        return new JobCounter(context.getMetricGroup().counter(name), accumulator);
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }
}
