package dev.aiapiwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class InventoryWatermarksTest {

    private static final long QUIET_MILLIS = 1_000;

    private final ManualClock clock = new ManualClock(50_000_000_000L);
    private final InventoryWatermarks.IdleOnceLoaded generator =
            new InventoryWatermarks.IdleOnceLoaded(QUIET_MILLIS, clock);
    private final RecordingOutput output = new RecordingOutput();

    @Test
    void holdsWhileEntriesArrive() {
        for (int i = 0; i < 3; i++) {
            clock.advanceTime(Duration.ofMillis(600));
            generator.onEvent(new InventoryEntry(), Long.MIN_VALUE, output);
            generator.onPeriodicEmit(output);
        }

        assertThat(output.idleMarks).isZero();
        assertThat(output.watermarks).isZero();
    }

    @Test
    void idleOnceQuiet() {
        generator.onEvent(new InventoryEntry(), Long.MIN_VALUE, output);
        clock.advanceTime(Duration.ofMillis(QUIET_MILLIS - 1));
        generator.onPeriodicEmit(output);
        assertThat(output.idleMarks).isZero();

        clock.advanceTime(Duration.ofMillis(1));
        generator.onPeriodicEmit(output);

        assertThat(output.idleMarks).isEqualTo(1);
        assertThat(output.watermarks).isZero();
    }

    @Test
    void emptyInputIdleAfterQuietPeriod() {
        clock.advanceTime(Duration.ofMillis(QUIET_MILLIS));
        generator.onPeriodicEmit(output);

        assertThat(output.idleMarks).isEqualTo(1);
    }

    @Test
    void staysIdleWhenEntriesResume() {
        clock.advanceTime(Duration.ofMillis(QUIET_MILLIS));
        generator.onPeriodicEmit(output);

        generator.onEvent(new InventoryEntry(), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);

        assertThat(output.idleMarks).isEqualTo(2);
        assertThat(output.watermarks).isZero();
    }

    @Test
    void busyInputIdleAfterHoldLimit() {
        long holdLimit = InventoryWatermarks.MAX_HOLD_IDLE_TIMEOUTS * QUIET_MILLIS;
        for (long waited = 0; waited < holdLimit - 500; waited += 500) {
            clock.advanceTime(Duration.ofMillis(500));
            generator.onEvent(new InventoryEntry(), Long.MIN_VALUE, output);
            generator.onPeriodicEmit(output);
        }
        assertThat(output.idleMarks).isZero();

        clock.advanceTime(Duration.ofMillis(500));
        generator.onEvent(new InventoryEntry(), Long.MIN_VALUE, output);
        generator.onPeriodicEmit(output);

        assertThat(output.idleMarks).isEqualTo(1);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        int watermarks;
        int idleMarks;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks++;
        }

        @Override
        public void markIdle() {
            idleMarks++;
        }

        @Override
        public void markActive() {}
    }
}
