package dev.aiapiwatch.testing;

import dev.aiapiwatch.event.FalconEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The job's bounded out-of-orderness watermarks, emitted after every event instead of periodically,
 * so that in a small bounded test input the watermark advances between its events and late events
 * are late for certain.
 */
public final class PerEventWatermarks {

    private PerEventWatermarks() {}

    public static WatermarkStrategy<FalconEvent> boundedOutOfOrderness(Duration maxOutOfOrderness) {
        long bound = maxOutOfOrderness.toMillis();
        return WatermarkStrategy.<FalconEvent>forGenerator(
                        context ->
                                new WatermarkGenerator<>() {
                                    private long maxTimestamp = Long.MIN_VALUE + bound + 1;

                                    @Override
                                    public void onEvent(
                                            FalconEvent event,
                                            long timestamp,
                                            WatermarkOutput output) {
                                        maxTimestamp = Math.max(maxTimestamp, timestamp);
                                        output.emitWatermark(
                                                new Watermark(maxTimestamp - bound - 1));
                                    }

                                    @Override
                                    public void onPeriodicEmit(WatermarkOutput output) {}
                                })
                .withTimestampAssigner((event, previous) -> event.timestamp);
    }
}
