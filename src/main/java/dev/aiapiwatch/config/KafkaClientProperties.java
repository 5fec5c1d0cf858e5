package dev.aiapiwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The names of the properties that the job's Kafka clients know: the consumer, producer and admin
 * client settings, the config providers' own settings, and those of Flink's Kafka source. Kafka
 * only notes an unknown property in an INFO line and goes on without it, so a misspelt {@code
 * security.protocl} would silently leave the connection in plain text.
 */
final class KafkaClientProperties {

    /** Settings that Flink's Kafka source reads from the same properties. */
    private static final Set<String> FLINK_SOURCE_PROPERTIES =
            Set.of(
                    "client.id.prefix",
                    "partition.discovery.interval.ms",
                    "register.consumer.metrics",
                    "commit.offsets.on.checkpoint");

    private static final Set<String> KNOWN = known();

    /** Properties that name a file the clients load at start, with what the file must contain. */
    private static final Map<String, String> STORE_FILES =
            Map.of(
                    "ssl.truststore.location",
                    "the CA certificate that signed the brokers' certificates",
                    "ssl.keystore.location",
                    "the client's key and certificate");

    private KafkaClientProperties() {}

    /** Returns whether a Kafka client or the Flink Kafka source reads {@code name}. */
    static boolean isKnown(String name) {
        return KNOWN.contains(name) || name.startsWith("config.providers.");
    }

    /** Returns the known property closest to {@code name}, or null when none is close. */
    static String closest(String name) {
        return ClosestName.among(name, KNOWN);
    }

    /**
     * Checks that the truststore and keystore files named by {@code properties} are readable files.
     * A Kafka client fails on a missing one only when the job creates it, with a message several
     * exceptions deep. Values with a config-provider reference are left to Kafka.
     *
     * @param where where the properties were given, such as "the --kafka-properties file"
     * @throws InvalidOptionException naming the property, the path and what the file must contain
     */
    static void checkStoreFiles(Properties properties, String where) throws InvalidOptionException {
        for (Map.Entry<String, String> store : STORE_FILES.entrySet()) {
            String location = properties.getProperty(store.getKey());
            if (location == null || location.isBlank() || location.contains("${")) {
                continue;
            }
            Path file = Path.of(location.strip());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new InvalidOptionException(
                        "The Kafka client property "
                                + store.getKey()
                                + " names "
                                + file
                                + ", which is not a readable file. Set it in "
                                + where
                                + " to a file with "
                                + store.getValue()
                                + ".");
            }
        }
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(FLINK_SOURCE_PROPERTIES);
        return names;
    }
}
