package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.config.InvalidOptionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaToolArgumentsTest {

    @TempDir Path directory;

    @Test
    void withoutPropertiesFileOnlyBrokers() throws InvalidOptionException {
        KafkaToolArguments arguments =
                KafkaToolArguments.parse(new String[] {"127.0.0.1:9092", "dead-letters"});

        assertThat(arguments.bootstrapServers).isEqualTo("127.0.0.1:9092");
        assertThat(arguments.topic).isEqualTo("dead-letters");
        assertThat(arguments.positional).containsExactly("127.0.0.1:9092", "dead-letters");
        assertThat(arguments.propertiesFile).isNull();
        assertThat(arguments.clientProperties()).hasSize(1);
        assertThat(arguments.clientProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void propertiesFileRead() throws IOException, InvalidOptionException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "security.protocol=SASL_SSL\n"
                                + "sasl.mechanism=SCRAM-SHA-512\n"
                                + "sasl.jaas.config=org.apache.kafka.common.security.scram."
                                + "ScramLoginModule required username=\"u\" password=\"s3cret\";\n");

        KafkaToolArguments arguments =
                KafkaToolArguments.parse(
                        new String[] {
                            "--kafka-properties", file.toString(), "broker:9093", "config", "x"
                        });

        assertThat(arguments.positional).containsExactly("broker:9093", "config", "x");
        assertThat(arguments.propertiesFile).isEqualTo(file);
        assertThat(arguments.clientProperties())
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void missingPropertiesFileNamed() {
        Path missing = directory.resolve("missing.properties");

        assertThatThrownBy(
                        () ->
                                KafkaToolArguments.parse(
                                        new String[] {
                                            "--kafka-properties", missing.toString(), "b:9092", "t"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Invalid value '"
                                + missing
                                + "' for --kafka-properties: expected an existing properties"
                                + " file.");
    }

    @Test
    void unknownPropertyNamedWithFile() throws IOException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"), "security.protocl=SASL_SSL\n");

        assertThatThrownBy(
                        () ->
                                KafkaToolArguments.parse(
                                        new String[] {
                                            "--kafka-properties", file.toString(), "b:9092", "t"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith(
                        "Unknown Kafka client property 'security.protocl' in the"
                                + " --kafka-properties file "
                                + file
                                + ": no Kafka client reads it; did you mean"
                                + " 'security.protocol'?");
    }

    @Test
    void brokersInPropertiesFileRejected() throws IOException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"), "bootstrap.servers=b:9092\n");

        assertThatThrownBy(
                        () ->
                                KafkaToolArguments.parse(
                                        new String[] {
                                            "--kafka-properties", file.toString(), "b:9092", "t"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "The client property bootstrap.servers is set by the tool from"
                                + " --bootstrap-servers; give it there, and remove it from the"
                                + " --kafka-properties file "
                                + file
                                + ".");
    }

    @Test
    void unsetEnvironmentVariableRejected() throws IOException {
        String variable = "AI_API_WATCH_UNSET_" + System.nanoTime();
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "config.providers=env\n"
                                + "config.providers.env.class=org.apache.kafka.common.config."
                                + "provider.EnvVarConfigProvider\n"
                                + "sasl.jaas.config=x password=\"${env:"
                                + variable
                                + "}\";\n");

        assertThatThrownBy(
                        () ->
                                KafkaToolArguments.parse(
                                        new String[] {
                                            "--kafka-properties", file.toString(), "b:9092", "t"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("sasl.jaas.config reads the environment variable " + variable)
                .hasMessageContaining("not set");
    }

    @Test
    void propertiesOptionWithoutValueRejected() {
        assertThatThrownBy(() -> KafkaToolArguments.parse(new String[] {"--kafka-properties"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith(
                        "Missing value for --kafka-properties: expected --kafka-properties FILE");
    }

    @Test
    void missingTopicNotParsed() throws InvalidOptionException {
        assertThat(KafkaToolArguments.parse(new String[] {"b:9092"})).isNull();
        assertThat(KafkaToolArguments.parse(new String[] {"--kafka-properties", "f", "b:9092"}))
                .isNull();
    }

    @Test
    void failureMessageRedactsAndNamesSettings() throws IOException, InvalidOptionException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "sasl.jaas.config=login password=\"s3cret\";\n");
        KafkaToolArguments arguments =
                KafkaToolArguments.parse(
                        new String[] {"--kafka-properties", file.toString(), "b:9092", "t"});

        String message =
                arguments.failureMessage(
                        "Reading t at b:9092 failed",
                        new IllegalStateException(
                                "bad config login password=\"s3cret\"; (invalid)."));

        assertThat(message)
                .isEqualTo(
                        "Reading t at b:9092 failed: bad config *** (invalid). Check"
                                + " --bootstrap-servers (b:9092) and the --kafka-properties file "
                                + file
                                + ": security.protocol, sasl.jaas.config with its password, and"
                                + " ssl.truststore.location. With the local stack, check that"
                                + " the broker is up (scripts/local-stack.sh status).");
    }

    @Test
    void failureMessageWithoutFileSuggestsOne() throws InvalidOptionException {
        KafkaToolArguments arguments =
                KafkaToolArguments.parse(new String[] {"127.0.0.1:9092", "t"});

        String message =
                arguments.failureMessage(
                        "Reading t at 127.0.0.1:9092 failed",
                        new IllegalStateException("Timeout expired while fetching topic metadata"));

        assertThat(message)
                .isEqualTo(
                        "Reading t at 127.0.0.1:9092 failed: Timeout expired while fetching topic"
                                + " metadata. Check --bootstrap-servers (127.0.0.1:9092), and"
                                + " give --kafka-properties FILE when the cluster needs TLS or a"
                                + " SASL login, as in deploy/kafka/client.properties. With the"
                                + " local stack, check that the broker is up"
                                + " (scripts/local-stack.sh status).");
    }

    @Test
    void invalidPropertiesFileEndsTool() throws IOException {
        Path file = Files.writeString(directory.resolve("client.properties"), "sasl.mechanizm=x\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status =
                PrintTopic.run(
                        new String[] {"--kafka-properties", file.toString(), "b:9092", "t"},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Unknown Kafka client property 'sasl.mechanizm' in the");
    }
}
