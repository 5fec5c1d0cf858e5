package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import dev.aiapiwatch.io.InventoryEntryJson;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.CapturedLog;
import dev.aiapiwatch.testing.DocumentedClientProperties;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.ListenerSecurity;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a broker whose client listener takes SCRAM-SHA-512 logins over TLS. Every run
 * uses the documented client properties of deploy/kafka/client.properties, with only the CA path
 * changed to this broker's certificate, and reads the job user's password from KAFKA_PASSWORD as
 * they document.
 */
class SecuredKafkaITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final String JOB_USER = DocumentedClientProperties.JOB_USER;

    /**
     * A user whose broker credential is not the password in KAFKA_PASSWORD, as after a rotation
     * that the job's secret missed.
     */
    private static final String ROTATED_USER = "ai-api-watch-rotated";

    /**
     * Upper bound for a rejected login or handshake, which fails after one round trip. An
     * unreachable broker would take the 30 s of the start check.
     */
    private static final Duration FAST_FAILURE = Duration.ofSeconds(10);

    private static EmbeddedKafka kafka;
    private static String jobPassword;

    @TempDir Path directory;

    @BeforeAll
    static void startKafka() throws Exception {
        jobPassword = System.getenv("KAFKA_PASSWORD");
        assertThat(jobPassword)
                .as("KAFKA_PASSWORD, which the failsafe configuration in pom.xml sets")
                .isNotBlank();
        String rotatedPassword = UUID.randomUUID().toString().replace("-", "");
        kafka =
                EmbeddedKafka.start(
                        ListenerSecurity.saslSsl(
                                Map.of(JOB_USER, jobPassword, ROTATED_USER, rotatedPassword)));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void documentedPropertiesRunJob(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        String telemetry = name + "-telemetry";
        String config = name + "-config";
        String deadLetters = name + "-dead-letters";
        String entries = name + "-aidmaster-userinfo";
        kafka.createTopic(telemetry, 1, Map.of());
        kafka.createTopic(config, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(deadLetters, 1, Map.of());
        kafka.createTopic(entries, 1, Map.of("cleanup.policy", "compact"));
        InventoryEntry hostName =
                InventoryEntry.of(InventoryTable.AIDMASTER, HOST_A, "WIN-DEV-01", "Win");
        kafka.send(
                entries,
                0,
                List.<String[]>of(
                        new String[] {
                            InventoryEntryJson.keyOf(hostName), InventoryEntryJson.toJson(hostName)
                        }));
        String badLine = "{\"event_simpleName\":\"DnsRequest\",";
        kafka.sendValues(
                telemetry,
                0,
                List.of(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        badLine,
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line()));
        Path output = directory.resolve("risk-records.ndjson");

        String[] args = {
            "--kafka-bootstrap-servers",
            kafka.bootstrapServers(),
            "--kafka-properties",
            clientProperties(text -> text).toString(),
            "--telemetry-topic",
            telemetry,
            "--config-topic",
            config,
            "--dead-letter-topic",
            deadLetters,
            "--aidmaster-userinfo-topic",
            entries,
            "--kafka-group-id",
            name,
            "--starting-offsets",
            "earliest",
            "--max-out-of-orderness",
            "1m",
            "--output",
            output.toString(),
            "--stop-at-latest"
        };
        String logs;
        try (CapturedLog captured = CapturedLog.start()) {
            new AiApiWatchJob(JobOptions.parse(args)).run();
            logs = captured.text();
        }

        Map<String, JsonNode> records = finalRecords(output);
        assertThat(records).hasSize(1);
        JsonNode record = records.values().iterator().next();
        assertThat(record.at("/host/id").asText()).isEqualTo(HOST_A);
        assertThat(record.at("/host/name").asText()).isEqualTo("WIN-DEV-01");
        assertThat(record.at("/user/id").asText()).isEqualTo(USER_SID);
        assertThat(record.at("/process/name").asText()).isEqualTo("python.exe");
        assertThat(record.at("/process/parent/name").asText()).isEqualTo("explorer.exe");
        assertThat(record.at("/dns/question/name").asText()).isEqualTo("api.openai.com");
        assertThat(record.at("/ai_api/attribution").asText()).isEqualTo("process");
        assertThat(record.at("/ai_api/process_category").asText()).isEqualTo("ScriptRuntime");
        assertThat(record.at("/ai_api/risk_weight").asInt()).isEqualTo(2);
        assertThat(record.at("/ai_api/dns_query_count").asLong()).isEqualTo(2);
        assertThat(record.at("/event/start").asText()).isEqualTo(Json.formatTime(T0_PLUS_1S));
        assertThat(record.at("/event/end").asText()).isEqualTo(Json.formatTime(T0_PLUS_30S));
        assertThat(record.at("/event/risk_score").asInt()).isEqualTo(50);
        assertThat(record.at("/ai_api/risk_factors"))
                .extracting(JsonNode::asText)
                .containsExactly("category_weight", "user_writable_image");

        // Read back as the admin user: the job's dead letters went out through its own login.
        List<ConsumerRecord<String, String>> written =
                kafka.read(deadLetters, 2, Duration.ofSeconds(3));
        assertThat(written).hasSize(1);
        JsonNode deadLetter = Json.mapper().readTree(written.get(0).value());
        assertThat(deadLetter.path("reason").asText()).isEqualTo("invalid_json");
        assertThat(deadLetter.path("raw").asText()).isEqualTo(badLine);
        assertThat(deadLetter.at("/source/topic").asText()).isEqualTo(telemetry);
        assertThat(deadLetter.at("/source/partition").asInt()).isZero();
        assertThat(deadLetter.at("/source/offset").asLong()).isEqualTo(2);
        assertThat(logs).contains("sasl.jaas.config=***");
        assertThat(logs).doesNotContain(jobPassword);
    }

    @Test
    void wrongPasswordNamesSettingNotSecret() throws Exception {
        Path properties =
                clientProperties(
                        text ->
                                text.replace(
                                        "username=\"" + JOB_USER + "\"",
                                        "username=\"" + ROTATED_USER + "\""));

        StartFailure failure = startExpectingFailure(properties);

        assertThat(failure.elapsed).isLessThan(FAST_FAILURE);
        assertThat(failure.error).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.error.getMessage())
                .contains("rejected the SCRAM-SHA-512 login of user " + ROTATED_USER)
                .contains("sasl.jaas.config in the --kafka-properties file")
                .contains("the password comes from ${env:KAFKA_PASSWORD}");
        assertThat(failure.logs).contains("sasl.jaas.config=***");
        assertThat(failure.stackTrace).doesNotContain(jobPassword);
        assertThat(failure.logs).doesNotContain(jobPassword);
    }

    @Test
    void wrongPasswordInFileNotPrinted() throws Exception {
        String wrongPassword = "wrong" + UUID.randomUUID().toString().replace("-", "");
        Path properties =
                clientProperties(text -> text.replace("${env:KAFKA_PASSWORD}", wrongPassword));

        StartFailure failure = startExpectingFailure(properties);

        assertThat(failure.elapsed).isLessThan(FAST_FAILURE);
        assertThat(failure.error).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.error.getMessage())
                .contains("rejected the SCRAM-SHA-512 login of user " + JOB_USER)
                .contains("sasl.jaas.config in the --kafka-properties file")
                .doesNotContain("the password comes from");
        assertThat(failure.logs).contains("sasl.jaas.config=***");
        assertThat(failure.stackTrace).doesNotContain(wrongPassword);
        assertThat(failure.logs).doesNotContain(wrongPassword);
    }

    @Test
    void missingTruststoreNamesSetting() throws Exception {
        Path properties =
                clientProperties(text -> text.replaceAll("(?m)^ssl\\.truststore\\..*$", ""));
        assertThat(Files.readString(properties)).doesNotContain("ssl.truststore.location=");

        StartFailure failure = startExpectingFailure(properties);

        assertThat(failure.elapsed).isLessThan(FAST_FAILURE);
        assertThat(failure.error).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.error.getMessage())
                .contains("TLS handshake with the brokers failed")
                .contains("no ssl.truststore.location is set")
                .contains("ssl.truststore.type=PEM")
                .contains("--kafka-properties file");
        assertThat(failure.stackTrace).doesNotContain(jobPassword);
        assertThat(failure.logs).doesNotContain(jobPassword);
    }

    private Path clientProperties(UnaryOperator<String> change) throws Exception {
        return DocumentedClientProperties.write(directory, kafka.security().certificate(), change);
    }

    /** Starts the job with {@code properties} and returns how it failed, its logs included. */
    private StartFailure startExpectingFailure(Path properties) throws Exception {
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                            "--kafka-properties", properties.toString(),
                            "--telemetry-topic", "falcon-telemetry",
                            "--output", directory.resolve("unused.ndjson").toString()
                        });
        try (CapturedLog logs = CapturedLog.start()) {
            long started = System.nanoTime();
            Throwable error = catchThrowable(() -> new AiApiWatchJob(options).start().cancel());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(error).as("the job's start with %s", properties).isNotNull();
            StringWriter stackTrace = new StringWriter();
            error.printStackTrace(new PrintWriter(stackTrace));
            return new StartFailure(error, elapsed, stackTrace.toString(), logs.text());
        }
    }

    /** Returns the last write of each record in a record file, by record id. */
    private static Map<String, JsonNode> finalRecords(Path file) throws Exception {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode record = Json.mapper().readTree(line);
            records.put(record.path("id").asText(), record);
        }
        return records;
    }

    /** A failed start: the error, how long it took, its stack trace and the logs meanwhile. */
    private static final class StartFailure {
        final Throwable error;
        final Duration elapsed;
        final String stackTrace;
        final String logs;

        StartFailure(Throwable error, Duration elapsed, String stackTrace, String logs) {
            this.error = error;
            this.elapsed = elapsed;
            this.stackTrace = stackTrace;
            this.logs = logs;
        }
    }
}
