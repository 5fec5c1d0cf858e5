package dev.aiapiwatch.config;

import dev.aiapiwatch.allowlist.Allowlist;
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
 *     again, as requested. The windows use {@link #windowLateness()}.
 * @param watchlist the watch list active from the start
 * @param processRules which processes are watched, and in which category
 * @param confirm how AI lookups are confirmed with network connections
 * @param allowlist the allowlist active from the start
 * @param allowlistSummaryInterval time between the periodic allowlist summaries in the log; zero
 *     turns them off
 */
public record DetectionSettings(
        Duration window,
        Duration lookback,
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Watchlist watchlist,
        ProcessRules processRules,
        ConfirmSettings confirm,
        Allowlist allowlist,
        Duration allowlistSummaryInterval)
        implements Serializable {

    /** Default of {@link #allowlistSummaryInterval}. */
    public static final Duration DEFAULT_ALLOWLIST_SUMMARY_INTERVAL = Duration.ofMinutes(15);

    /** Settings with the default {@link ConfirmSettings} and an empty allowlist. */
    public DetectionSettings(
            Duration window,
            Duration lookback,
            Duration maxOutOfOrderness,
            Duration allowedLateness,
            Watchlist watchlist,
            ProcessRules processRules) {
        this(
                window,
                lookback,
                maxOutOfOrderness,
                allowedLateness,
                watchlist,
                processRules,
                ConfirmSettings.defaults(),
                Allowlist.empty(),
                DEFAULT_ALLOWLIST_SUMMARY_INTERVAL);
    }

    /** Returns these settings with {@code confirm} as the confirmation settings. */
    public DetectionSettings withConfirm(ConfirmSettings confirm) {
        return new DetectionSettings(
                window,
                lookback,
                maxOutOfOrderness,
                allowedLateness,
                watchlist,
                processRules,
                confirm,
                allowlist,
                allowlistSummaryInterval);
    }

    /** Returns these settings with {@code allowlist} active from the start. */
    public DetectionSettings withAllowlist(Allowlist allowlist) {
        return new DetectionSettings(
                window,
                lookback,
                maxOutOfOrderness,
                allowedLateness,
                watchlist,
                processRules,
                confirm,
                allowlist,
                allowlistSummaryInterval);
    }

    /**
     * Returns the lateness the risk windows allow: {@link #allowedLateness}, but at least {@link
     * #maxOutOfOrderness} and the confirmation time. The join emits a lookup up to the max
     * out-of-orderness after its time when its process event comes second, and a confirmation
     * reaches the lookup's window up to the confirmation time after the lookup.
     */
    public Duration windowLateness() {
        Duration lateness = allowedLateness;
        for (Duration minimum : new Duration[] {maxOutOfOrderness, confirm.within()}) {
            if (lateness.compareTo(minimum) < 0) {
                lateness = minimum;
            }
        }
        return lateness;
    }
}
