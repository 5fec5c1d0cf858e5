package dev.aiapiwatch.tools;

import dev.aiapiwatch.config.InvalidOptionException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the values of a topic from its beginning, one per line, and stops once it has read up to
 * the end offsets it found at start. Used by {@code scripts/read-dead-letters.sh}.
 *
 * <p>Usage: {@code PrintTopic [--kafka-properties FILE] BOOTSTRAP_SERVERS TOPIC}
 */
public final class PrintTopic {

    private static final String USAGE =
            "Usage: PrintTopic [--kafka-properties FILE] BOOTSTRAP_SERVERS TOPIC";

    private PrintTopic() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Prints the values of the topic that {@code args} name and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        KafkaToolArguments arguments;
        try {
            arguments = KafkaToolArguments.parse(args);
        } catch (InvalidOptionException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (arguments == null || arguments.positional.length != 2) {
            err.println(USAGE);
            return 2;
        }
        Properties properties = arguments.clientProperties();
        properties.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        String topic = arguments.topic;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var endOffsets = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < endOffsets.get(p))) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    out.println(record.value());
                }
            }
            return 0;
        } catch (KafkaException e) {
            err.println(
                    arguments.failureMessage(
                            "Reading " + topic + " at " + arguments.bootstrapServers + " failed",
                            e));
            return 1;
        }
    }
}
