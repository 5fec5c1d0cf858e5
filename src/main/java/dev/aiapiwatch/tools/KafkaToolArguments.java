package dev.aiapiwatch.tools;

import dev.aiapiwatch.config.InvalidOptionException;
import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.config.ToolKafkaProperties;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * The arguments that the Kafka tools share: an optional {@code --kafka-properties FILE} first, then
 * the bootstrap servers and the topic, then the tool's own arguments. The file is read and checked
 * as the job reads its {@code --kafka-properties} file.
 */
final class KafkaToolArguments {

    /** The arguments after the options: bootstrap servers, topic, then the tool's own. */
    final String[] positional;

    final String bootstrapServers;
    final String topic;

    /** The client properties file, or null when none is given. */
    final Path propertiesFile;

    /** The client properties of the file, with {@code bootstrap.servers} set. */
    private final Properties clientProperties;

    private KafkaToolArguments(String[] positional, Path propertiesFile, Properties properties) {
        this.positional = positional;
        this.bootstrapServers = positional[0];
        this.topic = positional[1];
        this.propertiesFile = propertiesFile;
        this.clientProperties = properties;
    }

    /**
     * Parses {@code args}, or returns null when they lack the bootstrap servers and the topic.
     *
     * @throws InvalidOptionException when {@code --kafka-properties} has no value, or its file is
     *     missing or has a property that the job would reject
     */
    static KafkaToolArguments parse(String[] args) throws InvalidOptionException {
        Path propertiesFile = null;
        int first = 0;
        if (args.length > 0 && args[0].equals(ToolKafkaProperties.KAFKA_PROPERTIES)) {
            if (args.length < 2) {
                throw new InvalidOptionException(
                        "Missing value for "
                                + ToolKafkaProperties.KAFKA_PROPERTIES
                                + ": expected "
                                + ToolKafkaProperties.KAFKA_PROPERTIES
                                + " FILE, a Java properties file of Kafka client properties.");
            }
            propertiesFile = Path.of(args[1]);
            first = 2;
        }
        if (args.length - first < 2) {
            return null;
        }
        String[] positional = Arrays.copyOfRange(args, first, args.length);
        Properties properties = ToolKafkaProperties.read(positional[0], propertiesFile);
        return new KafkaToolArguments(positional, propertiesFile, properties);
    }

    /** Returns a copy of the client properties, to which a tool adds its own settings. */
    Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }

    /**
     * Returns the message for a failed Kafka request: {@code failure}, the cause's message with
     * credentials redacted, and the settings to check.
     */
    String failureMessage(String failure, Throwable cause) {
        String reason = KafkaOptions.redact(clientProperties, String.valueOf(cause.getMessage()));
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return failure + ": " + reason + ". " + settingsToCheck();
    }

    private String settingsToCheck() {
        String brokers =
                "Check " + ToolKafkaProperties.BOOTSTRAP_SERVERS + " (" + bootstrapServers + ")";
        String localStack =
                "With the local stack, check that the broker is up (scripts/local-stack.sh"
                        + " status).";
        if (propertiesFile == null) {
            return brokers
                    + ", and give "
                    + ToolKafkaProperties.KAFKA_PROPERTIES
                    + " FILE when the cluster needs TLS or a SASL login, as in"
                    + " deploy/kafka/client.properties. "
                    + localStack;
        }
        return brokers
                + " and the "
                + ToolKafkaProperties.KAFKA_PROPERTIES
                + " file "
                + propertiesFile
                + ": security.protocol, sasl.jaas.config with its password, and"
                + " ssl.truststore.location. "
                + localStack;
    }
}
