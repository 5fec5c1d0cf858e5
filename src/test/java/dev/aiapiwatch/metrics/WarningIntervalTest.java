package dev.aiapiwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarningIntervalTest {

    private static final long NOW = 1_796_032_800_000L;

    @Test
    void firstWarningOfKindDue() {
        assertThat(WarningInterval.due(NOW, WarningInterval.NEVER)).isTrue();
    }

    @Test
    void warningWithinIntervalHeldBack() {
        long lastWarning = NOW - WarningInterval.MILLIS + 1;

        assertThat(WarningInterval.due(NOW, lastWarning)).isFalse();
    }

    @Test
    void warningAfterIntervalDue() {
        long lastWarning = NOW - WarningInterval.MILLIS;

        assertThat(WarningInterval.due(NOW, lastWarning)).isTrue();
    }
}
