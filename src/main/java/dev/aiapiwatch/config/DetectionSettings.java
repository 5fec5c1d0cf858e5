package dev.aiapiwatch.config;

import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.Watchlist;
import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the detection topology, independent of where its input comes from.
 *
 * @param window size of the tumbling event-time windows that risk records summarise
 * @param lookback how long before a lookup its process may have started and still be joined
 * @param maxOutOfOrderness watermark bound; also how long after a lookup its process event may be
 *     timestamped
 * @param allowedLateness how long after its end a window still takes lookups and writes its record
 *     again; never less than {@code maxOutOfOrderness}
 * @param watchlist the watch list active from the start
 * @param processRules which processes are watched, and in which category
 */
public record DetectionSettings(
        Duration window,
        Duration lookback,
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Watchlist watchlist,
        ProcessRules processRules)
        implements Serializable {

    /**
     * Returns the lateness the risk windows allow: {@link #allowedLateness}, but at least {@link
     * #maxOutOfOrderness}, since the join emits a lookup up to that much after its time when its
     * process event comes second.
     */
    public Duration windowLateness() {
        return allowedLateness.compareTo(maxOutOfOrderness) >= 0
                ? allowedLateness
                : maxOutOfOrderness;
    }
}
