package dev.aiapiwatch.io.kafka;

import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.io.DeadLetterJson;
import dev.aiapiwatch.io.DeadLetterPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends dead letters to the dead-letter topic with a producer of its own. */
public class KafkaDeadLetterPublisher implements DeadLetterPublisher {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterPublisher.class);

    private final KafkaOptions options;

    public KafkaDeadLetterPublisher(KafkaOptions options) {
        this.options = options;
    }

    @Override
    public Connection open() {
        Properties properties = options.clientProperties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(
                ProducerConfig.CLIENT_ID_CONFIG, options.groupId() + "-rejected-records");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
        String topic = options.deadLetterTopic();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        return new Connection() {
            @Override
            public void publish(DeadLetter deadLetter) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                deadLetter.reason.getBytes(StandardCharsets.UTF_8),
                                DeadLetterJson.toJson(deadLetter).getBytes(StandardCharsets.UTF_8)),
                        (metadata, error) -> {
                            if (error != null) {
                                LOG.error(
                                        "Failed to send a {} dead letter to {}: {}",
                                        deadLetter.reason,
                                        topic,
                                        error.toString());
                                sendFailure.compareAndSet(null, error);
                            }
                        });
            }

            /** Fails the checkpoint when a send failed, so that a replay sends it again. */
            @Override
            public void flush() throws IOException {
                producer.flush();
                Exception failure = sendFailure.getAndSet(null);
                if (failure != null) {
                    throw new IOException("a dead letter could not be sent to " + topic, failure);
                }
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
