package dev.aiapiwatch.event;

import dev.aiapiwatch.metrics.KeyedJobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.metrics.WarningInterval;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dead letters by reason on their way to the dead-letter sink, and logs a warning per reason
 * at most once every {@link WarningInterval#MILLIS}, with the number of records rejected for that
 * reason since the last warning.
 */
public class DeadLetterCounter extends RichMapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCounter.class);

    private transient KeyedJobCounter deadLetters;
    private transient Map<String, long[]> unloggedByReason;

    @Override
    public void open(OpenContext openContext) {
        deadLetters =
                KeyedJobCounter.register(
                        getRuntimeContext(), RunCounters.DEAD_LETTERS, "reason", true);
        unloggedByReason = new HashMap<>();
    }

    @Override
    public DeadLetter map(DeadLetter deadLetter) {
        deadLetters.inc(deadLetter.reason);
        // [0]: records since the last warning, [1]: time of the last warning.
        long[] unlogged =
                unloggedByReason.computeIfAbsent(
                        deadLetter.reason, reason -> new long[] {0, WarningInterval.NEVER});
        unlogged[0]++;
        long now = System.currentTimeMillis();
        if (WarningInterval.due(now, unlogged[1])) {
            LOG.warn(
                    "Rejected {} record(s) for {} since the last warning; latest from {}: {}",
                    unlogged[0],
                    deadLetter.reason,
                    deadLetter.place(),
                    deadLetter.message);
            unlogged[0] = 0;
            unlogged[1] = now;
        }
        return deadLetter;
    }
}
