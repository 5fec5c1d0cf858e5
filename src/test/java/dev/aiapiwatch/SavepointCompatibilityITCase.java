package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_4H;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.io.InventoryEntryJson;
import dev.aiapiwatch.io.elasticsearch.RiskIndexTemplate;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints of earlier builds restore into this build with all their state.
 *
 * <p>Each folder under {@code src/test/resources/savepoints} contains a savepoint that an earlier
 * build took of the full Kafka-to-Elasticsearch job at the same moment of the same input: a lookup
 * waiting in the join for its process start, a lookup waiting for its connection, an open window
 * written early, a lookup waiting for a host name, host and user names in the name tables, and an
 * allowlist entry. The test restores each one into a job of this build, with unmatched state
 * refused, on a fresh broker that contains the same records, and sends the rest of the input: every
 * piece of state must show in the records. Run with {@code -Dsavepoint.fixture=NAME} to add the
 * savepoint of the current build as folder NAME.
 */
class SavepointCompatibilityITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path FIXTURES = Path.of("src/test/resources/savepoints");
    private static final String HOST_C = "cccc3333cccc3333cccc3333cccc3333";
    private static final String HOST_D = "dddd4444dddd4444dddd4444dddd4444";

    // Topic names are part of the Kafka sources' state, so they never change.
    private static final String TELEMETRY = "savepoint-telemetry";
    private static final String CONFIG = "savepoint-config";
    private static final String DEAD_LETTERS = "savepoint-dead-letters";
    private static final String ENTRIES = "savepoint-aidmaster-userinfo";

    private EmbeddedKafka kafka;
    private ElasticsearchNode elasticsearch;
    private JobClient running;

    @BeforeEach
    void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        elasticsearch = ElasticsearchNode.shared();
        kafka.createTopic(TELEMETRY, 1, Map.of());
        kafka.createTopic(CONFIG, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(DEAD_LETTERS, 1, Map.of());
        kafka.createTopic(ENTRIES, 1, Map.of("cleanup.policy", "compact"));
    }

    @AfterEach
    void stopKafka() throws Exception {
        kafka.close();
    }

    static Stream<String> fixtures() throws Exception {
        URL folder = SavepointCompatibilityITCase.class.getResource("/savepoints");
        assertThat(folder).as("the savepoints folder on the test class path").isNotNull();
        try (Stream<Path> folders = Files.list(Path.of(folder.toURI()))) {
            List<String> names =
                    folders.filter(path -> Files.exists(path.resolve("_metadata")))
                            .map(path -> path.getFileName().toString())
                            .sorted()
                            .toList();
            assertThat(names).as("stored savepoints").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "savepoint {0}")
    @MethodSource("fixtures")
    void storedSavepointRestoresEveryState(String fixture) throws Exception {
        String indexPrefix = "savepoint-" + fixture.toLowerCase();
        elasticsearch.deleteAll(indexPrefix + "*");
        sendFirstPart();
        JobOptions options = JobOptions.parse(args(indexPrefix, "latest"));
        RiskIndexTemplate.prepare(options.elasticsearch());
        StreamGraph restored = new AiApiWatchJob(options).pipeline(List.of()).getStreamGraph();
        String savepoint =
                Path.of(getClass().getResource("/savepoints/" + fixture).toURI())
                        .toUri()
                        .toString();
        // Rejects state that no operator of this build claims.
        restored.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        running = StreamExecutionEnvironment.getExecutionEnvironment().executeAsync(restored);
        try {
            sendSecondPart();
            assertSecondPartRecords(indexPrefix);
        } finally {
            if (!running.getJobStatus().get().isGloballyTerminalState()) {
                running.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Writes the savepoint of this build after the first part into the fixtures folder. */
    @Test
    @EnabledIfSystemProperty(named = "savepoint.fixture", matches = "[A-Za-z0-9._-]+")
    void writeFixture(@TempDir Path savepoints) throws Exception {
        Path target = FIXTURES.resolve(System.getProperty("savepoint.fixture"));
        assertThat(target).as("an unused fixture name").doesNotExist();
        String indexPrefix = "savepoint-fixture";
        elasticsearch.deleteAll(indexPrefix + "*");
        running = new AiApiWatchJob(JobOptions.parse(args(indexPrefix, "earliest"))).start();
        sendFirstPart();
        // The record of host B is the last input, so all earlier input has passed every stage.
        awaitDocument(indexPrefix, host(HOST_B).and(count(1)));
        Path savepoint =
                Path.of(
                        java.net.URI.create(
                                running.stopWithSavepoint(
                                                false,
                                                savepoints.toUri().toString(),
                                                SavepointFormatType.CANONICAL)
                                        .get(60, TimeUnit.SECONDS)));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(savepoint)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private void sendFirstPart() throws Exception {
        kafka.send(
                ENTRIES,
                0,
                List.of(
                        entry(InventoryTable.AIDMASTER, HOST_A, "WIN-DEV-01"),
                        entry(InventoryTable.AIDMASTER, HOST_B, "WIN-LAB-02"),
                        entry(InventoryTable.USERINFO, USER_SID, "CORP\\alex")));
        AllowlistEntry allowed = new AllowlistEntry();
        allowed.id = "host-d-python";
        allowed.owner = "ds-platform@example.com";
        allowed.expires = "2027-03-31";
        allowed.host = HOST_D;
        allowed.processName = "python.exe";
        DetectionConfigUpdate update = DetectionConfigUpdate.allowlistUpsert(allowed);
        kafka.send(
                CONFIG,
                0,
                List.<String[]>of(
                        new String[] {
                            DetectionConfigUpdateJson.keyOf(update),
                            DetectionConfigUpdateJson.toJson(update)
                        }));
        kafka.sendValues(
                TELEMETRY,
                0,
                List.of(
                        // Waits in the join: its process start comes after the restore.
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        // Waits for a host name that comes after the restore.
                        TestEvents.process(HOST_C, "300", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_C, "300", "api.openai.com").at(T0_PLUS_1S).line(),
                        // Opens a window, written early, and waits for its connection.
                        TestEvents.process(HOST_B, "200", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_1S).line()));
    }

    private void sendSecondPart() throws Exception {
        kafka.sendValues(
                TELEMETRY,
                0,
                List.of(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.connect(HOST_B, "200", "104.18.0.1").at(T0_PLUS_1S + 300).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line(),
                        TestEvents.process(HOST_D, "400", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_D, "400", "api.openai.com").at(T0_PLUS_1S).line()));
        kafka.send(
                ENTRIES,
                0,
                List.<String[]>of(entry(InventoryTable.AIDMASTER, HOST_C, "WIN-LATE-03")));
        // Closes the windows.
        kafka.sendValues(
                TELEMETRY,
                0,
                List.of(TestEvents.dns(HOST_B, "999", "www.example.com").at(T0_PLUS_4H).line()));
    }

    private void assertSecondPartRecords(String indexPrefix) throws Exception {
        JsonNode joined = awaitDocument(indexPrefix, host(HOST_A));
        assertThat(joined.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);
        assertThat(joined.at("/process/name").asText()).isEqualTo("python.exe");
        assertThat(joined.at("/host/name").asText()).isEqualTo("WIN-DEV-01");
        assertThat(joined.at("/user/name").asText()).isEqualTo("CORP\\alex");

        JsonNode window =
                awaitDocument(
                        indexPrefix,
                        host(HOST_B)
                                .and(count(2))
                                .and(
                                        document ->
                                                document.at("/ai_api/confirmed_connections")
                                                                .asLong()
                                                        == 1));
        assertThat(window.at("/event/end").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
        assertThat(window.at("/destination/ip/0").asText()).isEqualTo("104.18.0.1");
        assertThat(window.at("/host/name").asText()).isEqualTo("WIN-LAB-02");

        JsonNode named = awaitDocument(indexPrefix, host(HOST_C));
        assertThat(named.at("/host/name").asText()).isEqualTo("WIN-LATE-03");
        assertThat(named.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);

        assertThat(sources(indexPrefix))
                .as("host D is allowlisted")
                .extracting(document -> document.at("/host/id").asText())
                .containsExactlyInAnyOrder(HOST_A, HOST_B, HOST_C);
    }

    private String[] args(String indexPrefix, String startingOffsets) {
        return new String[] {
            "--kafka-bootstrap-servers",
            kafka.bootstrapServers(),
            "--telemetry-topic",
            TELEMETRY,
            "--config-topic",
            CONFIG,
            "--dead-letter-topic",
            DEAD_LETTERS,
            "--aidmaster-userinfo-topic",
            ENTRIES,
            "--kafka-group-id",
            "savepoint",
            "--starting-offsets",
            startingOffsets,
            "--idle-timeout",
            "1s",
            "--parallelism",
            "1",
            "--elasticsearch-url",
            elasticsearch.url(),
            "--elasticsearch-index-prefix",
            indexPrefix,
            "--elasticsearch-flush-interval",
            "200ms",
            "--max-out-of-orderness",
            "1m"
        };
    }

    private static String[] entry(InventoryTable table, String id, String name) {
        InventoryEntry entry = InventoryEntry.of(table, id, name, "Win");
        return new String[] {InventoryEntryJson.keyOf(entry), InventoryEntryJson.toJson(entry)};
    }

    private static Predicate<JsonNode> host(String aid) {
        return document -> document.at("/host/id").asText().equals(aid);
    }

    private static Predicate<JsonNode> count(long lookups) {
        return document -> document.at("/ai_api/dns_query_count").asLong() == lookups;
    }

    private List<JsonNode> sources(String indexPrefix) throws Exception {
        return elasticsearch.sources(indexPrefix + "-*");
    }

    /** Returns the first record that satisfies {@code condition}, failing when the job ends. */
    private JsonNode awaitDocument(String indexPrefix, Predicate<JsonNode> condition)
            throws Exception {
        return elasticsearch.awaitSource(
                indexPrefix + "-*",
                condition,
                WAIT,
                () -> {
                    if (running.getJobStatus().get().isGloballyTerminalState()) {
                        // Throws the job failure, such as state that no operator claims.
                        running.getJobExecutionResult().get();
                        throw new AssertionError("the job ended; records: " + sources(indexPrefix));
                    }
                });
    }
}
