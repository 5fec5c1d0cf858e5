package dev.aiapiwatch;

import static dev.aiapiwatch.testing.Bytes.concat;
import static dev.aiapiwatch.testing.Bytes.utf8;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.POWERSHELL;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.CapturedLog;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API keys in command lines reach no output of the job: not the records in Elasticsearch, the dead
 * letters on Kafka, the log or the run summary. This is true whichever way the line that carries
 * the key is broken.
 */
class SecretRedactionITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final String OPENAI_KEY =
            "sk-proj-Zq8vX2mNcR4tY7uW1pL5kJ3hG9fD6sA0bE2cV4xN8mQ1wR7tY3uI5oP";
    private static final String ANTHROPIC_KEY =
            "sk-ant-api03-Hw4nQ7rT2yU9iO3pA6sD1fG8hJ5kL0zX4cV7bN2mQ9wE6rT3yU8iO1p-AbCdEf";
    private static final String AWS_KEY = "AKIAT3STONLYN0TREAL7";
    private static final String TELEMETRY = "redaction-telemetry";
    private static final String DEAD_LETTERS = "redaction-dead-letters";
    private static final String INDEX_PREFIX = "redaction";

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
    void keysLeaveNoOutput() throws Exception {
        kafka.createTopic(TELEMETRY, 1, Map.of());
        kafka.createTopic("redaction-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(DEAD_LETTERS, 1, Map.of());
        elasticsearch.deleteAll(INDEX_PREFIX + "*");
        String exported = "powershell.exe -Command \"$env:OPENAI_API_KEY='" + OPENAI_KEY + "'\"";
        String header =
                "curl.exe -H \"x-api-key: " + ANTHROPIC_KEY + "\" https://api.anthropic.com";
        String brokenUtf8 =
                TestEvents.process(HOST_A, "103", PYTHON).commandLine(exported).at(T0).line();
        int broken = brokenUtf8.indexOf("powershell");
        List<byte[]> input =
                List.of(
                        utf8(
                                TestEvents.process(HOST_A, "100", POWERSHELL)
                                        .commandLine(exported + "; ./ask.ps1")
                                        .at(T0)
                                        .line()),
                        utf8(TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line()),
                        // Jackson quotes the unknown token, the key, in its message.
                        utf8("{\"event_simpleName\":\"ProcessRollup2\",\"CommandLine\":" + AWS_KEY),
                        utf8(
                                TestEvents.process(HOST_A, "101", POWERSHELL)
                                        .commandLine(header)
                                        .set("timestamp", "soon")
                                        .line()),
                        utf8(
                                TestEvents.process(HOST_A, "102", POWERSHELL)
                                        .commandLine(header)
                                        .at(T0)
                                        .line()
                                        .replace(
                                                "\"TargetProcessId\":\"102\"",
                                                "\"TargetProcessId\":{\"key\":\""
                                                        + ANTHROPIC_KEY
                                                        + "\"}")),
                        concat(
                                utf8(brokenUtf8.substring(0, broken)),
                                new byte[] {(byte) 0xC3, (byte) 0x28},
                                utf8(brokenUtf8.substring(broken))),
                        utf8(overLongLine(exported)));
        kafka.sendBytes(TELEMETRY, 0, input);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        try (CapturedLog log = CapturedLog.start()) {
            System.setOut(new PrintStream(tee(standardOut, console), true, StandardCharsets.UTF_8));
            try {
                new AiApiWatchJob(JobOptions.parse(args())).run();
            } finally {
                System.setOut(standardOut);
            }

            List<JsonNode> documents = elasticsearch.documents(INDEX_PREFIX + "-*");
            assertThat(documents).hasSize(1);
            assertThat(documents.get(0).at("/_source/ai_api/command_line_samples/0").asText())
                    .isEqualTo(
                            "powershell.exe -Command \"$env:OPENAI_API_KEY='[REDACTED]'\"; ./ask.ps1");
            assertNoKey("the records", documents.toString());

            List<ConsumerRecord<String, String>> deadLetters =
                    kafka.read(DEAD_LETTERS, 5, Duration.ofSeconds(60));
            List<String> reasons = new ArrayList<>();
            StringBuilder deadLetterText = new StringBuilder();
            for (ConsumerRecord<String, String> deadLetter : deadLetters) {
                JsonNode value = Json.mapper().readTree(deadLetter.value());
                reasons.add(value.path("reason").asText());
                if (value.path("reason").asText().equals("invalid_json")) {
                    assertThat(value.path("message").asText())
                            .startsWith("Unrecognized token '[REDACTED]'");
                }
                System.out.println(
                        "DEBUGMSG "
                                + value.path("reason").asText()
                                + " :: "
                                + value.path("message").asText());
                assertThat(value.path("raw").asText())
                        .as("raw text of %s", value.path("reason").asText())
                        .contains("[REDACTED]");
                deadLetterText.append(deadLetter.value()).append('\n');
            }
            assertThat(reasons)
                    .containsExactlyInAnyOrder(
                            "invalid_json",
                            "invalid_timestamp",
                            "invalid_field",
                            "invalid_utf8",
                            "line_too_long");
            assertNoKey("the dead letters", deadLetterText.toString());

            String logText = log.text();
            assertThat(logText).contains("for invalid_json", "for invalid_field");
            assertNoKey("the log", logText);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("ai-api-watch");
        assertNoKey("the run summary", console.toString(StandardCharsets.UTF_8));
    }

    /**
     * Returns a line far over the limit whose command line has the key twice: near the start, and
     * across the point where the raw text of a dead letter is cut.
     */
    private static String overLongLine(String exported) {
        String line = longLine(exported, 0);
        int cutInsideKey = DeadLetter.MAX_RAW_LENGTH - 20;
        line = longLine(exported, cutInsideKey - line.lastIndexOf(OPENAI_KEY));
        assertThat(line.lastIndexOf(OPENAI_KEY)).isEqualTo(cutInsideKey);
        return line;
    }

    private static String longLine(String exported, int padding) {
        return TestEvents.process(HOST_A, "104", POWERSHELL)
                .commandLine(exported + " " + "x".repeat(padding) + exported)
                .at(T0)
                .line();
    }

    private static void assertNoKey(String output, String text) {
        assertThat(text).as("%s contain an AWS access key", output).doesNotContain(AWS_KEY);
        for (String key : List.of(OPENAI_KEY, ANTHROPIC_KEY)) {
            // Any twelve characters of the secret part would be a leak.
            for (int start = 12; start + 12 <= key.length(); start += 4) {
                assertThat(text)
                        .as("%s contain part of %s", output, key.substring(0, 7))
                        .doesNotContain(key.substring(start, start + 12));
            }
        }
    }

    private static String[] args() {
        return new String[] {
            "--kafka-bootstrap-servers",
            kafka.bootstrapServers(),
            "--telemetry-topic",
            TELEMETRY,
            "--config-topic",
            "redaction-config",
            "--dead-letter-topic",
            DEAD_LETTERS,
            "--kafka-group-id",
            "redaction",
            "--starting-offsets",
            "earliest",
            "--stop-at-latest",
            "--max-line-length",
            "2048",
            "--elasticsearch-url",
            elasticsearch.url(),
            "--elasticsearch-index-prefix",
            INDEX_PREFIX,
            "--elasticsearch-flush-interval",
            "200ms"
        };
    }

    private static OutputStream tee(OutputStream first, OutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                first.write(b);
                second.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                first.write(bytes, offset, length);
                second.write(bytes, offset, length);
            }
        };
    }
}
