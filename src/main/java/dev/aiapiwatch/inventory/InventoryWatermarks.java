package dev.aiapiwatch.inventory;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/** The watermark strategy of the aidmaster and userinfo entries in Kafka mode. */
public final class InventoryWatermarks {

    /** Maximum hold at start, in idle timeouts, for an input that is never quiet. */
    static final int MAX_HOLD_IDLE_TIMEOUTS = 5;

    private InventoryWatermarks() {}

    /**
     * Entries carry no event time, so this strategy never emits a watermark. At start it holds back
     * the watermark of the name stages while the backlog is read: a lookup whose name is not known
     * yet waits for the entries already on the topic or in the files. Once the input has brought
     * nothing for {@code idleTimeout}, or at the latest {@value #MAX_HOLD_IDLE_TIMEOUTS} idle
     * timeouts after start, it declares itself idle and stays idle, even when more entries arrive.
     * From then on the name stages take their watermark from the lookups alone, so a quiet topic
     * never stalls the job. An input that became active again could not move its watermark past the
     * lookups' and would stall them until it was idle once more.
     */
    public static WatermarkStrategy<InventoryEntry> idleOnceLoaded(Duration idleTimeout) {
        long quietMillis = idleTimeout.toMillis();
        return WatermarkStrategy.forGenerator(
                context -> new IdleOnceLoaded(quietMillis, context.getInputActivityClock()));
    }

    /** Emits no watermark, and marks the output idle for good after the first quiet period. */
    static final class IdleOnceLoaded implements WatermarkGenerator<InventoryEntry> {

        private final long quietMillis;
        private final RelativeClock clock;
        private final long startedAt;
        private long lastEntryAt;
        private boolean idle;

        IdleOnceLoaded(long quietMillis, RelativeClock clock) {
            this.quietMillis = quietMillis;
            this.clock = clock;
            this.startedAt = clock.relativeTimeMillis();
            this.lastEntryAt = startedAt;
        }

        @Override
        public void onEvent(InventoryEntry entry, long timestamp, WatermarkOutput output) {
            lastEntryAt = clock.relativeTimeMillis();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!idle) {
                long now = clock.relativeTimeMillis();
                idle =
                        now - lastEntryAt >= quietMillis
                                || now - startedAt >= MAX_HOLD_IDLE_TIMEOUTS * quietMillis;
            }
            if (idle) {
                output.markIdle();
            }
        }
    }
}
