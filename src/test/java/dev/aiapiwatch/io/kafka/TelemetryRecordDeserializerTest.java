package dev.aiapiwatch.io.kafka;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.event.EventKind;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TelemetryRecordDeserializerTest {

    private final TelemetryRecordDeserializer deserializer =
            new TelemetryRecordDeserializer(new FalconEventParser(4096));

    private static ConsumerRecord<byte[], byte[]> record(String value, long offset) {
        return new ConsumerRecord<>(
                "falcon-telemetry",
                1,
                offset,
                null,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventParsedFromValue() {
        FalconEvent event =
                deserializer.parse(
                        record(
                                TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0).line()
                                        + "\n",
                                7));

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
        assertThat(event.dnsLookup.domainName).isEqualTo("api.openai.com");
        assertThat(event.timestamp).isEqualTo(T0);
    }

    @Test
    void badValueKeepsTopicPartitionOffset() {
        FalconEvent event = deserializer.parse(record("{\"event_simpleName\":", 42));

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("invalid_json");
        assertThat(event.deadLetter.origin).isEqualTo("falcon-telemetry");
        assertThat(event.deadLetter.partition).isEqualTo(1);
        assertThat(event.deadLetter.position).isEqualTo(42);
    }

    @Test
    void recordWithoutValueRejected() {
        FalconEvent event = deserializer.parse(record(null, 3));

        assertThat(event.deadLetter.reason).isEqualTo("empty_record");
        assertThat(event.deadLetter.partition).isEqualTo(1);
        assertThat(event.deadLetter.position).isEqualTo(3);
    }

    @Test
    void hugeValueRejectedWithoutParsing() {
        String huge = "{\"CommandLine\":\"" + "x".repeat(20_000) + "\"}";

        FalconEvent event = deserializer.parse(record(huge, 5));

        assertThat(event.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(event.deadLetter.partition).isEqualTo(1);
    }
}
