package dev.aiapiwatch.tools;

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
 * <p>Usage: {@code PrintTopic BOOTSTRAP_SERVERS TOPIC}
 */
public final class PrintTopic {

    private PrintTopic() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("Usage: PrintTopic BOOTSTRAP_SERVERS TOPIC");
            System.exit(2);
        }
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(args[1])
                    .forEach(info -> partitions.add(new TopicPartition(args[1], info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var endOffsets = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < endOffsets.get(p))) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    System.out.println(record.value());
                }
            }
        } catch (KafkaException e) {
            System.err.println(
                    "Reading "
                            + args[1]
                            + " at "
                            + args[0]
                            + " failed: "
                            + e.getMessage()
                            + " Is the broker up (scripts/local-stack.sh status)?");
            System.exit(1);
        }
    }
}
