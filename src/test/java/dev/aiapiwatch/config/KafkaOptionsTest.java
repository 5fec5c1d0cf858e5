package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.config.KafkaOptions.StartingOffsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaOptionsTest {

    @TempDir Path directory;

    private static KafkaOptions parse(String... more) throws InvalidOptionException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka-bootstrap-servers", "127.0.0.1:9092",
                                "--telemetry-topic", "falcon-telemetry"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).kafka();
    }

    @Test
    void defaultsApplied() throws InvalidOptionException {
        KafkaOptions options = parse();

        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.telemetryTopics()).containsExactly("falcon-telemetry");
        assertThat(options.telemetryTopicPattern()).isNull();
        assertThat(options.configTopic()).isEqualTo("ai-api-watch-config");
        assertThat(options.deadLetterTopic()).isEqualTo("ai-api-watch-dead-letters");
        assertThat(options.groupId()).isEqualTo("ai-api-watch");
        assertThat(options.startingOffsets().kind())
                .isEqualTo(StartingOffsets.Kind.COMMITTED_OR_EARLIEST);
        assertThat(options.stopAtLatest()).isFalse();
        assertThat(options.clientProperties()).isEmpty();
    }

    @Test
    void fileModeWithoutKafkaOptions() throws InvalidOptionException {
        assertThat(JobOptions.parse(new String[0]).kafka()).isNull();
    }

    @Test
    void kafkaOptionWithoutBrokersRejected() {
        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--telemetry-topic", "t"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Kafka options need --kafka-bootstrap-servers");
    }

    @Test
    void topicAndPatternTogetherRejected() {
        assertThatThrownBy(() -> parse("--telemetry-topic-pattern", "falcon-.*"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("either --telemetry-topic (repeatable) or")
                .hasMessageContaining("not both");
    }

    @Test
    void invalidTopicPatternRejected() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--kafka-bootstrap-servers", "b:9092",
                                            "--telemetry-topic-pattern", "falcon-(",
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value 'falcon-(' for --telemetry-topic-pattern")
                .hasMessageContaining("a Java regular expression");
    }

    @ParameterizedTest
    @CsvSource({
        "earliest,              EARLIEST",
        "latest,                LATEST",
        "committed,             COMMITTED",
        "committed-or-earliest, COMMITTED_OR_EARLIEST",
        "Committed-Or-Latest,   COMMITTED_OR_LATEST",
    })
    void startingOffsetsNamed(String value, StartingOffsets.Kind kind)
            throws InvalidOptionException {
        assertThat(parse("--starting-offsets", value).startingOffsets().kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T09:00:00Z", "1796029200000"})
    void startingOffsetsAtTime(String value) throws InvalidOptionException {
        StartingOffsets offsets = parse("--starting-offsets", value).startingOffsets();

        assertThat(offsets.kind()).isEqualTo(StartingOffsets.Kind.TIMESTAMP);
        assertThat(offsets.timestamp())
                .isEqualTo(Instant.parse("2026-11-30T09:00:00Z").toEpochMilli());
    }

    @Test
    void badStartingOffsetsRejected() {
        assertThatThrownBy(() -> parse("--starting-offsets", "yesterday"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value 'yesterday' for --starting-offsets")
                .hasMessageContaining("committed-or-earliest");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sasl.jaas.config",
                "ssl.keystore.password",
                "ssl.key.password",
                "basic.auth.user.info",
                "sasl.oauthbearer.client.credentials.client.secret"
            })
    void credentialOnCommandLineRejected(String name) {
        String secret = "hunter2-secret-value";

        assertThatThrownBy(() -> parse("--kafka-property", name + "=" + secret))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("--kafka-properties")
                .hasMessageNotContaining(secret);
    }

    @Test
    void propertiesFileThenCommandLine() throws IOException, InvalidOptionException {
        Path file = directory.resolve("client.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\n"
                        + "sasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"watch\" password=\"s3cret\";\n");

        KafkaOptions options =
                parse(
                        "--kafka-properties", file.toString(),
                        "--kafka-property", "security.protocol=SSL",
                        "--kafka-property", "client.rack=eu-1a");

        assertThat(options.clientProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.rack", "eu-1a")
                .containsKey("sasl.jaas.config");
        assertThat(options.describeClientProperties())
                .contains("sasl.jaas.config=***")
                .contains("security.protocol=SSL")
                .doesNotContain("s3cret");
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void misspeltPropertyRejectedWithSuggestion() {
        assertThatThrownBy(() -> parse("--kafka-property", "security.protocl=SASL_SSL"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown Kafka client property 'security.protocl'")
                .hasMessageContaining("did you mean 'security.protocol'?");
    }

    @Test
    void unrelatedPropertyRejectedWithoutSuggestion() {
        assertThatThrownBy(() -> parse("--kafka-property", "foo=1"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Unknown Kafka client property 'foo'")
                .message()
                .doesNotContain("did you mean");
    }

    @Test
    void providerAndSourcePropertiesAccepted() throws InvalidOptionException {
        KafkaOptions options =
                parse(
                        "--kafka-property",
                        "config.providers=env",
                        "--kafka-property",
                        "config.providers.env.class="
                                + "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                        "--kafka-property",
                        "partition.discovery.interval.ms=60000",
                        "--kafka-property",
                        "max.poll.records=1000");

        assertThat(options.clientProperties().getProperty("max.poll.records")).isEqualTo("1000");
    }

    @ParameterizedTest
    @CsvSource({
        "ssl.truststore.location, the CA certificate that signed the brokers' certificates",
        "ssl.keystore.location, the client's key and certificate"
    })
    void missingStoreFileRejected(String property, String content) {
        String missing = directory.resolve("missing-ca.crt").toString();

        assertThatThrownBy(() -> parse("--kafka-property", property + "=" + missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(
                        "The Kafka client property "
                                + property
                                + " names "
                                + missing
                                + ", which is not a readable file.")
                .hasMessageContaining("--kafka-properties file to a file with " + content + ".");
    }

    @Test
    void storeFileDirectoryRejected() {
        assertThatThrownBy(() -> parse("--kafka-property", "ssl.truststore.location=" + directory))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("names " + directory + ", which is not a readable file");
    }

    @Test
    void existingStoreFileAccepted() throws IOException, InvalidOptionException {
        Path certificate = Files.writeString(directory.resolve("ca.crt"), "");

        KafkaOptions options = parse("--kafka-property", "ssl.truststore.location=" + certificate);

        assertThat(options.clientProperties())
                .containsEntry("ssl.truststore.location", certificate.toString());
    }

    @Test
    void missingPropertiesFileRejected() {
        String missing = directory.resolve("missing.properties").toString();

        assertThatThrownBy(() -> parse("--kafka-properties", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value '" + missing + "' for --kafka-properties");
    }

    @Test
    void propertyWithoutEqualsRejected() {
        assertThatThrownBy(() -> parse("--kafka-property", "security.protocol"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void inputFileWithKafkaRejected() throws IOException {
        Path input = Files.writeString(directory.resolve("events.ndjson"), "{}\n");

        assertThatThrownBy(() -> parse("--input", input.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--input is for file mode");
    }

    @Test
    void inputWithTopicButNoBrokersNamesFileMode() throws IOException {
        Path input = Files.writeString(directory.resolve("events.ndjson"), "{}\n");

        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--telemetry-topic", "t", "--input", input.toString()
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--input is for file mode");
    }

    @ParameterizedTest
    @CsvSource({
        "bootstrap.servers=127.0.0.1:9999, --kafka-bootstrap-servers",
        "group.id=other, --kafka-group-id"
    })
    void propertySetFromOptionRejected(String property, String option) {
        assertThatThrownBy(() -> parse("--kafka-property", property))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("is set by the job from " + option);
    }

    @Test
    void brokersInPropertiesFileRejected() throws IOException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "bootstrap.servers=broker-1:9092\nsecurity.protocol=SSL\n");

        assertThatThrownBy(() -> parse("--kafka-properties", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("bootstrap.servers is set by the job from");
    }

    /** Writes a client properties file that defines the environment provider and {@code line}. */
    private Path withEnvironmentProvider(String line) throws IOException {
        return Files.writeString(
                directory.resolve("client.properties"),
                "config.providers=env\n"
                        + "config.providers.env.class="
                        + "org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
                        + line
                        + "\n");
    }

    @Test
    void unsetEnvironmentVariableRejected() throws IOException {
        String variable = "AI_API_WATCH_TEST_VARIABLE_THAT_IS_NOT_SET";
        Path file =
                withEnvironmentProvider(
                        "sasl.jaas.config=x required password=\"${env:" + variable + "}\";");

        assertThatThrownBy(() -> parse("--kafka-properties", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("sasl.jaas.config reads the environment variable " + variable)
                .hasMessageContaining("not set");
    }

    @Test
    void setEnvironmentVariableAccepted() throws IOException, InvalidOptionException {
        Path file = withEnvironmentProvider("ssl.truststore.location=${env:PATH}");

        KafkaOptions options = parse("--kafka-properties", file.toString());

        assertThat(options.clientProperties())
                .containsEntry("ssl.truststore.location", "${env:PATH}");
    }

    @Test
    void undefinedProviderRejected() throws IOException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "sasl.jaas.config=x required password=\"${env:KAFKA_PASSWORD}\";\n");

        assertThatThrownBy(() -> parse("--kafka-properties", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("the config provider 'env', which config.providers does not");
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "ai-api-watch-.*", "ai-api-watch-config"})
    void patternMatchingOwnTopicRejected(String pattern) {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--kafka-bootstrap-servers",
                                            "127.0.0.1:9092",
                                            "--telemetry-topic-pattern",
                                            pattern
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("a topic of the job itself");
    }

    @Test
    void deadLetterTopicAsTelemetryRejected() {
        assertThatThrownBy(() -> parse("--telemetry-topic", "ai-api-watch-dead-letters"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--telemetry-topic")
                .hasMessageContaining("not the config or dead-letter topic");
    }

    @Test
    void secretValueRedactedFromClientMessages() throws IOException, InvalidOptionException {
        Path file =
                Files.writeString(
                        directory.resolve("client.properties"),
                        "ssl.key.password=hunter2-long\nsecurity.protocol=SSL\n");

        KafkaOptions options = parse("--kafka-properties", file.toString());

        assertThat(options.redact("Invalid value hunter2-long for SSL, protocol SSL"))
                .isEqualTo("Invalid value *** for SSL, protocol SSL");
    }
}
