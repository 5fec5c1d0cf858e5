package dev.aiapiwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterPlaceTest {

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
}
