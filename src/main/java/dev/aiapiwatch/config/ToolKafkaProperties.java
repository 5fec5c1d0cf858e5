package dev.aiapiwatch.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties of the operator tools (SendConfigUpdate, PrintTopic, ReplayTelemetry).
 * They read the job's {@value KafkaOptions#KAFKA_PROPERTIES} file with the job's checks, so that
 * the same file, with its {@code ${env:NAME}} references, reaches a secured cluster from both.
 */
public final class ToolKafkaProperties {

    /** The tools' option for the brokers, which sets {@code bootstrap.servers}. */
    public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";

    /** The tools' option for the client properties file, named as the job's option. */
    public static final String KAFKA_PROPERTIES = KafkaOptions.KAFKA_PROPERTIES;

    private ToolKafkaProperties() {}

    /**
     * Reads the client properties of {@code file} and sets {@code bootstrap.servers} to {@code
     * bootstrapServers}, which is the only property when {@code file} is null.
     *
     * @throws InvalidOptionException when the file is missing or unreadable, names a property that
     *     no Kafka client reads or that an option sets, refers to an unset environment variable, or
     *     names a missing truststore or keystore
     */
    public static Properties read(String bootstrapServers, Path file)
            throws InvalidOptionException {
        Properties properties = new Properties();
        if (file != null) {
            properties.putAll(KafkaOptions.readPropertiesFile(file));
            ClientPropertySource source =
                    new ClientPropertySource(
                            "the " + KAFKA_PROPERTIES + " file " + file,
                            Map.of(
                                    "bootstrap.servers",
                                    "the tool from " + BOOTSTRAP_SERVERS,
                                    "group.id",
                                    "the job from " + KafkaOptions.GROUP_ID));
            KafkaOptions.checkClientProperties(properties, source);
        }
        properties.setProperty("bootstrap.servers", bootstrapServers);
        return properties;
    }
}
