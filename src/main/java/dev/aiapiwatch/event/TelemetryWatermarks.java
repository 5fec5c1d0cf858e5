package dev.aiapiwatch.event;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/** The watermark strategy of the telemetry inputs. */
public final class TelemetryWatermarks {

    private TelemetryWatermarks() {}

    /**
     * Event time is the Falcon {@code timestamp}. The watermark trails the latest event time by
     * {@code maxOutOfOrderness}, because sensors batch and the feed mixes hosts. An input (a file
     * reader or a Kafka partition) that brings no timestamped event for {@code idleTimeout} is
     * marked idle, so that it does not hold back the others.
     *
     * <p>Ignored and invalid lines carry no timestamp, because parsing stops before it. They
     * neither advance the watermark nor count as activity: a partition of only such lines goes idle
     * instead of holding the watermark where it was.
     */
    public static WatermarkStrategy<FalconEvent> strategy(
            Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<FalconEvent>forGenerator(
                        context ->
                                new TimestampedEventsOnly(
                                        new WatermarksWithIdleness<>(
                                                new BoundedOutOfOrdernessWatermarks<>(
                                                        maxOutOfOrderness),
                                                idleTimeout,
                                                context.getInputActivityClock())))
                .withTimestampAssigner((event, previous) -> event.timestamp);
    }

    /** Hands only events with a timestamp to the generator it wraps. */
    private static final class TimestampedEventsOnly implements WatermarkGenerator<FalconEvent> {

        private final WatermarkGenerator<FalconEvent> generator;

        TimestampedEventsOnly(WatermarkGenerator<FalconEvent> generator) {
            this.generator = generator;
        }

        @Override
        public void onEvent(FalconEvent event, long timestamp, WatermarkOutput output) {
            if (timestamp != FalconEvent.NO_TIMESTAMP) {
                generator.onEvent(event, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            generator.onPeriodicEmit(output);
        }
    }
}
