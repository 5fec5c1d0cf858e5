package dev.aiapiwatch.event;

import dev.aiapiwatch.metrics.KeyedJobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.metrics.UnloggedCount;
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
    private transient Map<String, UnloggedCount> unloggedByReason;

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
        long unlogged =
                unloggedByReason
                        .computeIfAbsent(deadLetter.reason, reason -> new UnloggedCount())
                        .add(System.currentTimeMillis());
        if (unlogged > 0) {
            LOG.warn(
                    "Rejected {} record(s) for {} since the last warning; latest from {}: {}",
                    unlogged,
                    deadLetter.reason,
                    deadLetter.place(),
                    deadLetter.message);
        }
        return deadLetter;
    }
}
