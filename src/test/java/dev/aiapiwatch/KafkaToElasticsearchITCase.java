package dev.aiapiwatch;

import static dev.aiapiwatch.testing.Bytes.concat;
import static dev.aiapiwatch.testing.Bytes.utf8;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.POWERSHELL;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_2H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_4H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job from a real Kafka broker to a real Elasticsearch node. */
class KafkaToElasticsearchITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final Duration WAIT = Duration.ofSeconds(90);

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
    void boundedRunWritesRecordsAndDeadLetters(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1").at(T0_PLUS_1S + 300).line(),
                        "{\"event_simpleName\":\"DnsRequest\",",
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line(),
                        TestEvents.dns(HOST_B, "555", "api.anthropic.com")
                                .set("ContextBaseFileName", "curl.exe")
                                .at(T0_PLUS_30S)
                                .line()));

        new AiApiWatchJob(JobOptions.parse(args(topics, "--stop-at-latest"))).run();

        List<JsonNode> documents = elasticsearch.documents(topics.indexPrefix + "-*");
        assertThat(documents).hasSize(2);
        JsonNode record = sourceOf(documents, HOST_A);
        assertThat(record.at("/ai_api/dns_query_count").asLong()).isEqualTo(2);
        assertThat(record.at("/process/name").asText()).isEqualTo("python.exe");
        assertThat(record.at("/rule/version").asText()).isEqualTo(WatchlistFile.builtIn().version);
        assertThat(record.at("/ai_api/attribution").asText()).isEqualTo("process");
        assertThat(record.at("/ai_api/confirmed_connections").asLong()).isEqualTo(1);
        assertThat(record.at("/destination/ip/0").asText()).isEqualTo("104.18.0.1");
        assertThat(record.at("/event/risk_score").asInt()).isEqualTo(70);
        assertThat(record.at("/event/severity").asInt()).isEqualTo(73);
        assertThat(record.at("/ai_api/risk_factors"))
                .extracting(JsonNode::asText)
                .containsExactly("category_weight", "confirmed_connection", "user_writable_image");
        JsonNode unattributed = sourceOf(documents, HOST_B);
        assertThat(unattributed.at("/ai_api/attribution").asText()).isEqualTo("unattributed");
        assertThat(unattributed.at("/process/name").asText()).isEqualTo("curl.exe");
        assertThat(unattributed.at("/ai_api/process_category").asText()).isEqualTo("CLI_Transfer");
        assertThat(unattributed.at("/event/risk_score").asInt()).isEqualTo(25);
        List<ConsumerRecord<String, String>> deadLetters = kafka.read(topics.deadLetters, 1, WAIT);
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = Json.mapper().readTree(deadLetters.get(0).value());
        assertThat(deadLetter.path("reason").asText()).isEqualTo("invalid_json");
        assertThat(deadLetter.at("/source/topic").asText()).isEqualTo(topics.telemetry);
        assertThat(deadLetter.at("/source/partition").asInt()).isZero();
        assertThat(deadLetter.at("/source/offset").asLong()).isEqualTo(3);
    }

    private static JsonNode sourceOf(List<JsonNode> documents, String host) {
        return documents.stream()
                .map(document -> document.path("_source"))
                .filter(source -> source.at("/host/id").asText().equals(host))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void malformedFloodDeadLetteredRecordsUnchanged(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        Random random = new Random(7);
        List<byte[]> flood = new ArrayList<>();
        Map<String, Integer> expectedReasons = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            // Random bytes that start with a byte no JSON text starts with.
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0xFF;
            flood.add(bytes);
            flood.add(utf8("x".repeat(5_000 + i)));
            flood.add(
                    utf8(
                            "{\"event_simpleName\":\"DnsRequest\",\"DomainName\":"
                                    + "[".repeat(1_500)
                                    + "]".repeat(1_500)
                                    + "}"));
            // A valid lookup but for one broken byte sequence in its host id.
            String lookup = TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line();
            int aid = lookup.indexOf(HOST_A);
            flood.add(
                    concat(
                            utf8(lookup.substring(0, aid)),
                            new byte[] {(byte) 0xC3, (byte) 0x28},
                            utf8(lookup.substring(aid + 2))));
            flood.add(
                    utf8(
                            TestEvents.dns(HOST_A, "100", "api.openai.com")
                                    .at(T0_PLUS_1S)
                                    .line()
                                    .replace("\"aid\":\"" + HOST_A + "\"", "\"aid\":{\"x\":1}")));
        }
        expectedReasons.put("invalid_utf8", 80);
        expectedReasons.put("invalid_json", 40);
        expectedReasons.put("line_too_long", 40);
        expectedReasons.put("invalid_field", 40);
        List<byte[]> input = new ArrayList<>();
        input.add(utf8(TestEvents.process(HOST_A, "100", PYTHON).at(T0).line()));
        input.add(utf8(TestEvents.process(HOST_B, "200", POWERSHELL).at(T0).line()));
        for (int i = 0; i < flood.size(); i++) {
            input.add(flood.get(i));
            if (i % 50 == 0) {
                input.add(
                        utf8(
                                TestEvents.dns(HOST_A, "100", "api.openai.com")
                                        .at(T0_PLUS_1S + i)
                                        .line()));
                input.add(
                        utf8(
                                TestEvents.dns(HOST_B, "200", "api.anthropic.com")
                                        .at(T0_PLUS_1S + i)
                                        .line()));
            }
        }
        kafka.sendBytes(topics.telemetry, 0, input);

        new AiApiWatchJob(
                        JobOptions.parse(
                                args(topics, "--stop-at-latest", "--max-line-length", "4096")))
                .run();

        List<JsonNode> documents = elasticsearch.documents(topics.indexPrefix + "-*");
        assertThat(documents).hasSize(2);
        assertThat(sourceOf(documents, HOST_A).at("/ai_api/dns_query_count").asLong()).isEqualTo(4);
        assertThat(sourceOf(documents, HOST_B).at("/ai_api/dns_query_count").asLong()).isEqualTo(4);
        List<ConsumerRecord<String, String>> deadLetters =
                kafka.read(topics.deadLetters, flood.size(), WAIT);
        Map<String, Integer> reasons = new TreeMap<>();
        for (ConsumerRecord<String, String> deadLetter : deadLetters) {
            reasons.merge(
                    Json.mapper().readTree(deadLetter.value()).path("reason").asText(),
                    1,
                    Integer::sum);
        }
        assertThat(reasons).isEqualTo(expectedReasons);
    }

    @Test
    void lateBurstCountedAsDeadLetters(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        JobClient job =
                new AiApiWatchJob(JobOptions.parse(args(topics, "--parallelism", "1"))).start();
        try {
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                            // Four hours later: the first window and its hour of lateness end.
                            TestEvents.process(HOST_B, "200", PYTHON).at(T0_PLUS_4H).line(),
                            TestEvents.dns(HOST_B, "200", "api.openai.com")
                                    .at(T0_PLUS_4H + 1_000)
                                    .line()));
            awaitDocument(topics, document -> document.at("/host/id").asText().equals(HOST_B));
            // The watermark follows the events read by up to its 200 ms emit interval.
            Thread.sleep(2_000);

            List<String> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S + i).line());
            }
            kafka.sendValues(topics.telemetry, 0, burst);

            List<ConsumerRecord<String, String>> deadLetters =
                    kafka.read(topics.deadLetters, burst.size(), WAIT);
            assertThat(deadLetters).hasSize(burst.size());
            for (ConsumerRecord<String, String> deadLetter : deadLetters) {
                JsonNode letter = Json.mapper().readTree(deadLetter.value());
                assertThat(letter.path("reason").asText()).isEqualTo("late_event");
                assertThat(letter.path("raw").asText()).contains("\"ContextProcessId\":\"100\"");
            }
            JsonNode early = sourceOf(elasticsearch.documents(topics.indexPrefix + "-*"), HOST_A);
            assertThat(early.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void savepointRestoreKeepsJoinAndWindowState(TestInfo test, @TempDir Path savepoints)
            throws Exception {
        Topics topics = createTopics(test, 1);
        AiApiWatchJob job = new AiApiWatchJob(JobOptions.parse(args(topics, "--parallelism", "1")));
        JobClient first = job.start();
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(
                        // Waits in the join: its process start comes after the restore.
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        // Opens a window, written early with one lookup.
                        TestEvents.process(HOST_B, "200", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_1S).line()));
        awaitDocument(topics, document -> document.at("/host/id").asText().equals(HOST_B));
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);

        // Without its state the restored job would start at the end of the topic and see neither
        // the waiting lookup nor the open window.
        String[] fromLatest = args(topics, "--parallelism", "1");
        fromLatest[Arrays.asList(fromLatest).indexOf("earliest")] = "latest";
        StreamGraph restored =
                new AiApiWatchJob(JobOptions.parse(fromLatest))
                        .pipeline(List.of())
                        .getStreamGraph();
        restored.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        JobClient second =
                StreamExecutionEnvironment.getExecutionEnvironment().executeAsync(restored);
        try {
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line(),
                            TestEvents.dns(HOST_B, "999", "www.example.com")
                                    .at(T0_PLUS_4H)
                                    .line()));

            JsonNode joined =
                    awaitDocument(
                            topics, document -> document.at("/host/id").asText().equals(HOST_A));
            assertThat(joined.at("/ai_api/dns_query_count").asLong()).isEqualTo(1);
            assertThat(joined.at("/process/name").asText()).isEqualTo("python.exe");
            JsonNode window =
                    awaitDocument(
                            topics,
                            document ->
                                    document.at("/host/id").asText().equals(HOST_B)
                                            && document.at("/ai_api/dns_query_count").asLong()
                                                    == 2);
            assertThat(window.at("/event/end").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
        } finally {
            second.cancel().get();
        }
    }

    @Test
    void idlePartitionDoesNotStallWindows(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 2);
        JobClient job =
                new AiApiWatchJob(JobOptions.parse(args(topics, "--idle-timeout", "1s"))).start();
        try {
            // Partition 1 never receives anything; only an idle partition lets the window close.
            // The last lookup, of a domain nobody watches, moves event time past the window.
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line(),
                            TestEvents.dns(HOST_B, "999", "www.example.com")
                                    .at(T0_PLUS_2H)
                                    .line()));

            JsonNode record =
                    awaitDocument(
                            topics,
                            document -> document.at("/ai_api/dns_query_count").asLong() == 2);
            assertThat(record.at("/event/end").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void quietTopicKeepsJoinsWorking(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        JobClient job =
                new AiApiWatchJob(JobOptions.parse(args(topics, "--idle-timeout", "1s"))).start();
        try {
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line()));
            awaitDocument(topics, document -> document.at("/ai_api/dns_query_count").asLong() == 1);

            // Silence: the telemetry partition and the config topic are idle for a while.
            Thread.sleep(5_000);
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line(),
                            TestEvents.dns(HOST_B, "999", "www.example.com")
                                    .at(T0_PLUS_2H)
                                    .line()));

            JsonNode record =
                    awaitDocument(
                            topics,
                            document -> document.at("/ai_api/dns_query_count").asLong() == 2);
            assertThat(record.at("/event/end").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
            assertThat(kafka.read(topics.deadLetters, 1, Duration.ofSeconds(2))).isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void watchlistChangesApplyWhileRunning(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        JobClient job =
                new AiApiWatchJob(JobOptions.parse(args(topics, "--parallelism", "1"))).start();
        try {
            sendUpdate(
                    topics, DetectionConfigUpdate.watchlistUpsert("api.added.example", "Added AI"));
            JsonNode added =
                    probeUntilRecorded(topics, HOST_A, "api.added.example", T0, "Added AI");
            assertThat(added.at("/rule/version").asText())
                    .isNotEqualTo(WatchlistFile.builtIn().version);

            // Updates are applied in order, so once the marker is reported the delete is active.
            sendUpdate(topics, DetectionConfigUpdate.watchlistDelete("api.openai.com"));
            sendUpdate(
                    topics, DetectionConfigUpdate.watchlistUpsert("api.marker.example", "Marker"));
            probeUntilRecorded(topics, HOST_B, "api.marker.example", T0_PLUS_1H, "Marker");

            long windowAfterDelete = T0_PLUS_2H;
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(HOST_B, "900", PYTHON).at(windowAfterDelete).line(),
                            TestEvents.dns(HOST_B, "900", "api.openai.com")
                                    .at(windowAfterDelete + 1_000)
                                    .line(),
                            TestEvents.dns(HOST_B, "900", "api.marker.example")
                                    .at(windowAfterDelete + 2_000)
                                    .line()));
            awaitDocument(
                    topics,
                    document ->
                            document.at("/dns/question/name").asText().equals("api.marker.example")
                                    && document.at("/ai_api/window/start")
                                            .asText()
                                            .equals("2026-11-02T12:00:00.000Z"));

            List<String> openAiWindows = new ArrayList<>();
            for (JsonNode document : elasticsearch.documents(topics.indexPrefix + "-*")) {
                if (document.at("/_source/dns/question/name").asText().equals("api.openai.com")) {
                    openAiWindows.add(document.at("/_source/ai_api/window/start").asText());
                }
            }
            assertThat(openAiWindows).isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void invalidUpdateBecomesDeadLetter(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        kafka.send(
                topics.config,
                0,
                List.<String[]>of(
                        new String[] {
                            "watchlist/*.com",
                            "{\"operation\":\"upsert\",\"pattern\":\"*.com\",\"provider\":\"All\"}"
                        }));
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(TestEvents.other("AgentOnline", HOST_A).at(T0).line()));

        new AiApiWatchJob(JobOptions.parse(args(topics, "--stop-at-latest"))).run();

        List<ConsumerRecord<String, String>> deadLetters = kafka.read(topics.deadLetters, 1, WAIT);
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = Json.mapper().readTree(deadLetters.get(0).value());
        assertThat(deadLetter.path("reason").asText()).isEqualTo("invalid_config");
        assertThat(deadLetter.path("message").asText()).contains("*.com");
        assertThat(deadLetter.at("/source/topic").asText()).isEqualTo(topics.config);
    }

    @Test
    void allowlistChangesApplyWhileRunning(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        JobClient job =
                new AiApiWatchJob(JobOptions.parse(args(topics, "--parallelism", "1"))).start();
        try {
            AllowlistEntry entry = new AllowlistEntry();
            entry.id = "host-b-python";
            entry.owner = "ds-platform@example.com";
            entry.expires = "2027-03-31";
            entry.host = HOST_B;
            entry.processName = "python.exe";
            sendUpdate(topics, DetectionConfigUpdate.allowlistUpsert(entry));

            // With one subtask per operator, host B's lookup passes every stage before host A's
            // lookup of the same probe, so once A's record is indexed, B's would be too.
            int probe = 0;
            while (probeRecordsHostB(topics, probe)) {
                probe++;
            }

            sendUpdate(topics, DetectionConfigUpdate.allowlistDelete("host-b-python"));
            do {
                probe++;
            } while (!probeRecordsHostB(topics, probe));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void invalidConfigMessagesBecomeDeadLettersOnce(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        kafka.send(
                topics.config,
                0,
                List.<String[]>of(
                        new String[] {
                            "allowlist/no-owner",
                            "{\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"no-owner\","
                                    + "\"expires\":\"2027-03-31\",\"match\":{\"host\":\"h\"}}"
                        },
                        new String[] {
                            "host-group/empty",
                            "{\"type\":\"host-group\",\"operation\":\"upsert\",\"name\":\"empty\"}"
                        },
                        new String[] {"rules/x", "{\"type\":\"rules\"}"},
                        new String[] {
                            "watchlist/*.com",
                            "{\"operation\":\"upsert\",\"pattern\":\"*.com\",\"provider\":\"All\"}"
                        }));
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(TestEvents.other("AgentOnline", HOST_A).at(T0).line()));

        new AiApiWatchJob(JobOptions.parse(args(topics, "--stop-at-latest", "--parallelism", "2")))
                .run();

        List<ConsumerRecord<String, String>> deadLetters =
                kafka.read(topics.deadLetters, 5, Duration.ofSeconds(3));
        List<Long> offsets = new ArrayList<>();
        for (ConsumerRecord<String, String> record : deadLetters) {
            JsonNode deadLetter = Json.mapper().readTree(record.value());
            assertThat(deadLetter.path("reason").asText()).isEqualTo("invalid_config");
            assertThat(deadLetter.at("/source/topic").asText()).isEqualTo(topics.config);
            offsets.add(deadLetter.at("/source/offset").asLong());
        }
        assertThat(offsets).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    }

    @Test
    void missingTopicNamedAtStart(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        String[] arguments = args(topics);
        arguments[3] = "no-such-topic";

        assertThatThrownBy(() -> new AiApiWatchJob(JobOptions.parse(arguments)).run())
                .isInstanceOf(AiApiWatchJob.StartException.class)
                .hasMessage(
                        "this Kafka topic does not exist on "
                                + kafka.bootstrapServers()
                                + ": no-such-topic (--telemetry-topic). Create it"
                                + " (deploy/kafka/topics.yaml defines them for Strimzi, and"
                                + " scripts/local-stack.sh creates them locally), or name an"
                                + " existing topic with the option in parentheses.");
    }

    @Test
    void unmatchedPatternNamedAtStart(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        List<String> arguments = new ArrayList<>(List.of(args(topics)));
        arguments.subList(2, 4).clear();
        arguments.addAll(List.of("--telemetry-topic-pattern", "nothing-matches-.*"));

        assertThatThrownBy(
                        () ->
                                new AiApiWatchJob(
                                                JobOptions.parse(arguments.toArray(new String[0])))
                                        .run())
                .isInstanceOf(AiApiWatchJob.StartException.class)
                .hasMessageContaining("no Kafka topic")
                .hasMessageContaining("nothing-matches-.*");
    }

    @Test
    void invalidClientPropertyNamedAtStart(TestInfo test) throws Exception {
        Topics topics = createTopics(test, 1);
        String[] arguments = args(topics, "--kafka-property", "request.timeout.ms=soon");

        assertThatThrownBy(() -> new AiApiWatchJob(JobOptions.parse(arguments)).run())
                .isInstanceOf(AiApiWatchJob.StartException.class)
                .hasMessageContaining("cannot create a Kafka client")
                .hasMessageContaining("request.timeout.ms");
    }

    /**
     * Sends a lookup of api.openai.com by python.exe on host B and then one on host A, both in the
     * window {@code probe} hours after T0, waits for host A's record and returns whether host B's
     * lookup created one too.
     */
    private boolean probeRecordsHostB(Topics topics, int probe) throws Exception {
        long start = T0 + probe * 3_600_000L;
        String processId = Integer.toString(500 + probe);
        kafka.sendValues(
                topics.telemetry,
                0,
                List.of(
                        TestEvents.process(HOST_B, processId, PYTHON).at(start).line(),
                        TestEvents.process(HOST_A, processId, PYTHON).at(start).line(),
                        TestEvents.dns(HOST_B, processId, "api.openai.com").at(start + 500).line(),
                        TestEvents.dns(HOST_A, processId, "api.openai.com")
                                .at(start + 600)
                                .line()));
        String windowStart = Json.formatTime(start);
        awaitDocument(
                topics,
                document ->
                        document.at("/host/id").asText().equals(HOST_A)
                                && document.at("/ai_api/window/start")
                                        .asText()
                                        .equals(windowStart));
        return findDocument(
                        topics,
                        document ->
                                document.at("/host/id").asText().equals(HOST_B)
                                        && document.at("/ai_api/window/start")
                                                .asText()
                                                .equals(windowStart))
                .isPresent();
    }

    /** Sends lookups of {@code domain} until its record appears, and returns the record. */
    private JsonNode probeUntilRecorded(
            Topics topics, String host, String domain, long windowStart, String provider)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int probe = 0;
        while (System.nanoTime() < deadline) {
            String processId = Long.toString(windowStart / 1000 + probe);
            long time = windowStart + probe * 1_000L;
            kafka.sendValues(
                    topics.telemetry,
                    0,
                    List.of(
                            TestEvents.process(host, processId, PYTHON).at(time).line(),
                            TestEvents.dns(host, processId, domain).at(time + 500).line()));
            Optional<JsonNode> record =
                    findDocument(
                            topics,
                            document -> document.at("/dns/question/name").asText().equals(domain));
            if (record.isPresent()) {
                assertThat(record.get().at("/ai_api/provider").asText()).isEqualTo(provider);
                return record.get();
            }
            probe++;
            Thread.sleep(1_000);
        }
        throw new AssertionError("no record of " + domain + " within " + WAIT);
    }

    private JsonNode awaitDocument(Topics topics, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        return elasticsearch.awaitSource(topics.indexPrefix + "-*", condition, WAIT);
    }

    private Optional<JsonNode> findDocument(
            Topics topics, java.util.function.Predicate<JsonNode> condition) throws Exception {
        return elasticsearch.sources(topics.indexPrefix + "-*").stream()
                .filter(condition)
                .findFirst();
    }

    private void sendUpdate(Topics topics, DetectionConfigUpdate update) throws Exception {
        kafka.send(
                topics.config,
                0,
                List.<String[]>of(
                        new String[] {
                            DetectionConfigUpdateJson.keyOf(update),
                            DetectionConfigUpdateJson.toJson(update)
                        }));
    }

    /**
     * Returns the options of a Kafka-to-Elasticsearch run on {@code topics}; index 3 is the topic.
     */
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

    private static Topics createTopics(TestInfo test, int telemetryPartitions) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        Topics topics = new Topics(name);
        kafka.createTopic(topics.telemetry, telemetryPartitions, Map.of());
        kafka.createTopic(topics.config, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(topics.deadLetters, 1, Map.of());
        elasticsearch.deleteAll(topics.indexPrefix + "*");
        return topics;
    }

    private static final class Topics {
        final String telemetry;
        final String config;
        final String deadLetters;
        final String indexPrefix;

        Topics(String name) {
            this.telemetry = name + "-telemetry";
            this.config = name + "-config";
            this.deadLetters = name + "-dead-letters";
            this.indexPrefix = "kafka-" + name;
        }
    }
}
