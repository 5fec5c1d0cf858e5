package dev.aiapiwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The documented Kafka client properties of deploy/kafka/client.properties, written for a test
 * broker: only the CA path is changed, so tests log in the documented way, as user {@value
 * #JOB_USER} with the password from KAFKA_PASSWORD.
 */
public final class DocumentedClientProperties {

    /** The user of the documented client properties. */
    public static final String JOB_USER = "ai-api-watch";

    private static final Path CLIENT_PROPERTIES = Path.of("deploy/kafka/client.properties");

    private DocumentedClientProperties() {}

    /**
     * Writes the documented client properties, with {@code certificate} as the CA and then {@code
     * change} applied, to a new file in {@code directory} and returns its path.
     */
    public static Path write(Path directory, Path certificate, UnaryOperator<String> change)
            throws IOException {
        String text = Files.readString(CLIENT_PROPERTIES);
        Properties documented = new Properties();
        documented.load(new StringReader(text));
        assertThat(documented.getProperty("sasl.jaas.config"))
                .contains("username=\"" + JOB_USER + "\"")
                .contains("password=\"${env:KAFKA_PASSWORD}\"");
        String documentedCa = documented.getProperty("ssl.truststore.location");
        assertThat(documentedCa).isNotBlank();
        String trusted = text.replace(documentedCa, certificate.toString());
        return Files.writeString(
                directory.resolve("client-" + UUID.randomUUID() + ".properties"),
                change.apply(trusted));
    }
}
