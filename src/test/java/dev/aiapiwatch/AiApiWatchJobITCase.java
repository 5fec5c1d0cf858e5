package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.CURL_WINDOWS;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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

/** The job as the command line runs it: files in, record and dead-letter files out. */
class AiApiWatchJobITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    @TempDir Path directory;

    @Test
    void bundledSampleGivesExpectedRecords() throws Exception {
        Path output = directory.resolve("records.ndjson");

        run("--output", output.toString());

        // host, process, domain, category, weight, lookups, window start (UTC)
        String[][] expected = {
            {
                "4f9c2a61d3b84e0fa6c1e7b25d8f3a90",
                "powershell.exe",
                "api.openai.com",
                "ScriptRuntime",
                "2",
                "1",
                "09:00"
            },
            {
                "4f9c2a61d3b84e0fa6c1e7b25d8f3a90",
                "python.exe",
                "api.openai.com",
                "ScriptRuntime",
                "2",
                "3",
                "09:00"
            },
            {
                "8b1e5d7c2a9f4b36b0e4c8d1a7f2e563",
                "curl.exe",
                "api.openai.com",
                "CLI_Transfer",
                "1",
                "1",
                "09:00"
            },
            {
                "8b1e5d7c2a9f4b36b0e4c8d1a7f2e563",
                "powershell.exe",
                "api.anthropic.com",
                "ScriptRuntime",
                "2",
                "1",
                "09:00"
            },
            {
                "8b1e5d7c2a9f4b36b0e4c8d1a7f2e563",
                "pwsh.exe",
                "contoso-eastus.openai.azure.com",
                "ScriptRuntime",
                "2",
                "1",
                "10:00"
            },
            {
                "c3d7a1f9e5b24c8d9e0f1a2b3c4d5e6f",
                "curl",
                "api.openai.com",
                "CLI_Transfer",
                "1",
                "1",
                "09:00"
            },
            {
                "c3d7a1f9e5b24c8d9e0f1a2b3c4d5e6f",
                "python3.11",
                "bedrock-runtime.us-east-1.amazonaws.com",
                "ScriptRuntime",
                "2",
                "2",
                "09:00"
            },
            {
                "e6a2b8c4d0f14e7a8b9c0d1e2f3a4b5c",
                "mshta.exe",
                "api.openai.com",
                "LOLBin",
                "3",
                "1",
                "09:00"
            },
            {
                "e6a2b8c4d0f14e7a8b9c0d1e2f3a4b5c",
                "mshta.exe",
                "api.openai.com",
                "LOLBin",
                "3",
                "1",
                "10:00"
            },
            {
                "8b1e5d7c2a9f4b36b0e4c8d1a7f2e563",
                "python.exe",
                "api.mistral.ai",
                "ScriptRuntime",
                "2",
                "1",
                "10:00"
            },
            {
                "1a2b3c4d5e6f40718293a4b5c6d7e8f9",
                "node",
                "api.deepseek.com",
                "Runtime",
                "0",
                "1",
                "10:00"
            },
        };
        List<String> actual = new ArrayList<>();
        for (JsonNode record : finalRecords(output)) {
            actual.add(
                    String.join(
                            " ",
                            record.at("/host/id").asText(),
                            record.at("/process/name").asText(),
                            record.at("/dns/question/name").asText(),
                            record.at("/ai_api/process_category").asText(),
                            record.at("/ai_api/risk_weight").asText(),
                            record.at("/ai_api/dns_query_count").asText(),
                            record.at("/ai_api/window/start").asText().substring(11, 16)));
        }
        List<String> wanted = new ArrayList<>();
        for (String[] row : expected) {
            wanted.add(String.join(" ", row));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(finalRecords(output))
                .filteredOn(
                        record -> record.at("/ai_api/attribution").asText().equals("unattributed"))
                .extracting(record -> record.at("/dns/question/name").asText())
                .containsExactly("api.mistral.ai");

        String written = Files.readString(output);
        assertThat(written)
                .doesNotContain("Qw7Lp2Zx9Rt4Vn6Bm1Kc8Hd3Fg5Js0Ay")
                .contains("[REDACTED]");
        List<JsonNode> deadLetters = readLines(directory.resolve("records.dead-letters.ndjson"));
        assertThat(deadLetters)
                .extracting(deadLetter -> deadLetter.path("reason").asText())
                .containsExactlyInAnyOrder("invalid_json", "invalid_timestamp");
        // The sample stays next to the output, so the dead letters point at lines one can read.
        Path sample = directory.resolve("falcon-sample.ndjson");
        List<String> sampleLines = Files.readAllLines(sample);
        for (JsonNode deadLetter : deadLetters) {
            assertThat(deadLetter.at("/source/file").asText()).endsWith(sample.toString());
            assertThat(sampleLines.get(deadLetter.at("/source/line").asInt() - 1))
                    .startsWith(deadLetter.path("raw").asText().substring(0, 40));
        }
    }

    @Test
    void directoryInputReadsTelemetryFilesOnly() throws Exception {
        Path input = Files.createDirectory(directory.resolve("input"));
        Files.writeString(
                input.resolve("part-1.ndjson"),
                lines(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line()));
        writeGzip(
                input.resolve("part-2.ndjson.gz"),
                lines(
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1M).line()));
        Files.writeString(input.resolve("README.md"), "# not telemetry\n");
        Files.writeString(input.resolve(".partial.ndjson"), "{\"half\":\n");
        Path output = directory.resolve("out/records.ndjson");

        JobExecutionResult result = run("--input", input.toString(), "--output", output.toString());

        assertThat(result.<Long>getAccumulatorResult(RunCounters.EVENTS_READ)).isEqualTo(4L);
        assertThat(finalRecords(output))
                .singleElement()
                .satisfies(
                        record ->
                                assertThat(record.at("/ai_api/dns_query_count").asLong())
                                        .isEqualTo(3));
        assertThat(Files.readString(directory.resolve("out/records.dead-letters.ndjson")))
                .isEmpty();
    }

    @Test
    void overlongLineBecomesDeadLetter() throws Exception {
        Path input = directory.resolve("events.ndjson");
        String longCommandLine = "python.exe " + "x".repeat(5_000);
        Files.writeString(
                input,
                lines(
                        TestEvents.process(HOST_A, "100", PYTHON)
                                .commandLine(longCommandLine)
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line()));
        Path output = directory.resolve("records.ndjson");
        Path deadLetters = directory.resolve("rejected.ndjson");

        run(
                "--input", input.toString(),
                "--output", output.toString(),
                "--dead-letters", deadLetters.toString(),
                "--max-line-length", "4096");

        List<JsonNode> rejected = readLines(deadLetters);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("reason").asText()).isEqualTo("line_too_long");
        assertThat(rejected.get(0).at("/source/line").asLong()).isEqualTo(1);
        assertThat(rejected.get(0).path("raw").asText()).hasSizeLessThanOrEqualTo(4096);
        JsonNode unattributed = finalRecords(output).get(0);
        assertThat(finalRecords(output)).hasSize(1);
        assertThat(unattributed.at("/ai_api/attribution").asText()).isEqualTo("unattributed");
        assertThat(unattributed.has("process")).isFalse();
    }

    @Test
    void truncatedGzipBecomesDeadLetter() throws Exception {
        Path input = Files.createDirectory(directory.resolve("input"));
        Files.writeString(
                input.resolve("a.ndjson"),
                lines(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line()));
        Path whole = directory.resolve("whole.ndjson.gz");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            many.append(TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line());
            many.append('\n');
        }
        writeGzip(whole, many.toString());
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = input.resolve("b.ndjson.gz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path output = directory.resolve("out/records.ndjson");

        run("--input", input.toString(), "--output", output.toString());

        List<JsonNode> deadLetters =
                readLines(directory.resolve("out/records.dead-letters.ndjson"));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).path("reason").asText()).isEqualTo("unreadable_file");
        assertThat(deadLetters.get(0).at("/source/file").asText()).endsWith("b.ndjson.gz");
        assertThat(deadLetters.get(0).path("message").asText())
                .contains("the rest of the file is skipped");
        assertThat(finalRecords(output))
                .singleElement()
                .satisfies(
                        record ->
                                assertThat(record.at("/ai_api/dns_query_count").asLong())
                                        .isGreaterThan(1));
    }

    @Test
    void allowlistFileSuppressesAndSummaryCounts() throws Exception {
        Path input = directory.resolve("events.ndjson");
        Files.writeString(
                input,
                lines(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.process(HOST_A, "200", CURL_WINDOWS).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_A, "200", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_30S).line()));
        Path allowlist = directory.resolve("allowlist.json");
        Files.writeString(
                allowlist,
                "{\"entries\": [{\"id\": \"notebook-python\", \"owner\":"
                        + " \"ds-platform@example.com\", \"expires\": \"2027-03-31\", \"match\":"
                        + " {\"host\": \""
                        + HOST_A
                        + "\", \"processName\": \"python.exe\"}}]}");
        Path output = directory.resolve("records.ndjson");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        JobExecutionResult result;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            result =
                    run(
                            "--input", input.toString(),
                            "--output", output.toString(),
                            "--allowlist", allowlist.toString());
        } finally {
            System.setOut(console);
        }

        assertThat(finalRecords(output))
                .singleElement()
                .satisfies(
                        record ->
                                assertThat(record.at("/process/name").asText())
                                        .isEqualTo("curl.exe"));
        assertThat(result.<Long>getAccumulatorResult(RunCounters.SUPPRESSED_LOOKUPS)).isEqualTo(2L);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("  allowlisted     2 (notebook-python 2)\n");
    }

    @Test
    void missingElasticsearchPasswordIsSettingError() {
        assumeTrue(System.getenv("ELASTICSEARCH_PASSWORD") == null);

        assertThatThrownBy(
                        () ->
                                run(
                                        "--dead-letters",
                                        directory.resolve("dead-letters.ndjson").toString(),
                                        "--elasticsearch-url",
                                        "http://127.0.0.1:1",
                                        "--elasticsearch-username",
                                        "watch"))
                .isInstanceOfSatisfying(
                        AiApiWatchJob.StartException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("no password for Elasticsearch user watch")
                .hasMessageContaining("ELASTICSEARCH_PASSWORD");
    }

    private static JobExecutionResult run(String... args) throws Exception {
        return new AiApiWatchJob(JobOptions.parse(args)).run();
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static void writeGzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(Json.mapper().readTree(line));
            }
        }
        return nodes;
    }

    /**
     * Returns the last line of each record id, as Elasticsearch keeps the last write of each _id.
     */
    private static List<JsonNode> finalRecords(Path file) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode record : readLines(file)) {
            byId.put(record.path("id").asText(), record);
        }
        return new ArrayList<>(byId.values());
    }
}
