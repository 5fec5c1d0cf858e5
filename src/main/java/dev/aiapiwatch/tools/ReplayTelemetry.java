package dev.aiapiwatch.tools;

import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.io.InventoryEntryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes newline-delimited telemetry files to a Kafka topic, one record per non-blank line, keyed
 * by the event's {@code aid}, so that the events of one host stay in order in one partition. Lines
 * of the aidmaster and userinfo tables are keyed {@code aidmaster/<aid>} and {@code
 * userinfo/<UserSid>} instead, as the compacted aidmaster-userinfo topic needs. Used by {@code
 * scripts/replay.sh}.
 *
 * <p>Usage: {@code ReplayTelemetry [--kafka-properties FILE] BOOTSTRAP_SERVERS TOPIC FILE...};
 * {@code .gz} files are read decompressed.
 */
public final class ReplayTelemetry {

    private static final Pattern AID = Pattern.compile("\"aid\"\\s*:\\s*\"([^\"]*)\"");

    private ReplayTelemetry() {}

    public static void main(String[] args) {
        KafkaToolArguments arguments;
        try {
            arguments = KafkaToolArguments.parse(args);
        } catch (InvalidOptionException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (arguments == null || arguments.positional.length < 3) {
            System.err.println(
                    "Usage: ReplayTelemetry [--kafka-properties FILE] BOOTSTRAP_SERVERS TOPIC"
                            + " FILE...");
            System.exit(2);
            return;
        }
        Properties properties = arguments.clientProperties();
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        String topic = arguments.topic;
        String failure = "Writing to " + topic + " at " + arguments.bootstrapServers + " failed";
        long total = 0;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (int i = 2; i < arguments.positional.length; i++) {
                Path file = Path.of(arguments.positional[i]);
                long sent = replay(producer, topic, file);
                System.out.printf("%s: %d %s to %s%n", file, sent, records(sent), topic);
                total += sent;
            }
            producer.flush();
        } catch (KafkaException e) {
            System.err.println(arguments.failureMessage(failure, e));
            System.exit(1);
        } catch (IOException e) {
            // A failed send comes wrapped with the file it came from; a file that cannot be read
            // needs no hint about the brokers.
            System.err.println(
                    e.getCause() instanceof KafkaException
                            ? arguments.failureMessage(failure, e)
                            : failure + ": " + withoutFinalPeriod(e.getMessage()) + ".");
            System.exit(1);
        }
        System.out.printf("%d %s in all%n", total, records(total));
    }

    /**
     * Sends the lines of {@code file} and waits until the broker has acknowledged all of them.
     * Stops at the first failed send: with the brokers unreachable, each further send would wait
     * max.block.ms for the topic's metadata again.
     */
    static long replay(KafkaProducer<String, String> producer, String topic, Path file)
            throws IOException {
        InputStream stream = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPInputStream(stream);
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long lineNumber = 0;
        long lastSentLine = 0;
        long stoppedAfter = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (failure.get() != null) {
                    stoppedAfter = lastSentLine;
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                producer.send(
                        new ProducerRecord<>(topic, keyOf(line), line),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                sent++;
                lastSentLine = lineNumber;
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IOException(
                    "writing "
                            + file
                            + " to "
                            + topic
                            + " failed"
                            + (stoppedAfter > 0 ? " (stopped after line " + stoppedAfter + ")" : "")
                            + ": "
                            + failure.get().getMessage(),
                    failure.get());
        }
        return sent;
    }

    /** Returns the message key of a line: its entry key, or else its {@code aid}. */
    static String keyOf(String line) {
        if (!line.contains("\"event_simpleName\"")) {
            InventoryEntry entry = InventoryEntryJson.parse(line, "replay", 0);
            if (entry != null && entry.deadLetter == null) {
                return InventoryEntryJson.keyOf(entry);
            }
        }
        return aidOf(line);
    }

    /** Returns the {@code aid} value of a Falcon JSON line, or null when it has none. */
    static String aidOf(String line) {
        Matcher matcher = AID.matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String records(long count) {
        return count == 1 ? "record" : "records";
    }

    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".")
                ? message.substring(0, message.length() - 1)
                : message;
    }
}
