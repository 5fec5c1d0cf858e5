package dev.aiapiwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnloggedCountTest {

    private static final long T0 = 1_000_000;

    @Test
    void firstRecordWarnedAtOnce() {
        UnloggedCount count = new UnloggedCount();

        assertThat(count.add(T0)).isEqualTo(1);
    }

    @Test
    void recordsCountedUntilIntervalPasses() {
        UnloggedCount count = new UnloggedCount();
        count.add(T0);

        assertThat(count.add(T0 + 1)).isZero();
        assertThat(count.add(T0 + WarningInterval.MILLIS - 1)).isZero();
        assertThat(count.add(T0 + WarningInterval.MILLIS)).isEqualTo(3);
        assertThat(count.add(T0 + WarningInterval.MILLIS + 1)).isZero();
    }

    @Test
    void takeEmptiesCount() {
        UnloggedCount count = new UnloggedCount();
        count.add(T0);
        count.add(T0 + 1);
        count.add(T0 + 2);

        assertThat(count.take()).isEqualTo(2);
        assertThat(count.take()).isZero();
    }
}
