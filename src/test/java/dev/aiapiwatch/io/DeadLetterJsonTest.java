package dev.aiapiwatch.io;

import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1M;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static DeadLetter deadLetter(long position) {
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.MISSING_AID,
                        "DnsRequest has no aid",
                        "{\"event_simpleName\":\"DnsRequest\"}\r",
                        "telemetry/day-1.ndjson",
                        position);
        deadLetter.rejectedAt = T0_PLUS_1M;
        return deadLetter;
    }

    private static JsonNode write(DeadLetter deadLetter) throws JsonProcessingException {
        return Json.mapper().readTree(DeadLetterJson.toJson(deadLetter));
    }

    @Test
    void deadLetterFields() throws JsonProcessingException {
        JsonNode json = write(deadLetter(42));

        assertThat(json.path("@timestamp").asText()).isEqualTo("2026-11-02T10:01:00.000Z");
        assertThat(json.path("reason").asText()).isEqualTo("missing_aid");
        assertThat(json.path("message").asText()).isEqualTo("DnsRequest has no aid");
        assertThat(json.at("/source/file").asText()).isEqualTo("telemetry/day-1.ndjson");
        assertThat(json.at("/source/line").isIntegralNumber()).isTrue();
        assertThat(json.at("/source/line").asLong()).isEqualTo(42);
        assertThat(json.path("raw").asText()).isEqualTo("{\"event_simpleName\":\"DnsRequest\"}\r");
    }

    @Test
    void stageSourceWithoutPosition() throws JsonProcessingException {
        JsonNode json = write(deadLetter(DeadLetter.UNKNOWN_POSITION));

        assertThat(json.path("source").has("line")).isFalse();
        assertThat(json.path("source").has("file")).isFalse();
        assertThat(json.at("/source/stage").asText()).isEqualTo("telemetry/day-1.ndjson");
    }

    @Test
    void kafkaSourceHasTopicPartitionOffset() throws JsonProcessingException {
        DeadLetter fromKafka = deadLetter(1234).atKafkaPartition(1);

        JsonNode json = write(fromKafka);

        assertThat(json.at("/source/topic").asText()).isEqualTo("telemetry/day-1.ndjson");
        assertThat(json.at("/source/partition").asInt()).isEqualTo(1);
        assertThat(json.at("/source/offset").asLong()).isEqualTo(1234);
        assertThat(json.path("source").has("line")).isFalse();
    }

    @Test
    void eventTimeOnlyWhenKnown() throws JsonProcessingException {
        DeadLetter withTime = deadLetter(1);
        withTime.eventTime = T0;

        assertThat(write(deadLetter(1)).has("event_time")).isFalse();
        assertThat(write(withTime).path("event_time").asText())
                .isEqualTo("2026-11-02T10:00:00.000Z");
    }

    @Test
    void deadLetterWrittenAsOneLine() {
        String json = DeadLetterJson.toJson(deadLetter(1));

        assertThat(json).doesNotContain("\n");
        assertThat(json).doesNotContain("\r");
    }
}
