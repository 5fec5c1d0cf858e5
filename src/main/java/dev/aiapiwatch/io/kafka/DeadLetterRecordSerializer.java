package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.io.DeadLetterJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes each dead letter as a JSON record to the dead-letter topic, keyed by its reason. */
public class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                deadLetter.rejectedAt,
                deadLetter.reason.getBytes(StandardCharsets.UTF_8),
                DeadLetterJson.toJson(deadLetter).getBytes(StandardCharsets.UTF_8));
    }
}
