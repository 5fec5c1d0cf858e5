package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.event.EventKind;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses the value of each telemetry record, one raw Falcon event, into a {@link FalconEvent}.
 * Parsing happens in the source so that timestamps and per-partition watermarks come from it. A
 * record that cannot be used becomes a dead letter with its topic, partition and offset; nothing
 * here throws, so a bad record never restarts the job.
 */
public class TelemetryRecordDeserializer implements KafkaRecordDeserializationSchema<FalconEvent> {

    private static final long serialVersionUID = 1L;

    private final FalconEventParser parser;

    public TelemetryRecordDeserializer(FalconEventParser parser) {
        this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FalconEvent> out) {
        out.collect(parse(record));
    }

    FalconEvent parse(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        FalconEvent event;
        if (value == null || value.length == 0) {
            event =
                    FalconEvent.of(
                            DeadLetter.of(
                                    DeadLetterReason.EMPTY_RECORD,
                                    "the record has no value",
                                    "",
                                    record.topic(),
                                    record.offset()));
        } else if (value.length > parser.maxLineLength() * 4L) {
            // Four bytes per character at most in UTF-8, so this is too long without decoding all.
            String beginning =
                    new String(
                            value,
                            0,
                            Math.min(value.length, DeadLetter.MAX_RAW_LENGTH),
                            StandardCharsets.UTF_8);
            event = parser.tooLong(beginning, value.length, record.topic(), record.offset());
        } else {
            event = parser.parse(value, 0, value.length, record.topic(), record.offset());
            if (event.kind == EventKind.INVALID
                    && !DeadLetterReason.INVALID_UTF8.code().equals(event.deadLetter.reason)) {
                // Parsed again as stripped text, so that white space around the JSON, which
                // producers may add, neither fails the record nor shows in its dead letter.
                String text = new String(value, StandardCharsets.UTF_8);
                event = parser.parse(text.strip(), record.topic(), record.offset());
            }
        }
        if (event.kind == EventKind.INVALID) {
            event.deadLetter.atKafkaPartition(record.partition());
        }
        return event;
    }

    @Override
    public TypeInformation<FalconEvent> getProducedType() {
        return TypeInformation.of(FalconEvent.class);
    }
}
