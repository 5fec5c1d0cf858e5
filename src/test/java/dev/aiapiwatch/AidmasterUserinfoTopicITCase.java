package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.POWERSHELL;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_2H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import dev.aiapiwatch.io.InventoryEntryJson;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Host and user names from the aidmaster-userinfo topic, from real Kafka to Elasticsearch. */
class AidmasterUserinfoTopicITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOST_C = "cccc3333cccc3333cccc3333cccc3333";

    @TempDir Path directory;

    private static EmbeddedKafka kafka;
    private static ElasticsearchNode elasticsearch;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        elasticsearch = ElasticsearchNode.shared();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void boundedRunNamesFromTopic(TestInfo test) throws Exception {
        Topics topics = createTopics(test);
        kafka.send(
                topics.entries,
                0,
                List.of(
                        entry(InventoryTable.AIDMASTER, HOST_A, "WIN-DEV-01"),
                        entry(InventoryTable.USERINFO, USER_SID, "CORP\\alex"),
                        new String[] {"aidmaster/broken", "{\"aid\": \"broken\","}));
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(
                        TestEvents.process(HOST_A, "100", POWERSHELL).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.process(HOST_B, "200", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line()));

        new AiApiWatchJob(JobOptions.parse(args(topics, "--stop-at-latest"))).run();

        List<JsonNode> documents = sources(topics);
        assertThat(documents).hasSize(2);
        JsonNode named = byHost(documents, HOST_A);
        assertThat(named.at("/host/name").asText()).isEqualTo("WIN-DEV-01");
        assertThat(named.at("/user/id").asText()).isEqualTo(USER_SID);
        assertThat(named.at("/user/name").asText()).isEqualTo("CORP\\alex");
        JsonNode unknown = byHost(documents, HOST_B);
        assertThat(unknown.path("host").has("name")).isFalse();
        assertThat(unknown.at("/host/id").asText()).isEqualTo(HOST_B);
        assertThat(unknown.at("/user/name").asText()).isEqualTo("CORP\\alex");

        List<ConsumerRecord<String, String>> deadLetters = kafka.read(topics.deadLetters, 1, WAIT);
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = Json.mapper().readTree(deadLetters.get(0).value());
        assertThat(deadLetter.path("reason").asText()).isEqualTo("invalid_json");
        assertThat(deadLetter.at("/source/topic").asText()).isEqualTo(topics.entries);
        assertThat(deadLetter.at("/source/offset").asLong()).isEqualTo(2);
    }

    @Test
    void runningJobHoldsThenReleases(TestInfo test) throws Exception {
        Topics topics = createTopics(test);
        kafka.send(
                topics.entries,
                0,
                List.of(
                        entry(InventoryTable.AIDMASTER, HOST_B, "RETIRED-PC"),
                        new String[] {"aidmaster/" + HOST_B, null},
                        entry(InventoryTable.AIDMASTER, HOST_A, "WIN-DEV-01")));
        // Files and the topic together: the file source watches for new files here.
        Path userinfo =
                Files.writeString(
                        directory.resolve("userinfo.ndjson"),
                        TestEvents.userinfo(USER_SID, "CORP\\alex").line() + "\n");
        // One subtask, so that a lookup named from the last entry shows that all were applied.
        JobClient job =
                new AiApiWatchJob(
                                JobOptions.parse(
                                        args(
                                                topics,
                                                "--idle-timeout",
                                                "1s",
                                                "--parallelism",
                                                "1",
                                                "--userinfo",
                                                userinfo.toString())))
                        .start();
        try {
            // A known aid is named at once; HOST_C is not known yet, so its lookup is held.
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_A, "100", POWERSHELL).at(T0).line(),
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                            TestEvents.process(HOST_C, "300", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_C, "300", "api.openai.com").at(T0_PLUS_1S).line()));
            JsonNode named = awaitDocument(topics, hostNamed(HOST_A, "WIN-DEV-01"));
            assertThat(named.at("/user/name").asText()).isEqualTo("CORP\\alex");
            assertThat(named.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);

            // The entry releases the held lookup with its name.
            kafka.send(
                    topics.entries,
                    0,
                    List.<String[]>of(entry(InventoryTable.AIDMASTER, HOST_C, "LATE-ENTRY-PC")));
            awaitDocument(topics, hostNamed(HOST_C, "LATE-ENTRY-PC"));

            // The topic is quiet now, and the entry of HOST_B was removed: its lookup is released
            // once later telemetry moves the watermark past it, so the topic holds nothing back.
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_B, "200", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line(),
                            TestEvents.dns(HOST_B, "999", "www.example.com")
                                    .at(T0_PLUS_2H)
                                    .line()));
            JsonNode unnamed =
                    awaitDocument(
                            topics, document -> document.at("/host/id").asText().equals(HOST_B));
            assertThat(unnamed.path("host").has("name")).isFalse();
            assertThat(unnamed.at("/host/id").asText()).isEqualTo(HOST_B);
            assertThat(unnamed.at("/user/id").asText()).isEqualTo(USER_SID);
            assertThat(unnamed.at("/user/name").asText()).isEqualTo("CORP\\alex");
        } finally {
            job.cancel().get();
        }
    }

    private static Predicate<JsonNode> hostNamed(String aid, String name) {
        return document ->
                document.at("/host/id").asText().equals(aid)
                        && document.at("/host/name").asText().equals(name);
    }

    private static String[] entry(InventoryTable table, String id, String name) {
        InventoryEntry entry = InventoryEntry.of(table, id, name, "Win");
        return new String[] {InventoryEntryJson.keyOf(entry), InventoryEntryJson.toJson(entry)};
    }

    private static JsonNode byHost(List<JsonNode> documents, String aid) {
        return documents.stream()
                .filter(document -> document.at("/host/id").asText().equals(aid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + aid + ": " + documents));
    }

    private static List<JsonNode> sources(Topics topics) throws Exception {
        return elasticsearch.sources(topics.indexPrefix + "-*");
    }

    private static JsonNode awaitDocument(Topics topics, Predicate<JsonNode> condition)
            throws Exception {
        return elasticsearch.awaitSource(topics.indexPrefix + "-*", condition, WAIT);
    }

    private static String[] args(Topics topics, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka-bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--telemetry-topic",
                                topics.telemetry,
                                "--config-topic",
                                topics.config,
                                "--dead-letter-topic",
                                topics.deadLetters,
                                "--aidmaster-userinfo-topic",
                                topics.entries,
                                "--kafka-group-id",
                                topics.telemetry,
                                "--starting-offsets",
                                "earliest",
                                "--elasticsearch-url",
                                elasticsearch.url(),
                                "--elasticsearch-index-prefix",
                                topics.indexPrefix,
                                "--elasticsearch-flush-interval",
                                "200ms",
                                "--max-out-of-orderness",
                                "1m"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static Topics createTopics(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        Topics topics = new Topics(name);
        kafka.createTopic(topics.telemetry, 1, Map.of());
        kafka.createTopic(topics.config, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(topics.deadLetters, 1, Map.of());
        kafka.createTopic(topics.entries, 1, Map.of("cleanup.policy", "compact"));
        elasticsearch.deleteAll(topics.indexPrefix + "*");
        return topics;
    }

    private static final class Topics {
        final String telemetry;
        final String config;
        final String deadLetters;
        final String entries;
        final String indexPrefix;

        Topics(String name) {
            this.telemetry = name + "-telemetry";
            this.config = name + "-config";
            this.deadLetters = name + "-dead-letters";
            this.entries = name + "-aidmaster-userinfo";
            this.indexPrefix = "names-" + name;
        }
    }
}
