package dev.aiapiwatch.io.elasticsearch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.FileDeadLetterPublisher;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.risk.RecordIds;
import dev.aiapiwatch.risk.RiskRecord;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.FaultInjectingProxy;
import dev.aiapiwatch.testing.TestClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Elasticsearch sink against a real Elasticsearch node. */
class ElasticsearchSinkITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static ElasticsearchNode elasticsearch;

    @TempDir Path directory;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        elasticsearch = ElasticsearchNode.shared();
    }

    @Test
    void latestWriteOfEachRecordKept(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        RiskRecord early = record(HOST_A, 1);
        RiskRecord last = record(HOST_A, 3);
        RiskRecord other = record(HOST_B, 2);

        write(options(prefix, elasticsearch.url()), early, last, other);

        List<JsonNode> documents = elasticsearch.documents(prefix + "-*");
        assertThat(documents).hasSize(2);
        JsonNode hostA = documentOf(documents, last.id);
        assertThat(hostA.path("_index").asText()).isEqualTo(prefix + "-2026.11.02");
        assertThat(hostA.path("_version").asLong()).isEqualTo(3);
        assertThat(hostA.at("/_source/ai_api/dns_query_count").asLong()).isEqualTo(3);
        assertThat(hostA.at("/_source/host/id").asText()).isEqualTo(HOST_A);
        JsonNode template = elasticsearch.json("GET", "/_index_template/" + prefix, null);
        assertThat(template.at("/index_templates/0/index_template/version").asInt())
                .isEqualTo(RiskIndexTemplate.VERSION);
    }

    @Test
    void olderWriteKeepsNewerDocument(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        ElasticsearchOptions options = options(prefix, elasticsearch.url());

        write(options, record(HOST_A, 5));
        write(options, record(HOST_A, 2));

        List<JsonNode> documents = elasticsearch.documents(prefix + "-*");
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).at("/_source/ai_api/dns_query_count").asLong()).isEqualTo(5);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void confirmationKeptOverStaleWrite(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        ElasticsearchOptions options = options(prefix, elasticsearch.url());
        RiskRecord confirmed = record(HOST_A, 2);
        confirmed.confirmedConnections = 1;
        confirmed.destinationIps = new String[] {"104.18.32.47"};

        write(options, confirmed);
        write(options, record(HOST_A, 2));

        List<JsonNode> documents = elasticsearch.documents(prefix + "-*");
        assertThat(documents).hasSize(1);
        JsonNode document = documents.get(0);
        assertThat(document.path("_version").asLong()).isEqualTo(3);
        assertThat(document.at("/_source/ai_api/confirmed_connections").asLong()).isEqualTo(1);
        assertThat(document.at("/_source/destination/ip/0").asText()).isEqualTo("104.18.32.47");
        JsonNode mapping = elasticsearch.json("GET", "/" + prefix + "-2026.11.02/_mapping", null);
        assertThat(
                        mapping.at(
                                        "/"
                                                + prefix
                                                + "-2026.11.02/mappings/properties/destination/properties/ip/type")
                                .asText())
                .isEqualTo("ip");
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void mappingErrorBecomesDeadLetter(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        elasticsearch.json(
                "PUT",
                "/" + prefix + "-2026.11.02",
                "{\"mappings\":{\"properties\":{\"host\":{\"type\":\"keyword\"}}}}");
        RiskRecord rejected = record(HOST_A, 1);
        RiskRecord accepted = record(HOST_B, 1);
        accepted.windowStart = T0_PLUS_1H * 24;
        accepted.windowEnd = accepted.windowStart + 3_600_000;

        JobExecutionResult result =
                write(
                        options(prefix, elasticsearch.url(), "--elasticsearch-template", "skip"),
                        rejected,
                        accepted);

        assertThat(RejectedDocumentTally.take(result.getJobID())).isEqualTo(1);
        List<JsonNode> deadLetters = deadLetters();
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = deadLetters.get(0);
        assertThat(deadLetter.path("reason").asText()).isEqualTo("rejected_by_elasticsearch");
        assertThat(deadLetter.path("message").asText())
                .contains(rejected.id)
                .contains("status 400")
                .contains("parsing_exception");
        assertThat(Json.mapper().readTree(deadLetter.path("raw").asText()).path("id").asText())
                .isEqualTo(rejected.id);
        assertThat(elasticsearch.documents(prefix + "-*"))
                .extracting(document -> document.path("_id").asText())
                .containsExactly(accepted.id);
    }

    @Test
    void rejectedItemsSentAgain(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        try (FaultInjectingProxy proxy =
                FaultInjectingProxy.rejectingItems(elasticsearch.url(), 2)) {
            write(options(prefix, proxy.url()), record(HOST_A, 4));

            assertThat(proxy.bulkRequests()).isEqualTo(3);
        }
        List<JsonNode> documents = elasticsearch.documents(prefix + "-*");
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).at("/_source/ai_api/dns_query_count").asLong()).isEqualTo(4);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void rejectedRequestsSentAgain(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        try (FaultInjectingProxy proxy =
                FaultInjectingProxy.rejectingRequests(elasticsearch.url(), 2)) {
            write(
                    options(prefix, proxy.url(), "--elasticsearch-max-retries", "3"),
                    record(HOST_A, 1));

            assertThat(proxy.bulkRequests()).isEqualTo(3);
        }
        assertThat(elasticsearch.documents(prefix + "-*")).hasSize(1);
    }

    @Test
    void failingRequestsFailJobAfterRetries(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        try (FaultInjectingProxy proxy =
                FaultInjectingProxy.rejectingRequests(elasticsearch.url(), 100)) {
            ElasticsearchOptions options =
                    options(prefix, proxy.url(), "--elasticsearch-max-retries", "2");

            assertThatThrownBy(() -> write(options, record(HOST_A, 1)))
                    .hasStackTraceContaining(
                            "a bulk request to Elasticsearch at "
                                    + proxy.url()
                                    + " failed 3 times in a row");
            assertThat(proxy.bulkRequests()).isEqualTo(3);
        }
        assertThat(elasticsearch.documents(prefix + "-*")).isEmpty();
    }

    @Test
    void policyWithoutLifecycleModuleNamesOption(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        ElasticsearchOptions options =
                options(prefix, elasticsearch.url(), "--elasticsearch-ilm-policy", "risk-90d");

        // The test distribution has no ILM module, like a cluster without index lifecycle.
        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown setting [index.lifecycle.name]")
                .hasMessageEndingWith(
                        " Elasticsearch rejected the lifecycle policy setting of"
                                + " --elasticsearch-ilm-policy risk-90d: install the policy with"
                                + " PUT /_ilm/policy/risk-90d on a cluster with index lifecycle"
                                + " management, or leave out --elasticsearch-ilm-policy.");
    }

    @Test
    void missingTemplateFailsCheck(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        ElasticsearchOptions options =
                options(prefix, elasticsearch.url(), "--elasticsearch-template", "check");

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the index template " + prefix + " is missing")
                .hasMessageContaining("--elasticsearch-template install");
    }

    @Test
    void olderTemplateUpgradedWithItsIndices(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        installTemplate(prefix, RiskIndexTemplate.VERSION - 1);
        elasticsearch.json(
                "PUT",
                "/" + prefix + "-2026.11.02",
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"keyword\"}}}}");
        RiskRecord record = record(HOST_A, 1);
        record.riskScore = 40;
        record.severity = 47;

        write(options(prefix, elasticsearch.url()), record);

        assertThat(deadLetters()).isEmpty();
        JsonNode document = documentOf(elasticsearch.documents(prefix + "-*"), record.id);
        assertThat(document.at("/_source/event/risk_score").asInt()).isEqualTo(40);
        JsonNode mapping = elasticsearch.json("GET", "/" + prefix + "-2026.11.02/_mapping", null);
        assertThat(
                        mapping.at(
                                        "/"
                                                + prefix
                                                + "-2026.11.02/mappings/properties/event/properties/severity/type")
                                .asText())
                .isEqualTo("long");
    }

    @Test
    void failedIndexUpdateKeepsOlderTemplate(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        installTemplate(prefix, RiskIndexTemplate.VERSION - 1);
        // A text field where the template maps an object: the mapping update cannot merge it.
        elasticsearch.json(
                "PUT",
                "/" + prefix + "-2026.11.02",
                "{\"mappings\":{\"properties\":{\"event\":{\"type\":\"keyword\"}}}}");
        ElasticsearchOptions options = options(prefix, elasticsearch.url());

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(
                        "Elasticsearch returned status 400 to PUT /" + prefix + "-*/_mapping")
                .hasMessageContaining("[event]")
                .hasMessageEndingWith(
                        ". An index matching "
                                + prefix
                                + "-* has a field that template version "
                                + RiskIndexTemplate.VERSION
                                + " maps differently, so it cannot take the job's records:"
                                + " reindex or delete that index, or write to other indices with"
                                + " --elasticsearch-index-prefix. The older template stays"
                                + " installed until the update succeeds.");

        // Still the older version, so the next start updates the indices again.
        assertThat(installedVersion(prefix)).isEqualTo(RiskIndexTemplate.VERSION - 1);
    }

    @Test
    void newerTemplateLeftInPlace(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        installTemplate(prefix, RiskIndexTemplate.VERSION + 1);

        RiskIndexTemplate.prepare(options(prefix, elasticsearch.url()));

        assertThat(installedVersion(prefix)).isEqualTo(RiskIndexTemplate.VERSION + 1);
    }

    private static int installedVersion(String prefix) throws Exception {
        return elasticsearch
                .json("GET", "/_index_template/" + prefix, null)
                .at("/index_templates/0/index_template/version")
                .asInt();
    }

    @Test
    void olderTemplateFailsCheck(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        installTemplate(prefix, RiskIndexTemplate.VERSION - 1);
        ElasticsearchOptions options =
                options(prefix, elasticsearch.url(), "--elasticsearch-template", "check");

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is version " + (RiskIndexTemplate.VERSION - 1))
                .hasMessageContaining("--elasticsearch-template install");
    }

    /** Installs an empty template of {@code version}, as the job would, under its name. */
    private static void installTemplate(String prefix, int version) throws Exception {
        elasticsearch.json(
                "PUT",
                "/_index_template/" + prefix,
                "{\"index_patterns\":[\""
                        + prefix
                        + "-*\"],\"priority\":200,\"version\":"
                        + version
                        + ",\"_meta\":{\"managed_by\":\"ai-api-watch\"}}");
    }

    @Test
    void foreignTemplateKept(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        String foreign = "{\"index_patterns\":[\"" + prefix + "-*\"],\"priority\":200}";
        elasticsearch.json("PUT", "/_index_template/" + prefix, foreign);

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options(prefix, elasticsearch.url())))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "the index template "
                                + prefix
                                + " in Elasticsearch was not installed by ai-api-watch (its"
                                + " _meta.managed_by is not ai-api-watch), so the job does not"
                                + " replace it. Delete it with DELETE /_index_template/"
                                + prefix
                                + " if nothing else uses it, or write to other indices with"
                                + " --elasticsearch-index-prefix.");
        assertThatThrownBy(
                        () ->
                                RiskIndexTemplate.prepare(
                                        options(
                                                prefix,
                                                elasticsearch.url(),
                                                "--elasticsearch-template",
                                                "check")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("so the job cannot check it.");

        JsonNode kept =
                elasticsearch
                        .json("GET", "/_index_template/" + prefix, null)
                        .at("/index_templates/0/index_template");
        assertThat(kept.has("version")).isFalse();
        assertThat(kept.has("_meta")).isFalse();
    }

    @Test
    void higherPriorityTemplateFailsStart(TestInfo test) throws Exception {
        String prefix = prefixFor(test);
        elasticsearch.json(
                "PUT",
                "/_index_template/" + prefix + "-shadow",
                "{\"index_patterns\":[\"" + prefix + "-*\"],\"priority\":500}");

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options(prefix, elasticsearch.url())))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "the index template "
                                + prefix
                                + "-shadow (priority 500) matches record indices "
                                + prefix
                                + "-yyyy.MM.dd with a higher priority than the job's template "
                                + prefix
                                + " (priority 200), so new record indices would get its settings"
                                + " and mappings. Lower its priority below 200 or change its"
                                + " index_patterns, or write to other indices with"
                                + " --elasticsearch-index-prefix.");
    }

    @Test
    void unreachableClusterNamed() throws Exception {
        ElasticsearchOptions options = options("unreachable", "http://127.0.0.1:1");

        assertThatThrownBy(() -> RiskIndexTemplate.prepare(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot connect to Elasticsearch at [http://127.0.0.1:1]");
    }

    /** Runs a job that installs the template as configured and writes {@code records} in order. */
    private JobExecutionResult write(ElasticsearchOptions options, RiskRecord... records)
            throws Exception {
        RiskIndexTemplate.prepare(options);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(TestClusters.jobConfiguration());
        env.setParallelism(1);
        env.fromData(Arrays.asList(records), TypeInformation.of(RiskRecord.class))
                .sinkTo(
                        new ElasticsearchSink(
                                options, new FileDeadLetterPublisher(deadLetterFile())));
        return env.execute("elasticsearch sink test");
    }

    private Path deadLetterFile() {
        return directory.resolve("dead-letters.ndjson");
    }

    private List<JsonNode> deadLetters() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(deadLetterFile())) {
            for (String line : Files.readAllLines(deadLetterFile())) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        return lines;
    }

    private static ElasticsearchOptions options(String prefix, String url, String... more)
            throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--elasticsearch-url", url,
                                "--elasticsearch-index-prefix", prefix,
                                "--elasticsearch-flush-interval", "100ms"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).elasticsearch();
    }

    private static String prefixFor(TestInfo test) throws Exception {
        String prefix = "test-" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        elasticsearch.deleteAll(prefix + "*");
        return prefix;
    }

    private static JsonNode documentOf(List<JsonNode> documents, String id) {
        return documents.stream()
                .filter(document -> document.path("_id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Returns a record of {@code host} in the window starting at T0, with {@code lookups} lookups.
     */
    private static RiskRecord record(String host, long lookups) {
        RiskRecord record = new RiskRecord();
        record.id =
                RecordIds.of(HashedKey.of(host, "python.exe", "api.openai.com"), T0, T0_PLUS_1H);
        record.firstSeen = T0_PLUS_1S;
        record.lastSeen = T0_PLUS_1S + lookups;
        record.hostId = host;
        record.userId = "S-1-5-21-1";
        record.processName = "python.exe";
        record.parentProcessName = "cmd.exe";
        record.domain = "api.openai.com";
        record.provider = "OpenAI";
        record.processCategory = "ScriptRuntime";
        record.riskWeight = 2;
        record.dnsQueryCount = lookups;
        record.commandLineSamples = new String[] {"python.exe ask.py"};
        record.windowStart = T0;
        record.windowEnd = T0_PLUS_1H;
        record.ruleVersion = "wl-test";
        return record;
    }
}
