package dev.aiapiwatch.event;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The watermark strategy of the telemetry inputs. */
public final class TelemetryWatermarks {

    private TelemetryWatermarks() {}

    /**
     * Event time is the Falcon {@code timestamp}. The watermark trails the latest event time by
     * {@code maxOutOfOrderness}, because sensors batch and the feed mixes hosts; an input that
     * sends nothing for {@code idleTimeout} is marked idle so it does not hold back the others.
     */
    public static WatermarkStrategy<FalconEvent> strategy(
            Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<FalconEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((event, previous) -> event.timestamp)
                .withIdleness(idleTimeout);
    }
}
