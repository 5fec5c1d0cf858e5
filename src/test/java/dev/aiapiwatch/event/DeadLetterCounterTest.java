package dev.aiapiwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterCounterTest {

    private static final long NOW = 1_796_032_800_000L;

    @Test
    void placeOfFileLine() {
        DeadLetter deadLetter =
                DeadLetter.of(DeadLetterReason.INVALID_JSON, "truncated", "{", "events.ndjson", 7);

        assertThat(deadLetter.place()).isEqualTo("events.ndjson line 7");
    }

    @Test
    void placeOfKafkaRecord() {
        DeadLetter deadLetter =
                DeadLetter.of(DeadLetterReason.INVALID_JSON, "truncated", "{", "telemetry", 42)
                        .atKafkaPartition(3);

        assertThat(deadLetter.place()).isEqualTo("telemetry partition 3 offset 42");
    }

    @Test
    void placeOfStage() {
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.LATE_EVENT,
                        "late",
                        "{}",
                        "risk-windows",
                        DeadLetter.UNKNOWN_POSITION);

        assertThat(deadLetter.place()).isEqualTo("risk-windows");
    }

    @Test
    void firstWarningOfReasonDue() {
        assertThat(DeadLetterCounter.warningDue(NOW, DeadLetterCounter.NEVER)).isTrue();
    }

    @Test
    void warningWithinIntervalHeldBack() {
        long lastWarning = NOW - DeadLetterCounter.LOG_INTERVAL_MILLIS + 1;

        assertThat(DeadLetterCounter.warningDue(NOW, lastWarning)).isFalse();
    }

    @Test
    void warningAfterIntervalDue() {
        long lastWarning = NOW - DeadLetterCounter.LOG_INTERVAL_MILLIS;

        assertThat(DeadLetterCounter.warningDue(NOW, lastWarning)).isTrue();
    }
}
