package dev.aiapiwatch.deploy;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiapiwatch.AiApiWatchJob;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.DocumentedClientProperties;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.ListenerSecurity;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import dev.aiapiwatch.tools.PrintTopic;
import dev.aiapiwatch.tools.SendConfigUpdate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACLs of deploy/kafka/user.yaml and deploy/kafka/operator-user.yaml on a broker that enforces
 * ACLs. The job and the operator scripts run with exactly those, logged in with the documented
 * client properties, and a topic the job's user may not describe stops the start with a message
 * that says why it looks missing.
 */
class KafkaUserAclsITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final Path KAFKA_USER = Path.of("deploy/kafka/user.yaml");
    private static final Path OPERATOR_USER = Path.of("deploy/kafka/operator-user.yaml");
    private static final String OPERATOR = "ai-api-watch-operator";
    private static final String PRINCIPAL = "User:" + DocumentedClientProperties.JOB_USER;
    private static final String TELEMETRY = "falcon-telemetry";
    private static final String DEAD_LETTERS = "ai-api-watch-dead-letters";
    private static final String ENTRIES = "ai-api-watch-aidmaster-userinfo";

    private static EmbeddedKafka kafka;
    private static String operatorPassword;

    @TempDir Path directory;

    @BeforeAll
    static void startKafka() throws Exception {
        String password = System.getenv("KAFKA_PASSWORD");
        assertThat(password)
                .as("KAFKA_PASSWORD, which the failsafe configuration in pom.xml sets")
                .isNotBlank();
        operatorPassword = UUID.randomUUID().toString().replace("-", "");
        kafka =
                EmbeddedKafka.start(
                        ListenerSecurity.saslSsl(
                                        Map.of(
                                                DocumentedClientProperties.JOB_USER,
                                                password,
                                                OPERATOR,
                                                operatorPassword))
                                .withAuthorizer());
        kafka.createTopic(TELEMETRY, 1, Map.of());
        kafka.createTopic("ai-api-watch-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(DEAD_LETTERS, 1, Map.of());
        kafka.createTopic(ENTRIES, 1, Map.of("cleanup.policy", "compact"));
        kafka.sendValues(
                TELEMETRY,
                0,
                List.of(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        "{\"event_simpleName\":\"DnsRequest\","));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void documentedAclsRunJob() throws Exception {
        kafka.replaceAcls(PRINCIPAL, documentedAcls(acl -> true));
        Path output = directory.resolve("risk-records.ndjson");

        new AiApiWatchJob(JobOptions.parse(args(output, "documented"))).run();

        List<String> records = Files.readAllLines(output);
        assertThat(records).isNotEmpty();
        JsonNode record = Json.mapper().readTree(records.get(records.size() - 1));
        assertThat(record.at("/host/id").asText()).isEqualTo(HOST_A);
        assertThat(record.at("/dns/question/name").asText()).isEqualTo("api.openai.com");
        assertThat(record.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);
        List<ConsumerRecord<String, String>> deadLetters =
                kafka.read(DEAD_LETTERS, 2, Duration.ofSeconds(3));
        assertThat(deadLetters).isNotEmpty();
        assertThat(Json.mapper().readTree(deadLetters.get(0).value()).path("reason").asText())
                .isEqualTo("invalid_json");
    }

    @Test
    void hiddenTelemetryTopicNamed() throws Exception {
        kafka.replaceAcls(
                PRINCIPAL, documentedAcls(acl -> !acl.pattern().name().equals(TELEMETRY)));

        Throwable failure =
                catchThrowable(
                        () ->
                                new AiApiWatchJob(
                                                JobOptions.parse(
                                                        args(
                                                                directory.resolve("unused.ndjson"),
                                                                "hidden")))
                                        .run());

        assertThat(failure).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.getMessage())
                .startsWith(
                        "this Kafka topic does not exist on "
                                + kafka.bootstrapServers()
                                + ": falcon-telemetry (--telemetry-topic).")
                .endsWith(
                        " If the brokers enforce ACLs, they list only the topics that user"
                                + " ai-api-watch may describe: it needs Read on the topics it"
                                + " reads and Write on the dead-letter topic, each of which"
                                + " includes Describe, as deploy/kafka/user.yaml grants.");
    }

    @Test
    void operatorAclsRunScripts() throws Exception {
        kafka.replaceAcls("User:" + OPERATOR, acls(OPERATOR_USER, "User:" + OPERATOR, acl -> true));
        // The operations guide: the documented file with the operator's user name and password.
        Path properties =
                DocumentedClientProperties.write(
                        directory,
                        kafka.security().certificate(),
                        text ->
                                text.replace(
                                                "username=\"" + DocumentedClientProperties.JOB_USER,
                                                "username=\"" + OPERATOR)
                                        .replace("${env:KAFKA_PASSWORD}", operatorPassword));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

        int sent =
                SendConfigUpdate.run(
                        new String[] {
                            "--kafka-properties",
                            properties.toString(),
                            kafka.bootstrapServers(),
                            "ai-api-watch-config",
                            "watchlist",
                            "upsert",
                            "api.example.ai",
                            "Example AI"
                        },
                        outStream,
                        errStream);
        int printed =
                PrintTopic.run(
                        new String[] {
                            "--kafka-properties",
                            properties.toString(),
                            kafka.bootstrapServers(),
                            DEAD_LETTERS
                        },
                        outStream,
                        errStream);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(sent).isZero();
        assertThat(printed).isZero();
        assertThat(kafka.read("ai-api-watch-config", 1, Duration.ofSeconds(3))).hasSize(1);
    }

    private String[] args(Path output, String name) throws Exception {
        Path properties =
                DocumentedClientProperties.write(
                        directory, kafka.security().certificate(), text -> text);
        return new String[] {
            "--kafka-bootstrap-servers",
            kafka.bootstrapServers(),
            "--kafka-properties",
            properties.toString(),
            "--telemetry-topic",
            TELEMETRY,
            "--aidmaster-userinfo-topic",
            ENTRIES,
            "--starting-offsets",
            "earliest",
            "--max-out-of-orderness",
            "1m",
            "--output",
            output.toString(),
            "--kafka-group-id",
            "ai-api-watch-" + name,
            "--stop-at-latest"
        };
    }

    /** Returns the ACLs of the job's KafkaUser file that {@code keep} accepts. */
    private static List<AclBinding> documentedAcls(Predicate<AclBinding> keep) throws Exception {
        return acls(KAFKA_USER, PRINCIPAL, keep);
    }

    /** Returns the ACLs of a KafkaUser file that {@code keep} accepts, for {@code principal}. */
    private static List<AclBinding> acls(Path file, String principal, Predicate<AclBinding> keep)
            throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        JsonNode user = new YAMLMapper().readTree(file.toFile());
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            ResourcePattern resource =
                    new ResourcePattern(
                            ResourceType.fromString(acl.at("/resource/type").asText()),
                            acl.at("/resource/name").asText(),
                            // Strimzi names the pattern type prefix, Kafka PREFIXED.
                            acl.at("/resource/patternType").asText().equals("prefix")
                                    ? PatternType.PREFIXED
                                    : PatternType.LITERAL);
            for (JsonNode operation : acl.path("operations")) {
                AclBinding binding =
                        new AclBinding(
                                resource,
                                new AccessControlEntry(
                                        principal,
                                        "*",
                                        AclOperation.fromString(
                                                operation.asText().toUpperCase(Locale.ROOT)),
                                        AclPermissionType.ALLOW));
                if (keep.test(binding)) {
                    bindings.add(binding);
                }
            }
        }
        return bindings;
    }
}
