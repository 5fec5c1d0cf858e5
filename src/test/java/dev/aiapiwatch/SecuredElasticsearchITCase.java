package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.CURL_WINDOWS;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.io.elasticsearch.RiskIndexTemplate;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.risk.RecordIds;
import dev.aiapiwatch.risk.RiskGroupKey;
import dev.aiapiwatch.testing.CapturedLog;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.SecuredElasticsearch;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import dev.aiapiwatch.watchlist.AiLookup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job against Elasticsearch with security on: HTTPS with a CA of its own, and a file-realm user
 * with exactly the role of {@code deploy/elasticsearch/ai-api-watch-role.json}. One node serves the
 * whole class. Each privilege of the role also gets a user whose role lacks it.
 */
class SecuredElasticsearchITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final Path ROLE_FILE = Path.of("deploy/elasticsearch/ai-api-watch-role.json");
    private static final String JOB_USER = "ai-api-watch";

    /** A user for --elasticsearch-template check: monitor in place of manage_index_templates. */
    private static final String CHECK_USER = "ai-api-watch-check";

    /** The start of the names of the users whose role lacks one privilege of the deployed role. */
    private static final String USER_WITHOUT_PREFIX = "ai-api-watch-without-";

    private static final String INDICES = "ai-api-watch-risk-*";
    private static final long DAY = 86_400_000L;

    private static SecuredElasticsearch elasticsearch;
    private static ElasticsearchNode admin;

    @TempDir Path directory;

    @BeforeAll
    static void startElasticsearch() throws Exception {
        JsonNode role = deployedRole();
        Map<String, JsonNode> roles = new LinkedHashMap<>();
        roles.put(JOB_USER, role);
        ObjectNode check = role.deepCopy();
        check.putArray("cluster").add("monitor");
        roles.put(CHECK_USER, check);
        for (String privilege : privileges()) {
            roles.put(USER_WITHOUT_PREFIX + privilege, without(role, privilege));
        }
        elasticsearch = SecuredElasticsearch.start(roles);
        admin = elasticsearch.node();
    }

    @AfterAll
    static void stopElasticsearch() {
        if (elasticsearch != null) {
            elasticsearch.close();
            assertThat(admin.isClosed()).as("node processes exited, work folder deleted").isTrue();
        }
    }

    @BeforeEach
    void deleteRecords() throws Exception {
        admin.deleteAll("ai-api-watch-risk*");
    }

    @Test
    void deployedRoleUpgradesAndWrites() throws Exception {
        // An index of an older template version, whose mapping the job must extend.
        admin.json(
                "PUT",
                "/_index_template/ai-api-watch-risk",
                "{\"index_patterns\":[\""
                        + INDICES
                        + "\"],\"priority\":200,\"version\":"
                        + (RiskIndexTemplate.VERSION - 1)
                        + ",\"_meta\":{\"managed_by\":\"ai-api-watch\"}}");
        admin.json(
                "PUT",
                "/ai-api-watch-risk-2026.11.02",
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"keyword\"}}}}");

        run(JOB_USER, "--elasticsearch-ca-certificate", ca());

        List<JsonNode> documents = admin.documents(INDICES);
        assertThat(documents)
                .extracting(document -> document.path("_id").asText())
                .containsExactlyInAnyOrder(pythonRecordId(), curlRecordId());
        JsonNode python = documentOf(documents, pythonRecordId());
        assertThat(python.path("_index").asText()).isEqualTo("ai-api-watch-risk-2026.11.02");
        assertThat(python.at("/_source/id").asText()).isEqualTo(pythonRecordId());
        assertThat(python.at("/_source/ai_api/dns_query_count").asLong()).isEqualTo(2);
        assertThat(python.at("/_source/event/risk_score").asInt()).isEqualTo(50);
        assertThat(python.at("/_source/event/severity").asInt()).isEqualTo(73);
        JsonNode curl = documentOf(documents, curlRecordId());
        assertThat(curl.path("_index").asText()).isEqualTo("ai-api-watch-risk-2026.11.03");
        assertThat(curl.at("/_source/id").asText()).isEqualTo(curlRecordId());
        assertThat(curl.at("/_source/ai_api/dns_query_count").asLong()).isEqualTo(1);
        JsonNode template = admin.json("GET", "/_index_template/ai-api-watch-risk", null);
        assertThat(template.at("/index_templates/0/index_template/version").asInt())
                .isEqualTo(RiskIndexTemplate.VERSION);
        JsonNode mapping = admin.json("GET", "/ai-api-watch-risk-2026.11.02/_mapping", null);
        assertThat(
                        mapping.at(
                                        "/ai-api-watch-risk-2026.11.02/mappings/properties/event"
                                                + "/properties/severity/type")
                                .asText())
                .isEqualTo("long");
        assertThat(Files.readString(deadLetters())).isEmpty();
    }

    @Test
    void checkModeNeedsMonitorOnly() throws Exception {
        admin.json(
                "PUT",
                "/_index_template/ai-api-watch-risk",
                RiskIndexTemplate.body("ai-api-watch-risk"));

        run(
                CHECK_USER,
                "--elasticsearch-ca-certificate",
                ca(),
                "--elasticsearch-template",
                "check");

        assertThat(admin.documents(INDICES))
                .extracting(document -> document.path("_id").asText())
                .containsExactlyInAnyOrder(pythonRecordId(), curlRecordId());
    }

    @Test
    void wrongPasswordNamedAndNotLeaked() throws Exception {
        String wrongPassword = "wrong-" + elasticsearch.password();
        Path passwordFile = Files.writeString(directory.resolve("wrong-password"), wrongPassword);
        String basicCredentials =
                Base64.getEncoder()
                        .encodeToString(
                                (JOB_USER + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Throwable failure;
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            failure =
                    catchThrowable(
                            () ->
                                    run(
                                            JOB_USER,
                                            passwordFile,
                                            elasticsearch.url(),
                                            "--elasticsearch-ca-certificate",
                                            ca()));
            log = captured.text();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(failure).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.getMessage())
                .contains("rejected user " + JOB_USER)
                .contains("--elasticsearch-password-file " + passwordFile)
                .contains("401 Unauthorized")
                .contains("holds its current password");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(wrongPassword, basicCredentials);
        assertThat(log).contains("Writing risk records to Elasticsearch");
        assertThat(log).doesNotContain(wrongPassword, basicCredentials);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .doesNotContain(wrongPassword, basicCredentials);
    }

    @Test
    void missingCaCertificateNamed() throws Exception {
        Throwable failure = catchThrowable(() -> run(JOB_USER));

        assertThat(failure).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.getMessage())
                .contains("TLS handshake with Elasticsearch at [" + elasticsearch.url() + "]")
                .contains("not signed by the JVM's trusted certificate authorities")
                .contains("--elasticsearch-ca-certificate is not given")
                .endsWith("with --elasticsearch-ca-certificate.");
    }

    @Test
    void plainHttpUrlNamesHttps() throws Exception {
        String plainUrl = elasticsearch.url().replace("https://", "http://");

        Throwable failure =
                catchThrowable(
                        () ->
                                run(
                                        JOB_USER,
                                        passwordFile(),
                                        plainUrl,
                                        "--elasticsearch-ca-certificate",
                                        ca()));

        assertThat(failure).isInstanceOf(AiApiWatchJob.StartException.class);
        assertThat(failure.getMessage())
                .contains("Elasticsearch at [" + plainUrl + "] closed the connection")
                .contains("use an https:// URL in --elasticsearch-url");
    }

    static List<String> privileges() throws Exception {
        JsonNode role = deployedRole();
        List<String> privileges = new ArrayList<>();
        role.path("cluster").forEach(privilege -> privileges.add(privilege.asText()));
        for (JsonNode indices : role.path("indices")) {
            indices.path("privileges").forEach(privilege -> privileges.add(privilege.asText()));
        }
        return privileges;
    }

    @ParameterizedTest
    @MethodSource("privileges")
    void missingPrivilegeNamed(String privilege) throws Exception {
        String user = USER_WITHOUT_PREFIX + privilege;

        Throwable failure = catchThrowable(() -> run(user, "--elasticsearch-ca-certificate", ca()));

        String message = deniedMessage(failure);
        assertThat(message).startsWith("Elasticsearch denied user " + user + " the request ");
        assertThat(message).contains("403 Forbidden");
        assertThat(grantingPrivileges(message)).contains(privilege);
        assertThat(admin.documents(INDICES)).isEmpty();
    }

    /**
     * Returns the message of the job's own error in the cause chain of {@code failure}, from its
     * start: Flink puts the class name of a task's error in front of it.
     */
    private static String deniedMessage(Throwable failure) {
        assertThat(failure).isNotNull();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("Elasticsearch denied")) {
                return message.substring(message.indexOf("Elasticsearch denied"));
            }
        }
        throw new AssertionError("no message of a denied request in " + failure, failure);
    }

    /** Returns the privileges in Elasticsearch's "this action is granted by the ... privileges". */
    private static List<String> grantingPrivileges(String message) {
        Matcher matcher =
                Pattern.compile("granted by the \\w+ privileges \\[([^]]*)]").matcher(message);
        assertThat(matcher.find()).as("privileges named in: %s", message).isTrue();
        return List.of(matcher.group(1).split(","));
    }

    private static JsonNode deployedRole() throws Exception {
        return Json.mapper().readTree(ROLE_FILE.toFile());
    }

    /** Returns a copy of {@code role} without {@code privilege}, wherever it is granted. */
    private static JsonNode without(JsonNode role, String privilege) {
        ObjectNode copy = role.deepCopy();
        removeValue((ArrayNode) copy.path("cluster"), privilege);
        for (JsonNode indices : copy.path("indices")) {
            removeValue((ArrayNode) indices.path("privileges"), privilege);
        }
        return copy;
    }

    private static void removeValue(ArrayNode values, String value) {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i).asText().equals(value)) {
                values.remove(i);
            }
        }
    }

    /** Runs the job as {@code user} with its right password, on two records on two days. */
    private void run(String user, String... more) throws Exception {
        run(user, passwordFile(), elasticsearch.url(), more);
    }

    private void run(String user, Path passwordFile, String url, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--input",
                                telemetry().toString(),
                                "--dead-letters",
                                deadLetters().toString(),
                                "--elasticsearch-url",
                                url,
                                "--elasticsearch-username",
                                user,
                                "--elasticsearch-password-file",
                                passwordFile.toString(),
                                "--elasticsearch-flush-interval",
                                "100ms",
                                "--elasticsearch-max-retries",
                                "1"));
        args.addAll(List.of(more));
        new AiApiWatchJob(JobOptions.parse(args.toArray(new String[0]))).run();
    }

    private String ca() {
        return elasticsearch.caCertificate().toString();
    }

    private Path passwordFile() throws Exception {
        return Files.writeString(directory.resolve("password"), elasticsearch.password() + "\n");
    }

    private Path deadLetters() {
        return directory.resolve("dead-letters.ndjson");
    }

    /**
     * Writes python.exe looking up api.openai.com twice on 2026-11-02 and curl.exe looking up
     * api.anthropic.com once on the next day, so that the records go to two daily indices.
     */
    private Path telemetry() throws Exception {
        List<String> lines =
                List.of(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line(),
                        TestEvents.process(HOST_B, "200", CURL_WINDOWS).at(T0 + DAY).line(),
                        TestEvents.dns(HOST_B, "200", "api.anthropic.com")
                                .at(T0_PLUS_1S + DAY)
                                .line());
        return Files.writeString(
                directory.resolve("telemetry.ndjson"), String.join("\n", lines) + "\n");
    }

    private static String pythonRecordId() {
        return recordId(HOST_A, "python.exe", ProcessCategory.SCRIPT_RUNTIME, "api.openai.com", T0);
    }

    private static String curlRecordId() {
        return recordId(
                HOST_B, "curl.exe", ProcessCategory.CLI_TRANSFER, "api.anthropic.com", T0 + DAY);
    }

    /** Returns the id of the record of a process that explorer.exe started, in an hour window. */
    private static String recordId(
            String host,
            String processName,
            ProcessCategory category,
            String domain,
            long windowStart) {
        AiLookup lookup = new AiLookup();
        lookup.aid = host;
        lookup.domain = domain;
        WatchedProcess process = new WatchedProcess();
        process.aid = host;
        process.processName = processName;
        process.parentName = "explorer.exe";
        process.userSid = USER_SID;
        process.category = category;
        return RecordIds.of(
                RiskGroupKey.of(new AttributedLookup(lookup, process)),
                windowStart,
                windowStart + (T0_PLUS_1H - T0));
    }

    private static JsonNode documentOf(List<JsonNode> documents, String id) {
        return documents.stream()
                .filter(document -> document.path("_id").asText().equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no document "
                                                + id
                                                + " among "
                                                + documents.stream()
                                                        .map(d -> d.path("_id").asText())
                                                        .collect(Collectors.joining(", "))));
    }
}
