package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.testing.DocumentedClientProperties;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.ListenerSecurity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SendConfigUpdate and PrintTopic against a broker whose client listener takes SCRAM-SHA-512 logins
 * over TLS, through the documented deploy/kafka/client.properties and the password in
 * KAFKA_PASSWORD, which the failsafe configuration in pom.xml sets.
 */
class SecuredKafkaToolsITCase {

    private static EmbeddedKafka kafka;
    private static String jobPassword;

    @TempDir Path directory;

    @BeforeAll
    static void startKafka() throws Exception {
        jobPassword = System.getenv("KAFKA_PASSWORD");
        assertThat(jobPassword)
                .as("KAFKA_PASSWORD, which the failsafe configuration in pom.xml sets")
                .isNotBlank();
        kafka =
                EmbeddedKafka.start(
                        ListenerSecurity.saslSsl(
                                Map.of(DocumentedClientProperties.JOB_USER, jobPassword)));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void watchlistUpsertSentAndReadBack() throws Exception {
        String topic = "watchlist-upsert-config";
        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        Path properties = clientProperties(text -> text);
        DetectionConfigUpdate update =
                DetectionConfigUpdate.watchlistUpsert("api.example.ai", "Example AI");

        Run sent =
                run(
                        SendConfigUpdate::run,
                        "--kafka-properties",
                        properties.toString(),
                        kafka.bootstrapServers(),
                        topic,
                        "watchlist",
                        "upsert",
                        "api.example.ai",
                        "Example AI");

        assertThat(sent.err).isEmpty();
        assertThat(sent.status).isZero();
        assertThat(sent.out)
                .isEqualTo(
                        "sent 'upsert watchlist api.example.ai (Example AI)' to " + topic + "\n");
        // Read back as the broker's admin user, independent of the tools.
        List<ConsumerRecord<String, String>> written = kafka.read(topic, 2, Duration.ofSeconds(3));
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("watchlist/api.example.ai");
        assertThat(written.get(0).value()).isEqualTo(DetectionConfigUpdateJson.toJson(update));

        Run printed =
                run(
                        PrintTopic::run,
                        "--kafka-properties",
                        properties.toString(),
                        kafka.bootstrapServers(),
                        topic);

        assertThat(printed.err).isEmpty();
        assertThat(printed.status).isZero();
        assertThat(printed.out).isEqualTo(DetectionConfigUpdateJson.toJson(update) + "\n");
    }

    @Test
    void deadLettersPrinted() throws Exception {
        String topic = "printed-dead-letters";
        kafka.createTopic(topic, 1, Map.of());
        String first = "{\"reason\":\"invalid_json\",\"raw\":\"{\\\"aid\\\":\"}";
        String second = "{\"reason\":\"missing_field\",\"raw\":\"{}\"}";
        kafka.sendValues(topic, 0, List.of(first, second));

        Run printed =
                run(
                        PrintTopic::run,
                        "--kafka-properties",
                        clientProperties(text -> text).toString(),
                        kafka.bootstrapServers(),
                        topic);

        assertThat(printed.err).isEmpty();
        assertThat(printed.status).isZero();
        assertThat(printed.out).isEqualTo(first + "\n" + second + "\n");
    }

    @Test
    void rejectedLoginNamesSettings() throws Exception {
        String topic = "rejected-login-config";
        kafka.createTopic(topic, 1, Map.of());
        String wrongPassword = "wrong" + UUID.randomUUID().toString().replace("-", "");
        Path properties =
                clientProperties(text -> text.replace("${env:KAFKA_PASSWORD}", wrongPassword));

        Run sent =
                run(
                        SendConfigUpdate::run,
                        "--kafka-properties",
                        properties.toString(),
                        kafka.bootstrapServers(),
                        topic,
                        "watchlist",
                        "delete",
                        "api.example.ai");

        assertThat(sent.status).isEqualTo(1);
        assertThat(sent.out).isEmpty();
        assertThat(sent.err)
                .startsWith(
                        "Sending the update to "
                                + topic
                                + " at "
                                + kafka.bootstrapServers()
                                + " failed: ")
                .contains("SCRAM-SHA-512")
                .contains("Check --bootstrap-servers (" + kafka.bootstrapServers() + ")")
                .contains("the --kafka-properties file " + properties)
                .doesNotContain(wrongPassword)
                .doesNotContain(jobPassword);
        assertThat(kafka.read(topic, 1, Duration.ofSeconds(1))).isEmpty();
    }

    private Path clientProperties(UnaryOperator<String> change) throws Exception {
        return DocumentedClientProperties.write(directory, kafka.security().certificate(), change);
    }

    /** A tool's {@code run(args, out, err)} method. */
    private interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** Runs {@code tool} with {@code args} and returns its exit status and output. */
    private static Run run(Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                tool.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A tool's exit status, standard output and standard error. */
    private record Run(int status, String out, String err) {}
}
