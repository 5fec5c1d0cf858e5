package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.OTHER_USER_SID;
import static dev.aiapiwatch.testing.TestEvents.POWERSHELL;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Host and user names from aidmaster and userinfo files, through the job in a mini cluster. */
class HostUserNamesITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final String HOST_C = "cccc3333cccc3333cccc3333cccc3333";
    private static final String UNKNOWN_SID = "S-1-5-21-1111111111-2222222222-3333333333-1003";

    @TempDir Path directory;

    @Test
    void windowsLookupNamedFromFiles() throws Exception {
        Path telemetry =
                write(
                        "telemetry.ndjson",
                        // Named from aidmaster and userinfo: the event has neither name.
                        TestEvents.process(HOST_A, "100", POWERSHELL).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        // The event's ComputerName stays; the SID has no userinfo entry.
                        TestEvents.process(HOST_B, "200", PYTHON)
                                .set("ComputerName", "FROM-EVENT")
                                .set("UserSid", OTHER_USER_SID)
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line(),
                        // No entry at all: the record keeps host.id and user.id only.
                        TestEvents.process(HOST_C, "300", PYTHON)
                                .set("UserSid", UNKNOWN_SID)
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_C, "300", "api.openai.com").at(T0_PLUS_10M).line());
        Path aidmaster =
                write(
                        "aidmaster.ndjson",
                        TestEvents.aidmaster(HOST_A, "WIN-DEV-01").line(),
                        TestEvents.aidmaster(HOST_B, "FROM-AIDMASTER").line(),
                        "{\"aid\": \"" + HOST_C + "\", \"AgentVersion\": \"7.16.18605.0\"}");
        Path userinfo = directory.resolve("userinfo.ndjson.gz");
        writeGzip(userinfo, "\n" + TestEvents.userinfo(USER_SID, "CORP\\alex").line() + "\n");
        Path output = directory.resolve("records.ndjson");

        JobExecutionResult result =
                new AiApiWatchJob(
                                JobOptions.parse(
                                        new String[] {
                                            "--input", telemetry.toString(),
                                            "--aidmaster", aidmaster.toString(),
                                            "--userinfo", userinfo.toString(),
                                            "--output", output.toString(),
                                            "--parallelism", "2"
                                        }))
                        .run();

        Map<String, JsonNode> records = finalRecordsByHost(output);
        assertThat(records).containsOnlyKeys(HOST_A, HOST_B, HOST_C);

        JsonNode named = records.get(HOST_A);
        assertThat(named.at("/host/name").asText()).isEqualTo("WIN-DEV-01");
        assertThat(named.at("/host/os/type").asText()).isEqualTo("windows");
        assertThat(named.at("/user/id").asText()).isEqualTo(USER_SID);
        assertThat(named.at("/user/name").asText()).isEqualTo("CORP\\alex");

        JsonNode fromEvent = records.get(HOST_B);
        assertThat(fromEvent.at("/host/name").asText()).isEqualTo("FROM-EVENT");
        assertThat(fromEvent.at("/user/id").asText()).isEqualTo(OTHER_USER_SID);
        assertThat(fromEvent.path("user").has("name")).isFalse();

        JsonNode unnamed = records.get(HOST_C);
        assertThat(unnamed.at("/host/id").asText()).isEqualTo(HOST_C);
        assertThat(unnamed.path("host").has("name")).isFalse();
        assertThat(unnamed.at("/user/id").asText()).isEqualTo(UNKNOWN_SID);
        assertThat(unnamed.path("user").has("name")).isFalse();

        List<JsonNode> deadLetters = readLines(directory.resolve("records.dead-letters.ndjson"));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).path("reason").asText()).isEqualTo("missing_name");
        assertThat(deadLetters.get(0).at("/source/file").asText()).isEqualTo(aidmaster.toString());
        assertThat(deadLetters.get(0).at("/source/line").asLong()).isEqualTo(3);

        assertThat(counter(result, RunCounters.AIDMASTER_ENTRIES)).isEqualTo(2);
        assertThat(counter(result, RunCounters.USERINFO_ENTRIES)).isEqualTo(1);
        assertThat(counter(result, RunCounters.HOST_NAMES_FILLED)).isEqualTo(1);
        assertThat(counter(result, RunCounters.USER_NAMES_FILLED)).isEqualTo(1);
    }

    @Test
    void allowlistMatchesNamesFromFiles() throws Exception {
        Path telemetry =
                write(
                        "telemetry.ndjson",
                        TestEvents.process(HOST_A, "100", POWERSHELL).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.process(HOST_B, "200", POWERSHELL).at(T0).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_1S).line());
        Path aidmaster =
                write(
                        "aidmaster.ndjson",
                        TestEvents.aidmaster(HOST_A, "WIN-DEV-01").line(),
                        TestEvents.aidmaster(HOST_B, "WIN-HR-07").line());
        Path userinfo =
                write("userinfo.ndjson", TestEvents.userinfo(USER_SID, "CORP\\alex").line());
        Path allowlist =
                write(
                        "allowlist.json",
                        "{\"entries\": [{\"id\": \"dev-workstations\", \"owner\": \"it@example.com\","
                                + " \"expires\": \"2099-12-31\", \"match\": {\"hostNamePattern\":"
                                + " \"win-dev-*\", \"user\": \"corp\\\\alex\"}}]}");
        Path output = directory.resolve("records.ndjson");

        JobExecutionResult result =
                new AiApiWatchJob(
                                JobOptions.parse(
                                        new String[] {
                                            "--input", telemetry.toString(),
                                            "--aidmaster", aidmaster.toString(),
                                            "--userinfo", userinfo.toString(),
                                            "--allowlist", allowlist.toString(),
                                            "--output", output.toString()
                                        }))
                        .run();

        Map<String, JsonNode> records = finalRecordsByHost(output);
        assertThat(records).containsOnlyKeys(HOST_B);
        assertThat(records.get(HOST_B).at("/host/name").asText()).isEqualTo("WIN-HR-07");
        assertThat(counter(result, RunCounters.SUPPRESSED_LOOKUPS)).isEqualTo(1);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(directory.resolve(name), String.join("\n", lines) + "\n");
    }

    private static void writeGzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }

    /** Returns the last write of each record, by host id; one record per host here. */
    private static Map<String, JsonNode> finalRecordsByHost(Path file) throws IOException {
        Map<String, JsonNode> byHost = new LinkedHashMap<>();
        for (JsonNode record : readLines(file)) {
            byHost.put(record.at("/host/id").asText(), record);
        }
        return byHost;
    }
}
