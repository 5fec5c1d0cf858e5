package dev.aiapiwatch.event;

import static dev.aiapiwatch.testing.TestEvents.CURL_WINDOWS;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests of the parser, with a bounded number of tries each. Whatever a line holds, the parser
 * returns an event or a dead letter with a known reason, never an exception. Its byte path gives
 * the same result as its text path.
 *
 * <p>Inputs come from a {@link Random} with a fixed seed, so each run repeats the last one. Set the
 * system property {@code fuzz.seed} to try other inputs. A failure names the seed and the try.
 */
class FalconEventParserFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);

    private static final int MAX_LINE_LENGTH = 4096;
    private static final FalconEventParser PARSER = new FalconEventParser(MAX_LINE_LENGTH);

    private static final Set<String> REASONS =
            Arrays.stream(DeadLetterReason.values())
                    .map(DeadLetterReason::code)
                    .collect(Collectors.toSet());

    private static final List<String> VALID_LINES =
            List.of(
                    TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0).line(),
                    TestEvents.process(HOST_A, "100", CURL_WINDOWS)
                            .commandLine("curl.exe -H \"Authorization: Bearer sk-abc\" x")
                            .at(T0)
                            .line(),
                    TestEvents.connect(HOST_A, "100", "104.18.0.1").at(T0).line());

    private static final List<String> FIELDS =
            List.of(
                    "event_simpleName",
                    "aid",
                    "ContextProcessId",
                    "TargetProcessId",
                    "DomainName",
                    "IP4Records",
                    "ContextBaseFileName",
                    "ImageFileName",
                    "CommandLine",
                    "UserSid",
                    "ComputerName",
                    "RemoteAddressIP4",
                    "RemotePort",
                    "timestamp");

    @Test
    void randomBytesGiveEventOrDeadLetter() {
        Random random = new Random(SEED);
        for (int attempt = 0; attempt < 2000; attempt++) {
            byte[] bytes = new byte[random.nextInt(601)];
            random.nextBytes(bytes);
            assertWellFormed(PARSER.parse(bytes, 0, bytes.length, "fuzz", 1), attempt);
        }
    }

    @Test
    void randomTextGivesEventOrDeadLetter() {
        Random random = new Random(SEED);
        for (int attempt = 0; attempt < 2000; attempt++) {
            assertWellFormed(PARSER.parse(randomText(random, 600), "fuzz", 1), attempt);
        }
    }

    @Test
    void mutatedEventsParseAlikeAsTextAndBytes() {
        Random random = new Random(SEED);
        for (int attempt = 0; attempt < 3000; attempt++) {
            String line = mutatedLine(random);
            FalconEvent fromText = PARSER.parse(line, "fuzz", 1);
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            FalconEvent fromBytes = PARSER.parse(bytes, 0, bytes.length, "fuzz", 1);

            assertWellFormed(fromText, attempt);
            assertWellFormed(fromBytes, attempt);
            assertThat(fromBytes.kind).as("kind of %s", line).isEqualTo(fromText.kind);
            assertThat(fromBytes.timestamp).as("time of %s", line).isEqualTo(fromText.timestamp);
            if (fromText.kind == EventKind.INVALID) {
                assertThat(fromBytes.deadLetter.reason)
                        .as("reason for %s", line)
                        .isEqualTo(fromText.deadLetter.reason);
            }
        }
    }

    @Test
    void deepNestingGivesDeadLetter() {
        Random random = new Random(SEED);
        FalconEventParser lenient = new FalconEventParser(1 << 20);
        for (int attempt = 0; attempt < 50; attempt++) {
            int depth = 1 + random.nextInt(20_000);
            String nested = "[".repeat(depth) + "]".repeat(depth);
            String line =
                    "{\"aid\":\""
                            + HOST_A
                            + "\",\"DomainName\":"
                            + nested
                            + ",\"event_simpleName\":\"DnsRequest\",\"ContextProcessId\":\"1\","
                            + "\"timestamp\":\""
                            + T0
                            + "\"}";

            FalconEvent event = lenient.parse(line, "fuzz", 1);

            assertWellFormed(event, attempt);
            assertThat(event.kind).as("depth %d", depth).isEqualTo(EventKind.INVALID);
        }
    }

    /** Returns a valid event with one field replaced or removed, or cut, or with text inserted. */
    private static String mutatedLine(Random random) {
        String line = VALID_LINES.get(random.nextInt(VALID_LINES.size()));
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        switch (random.nextInt(4)) {
            case 0:
                return withField(line, field, randomValue(random));
            case 1:
                return withoutField(line, field);
            case 2:
                return line.substring(0, Math.min(random.nextInt(1001), line.length()));
            default:
                int index = Math.min(random.nextInt(1001), line.length());
                return line.substring(0, index) + randomText(random, 8) + line.substring(index);
        }
    }

    private static JsonNode randomValue(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return Json.mapper().valueToTree(randomText(random, 40));
            case 1:
                return Json.mapper().valueToTree(random.nextLong());
            case 2:
                return Json.mapper().valueToTree(random.nextDouble() * Math.pow(10, 300));
            default:
                List<String> shapes =
                        List.of("null", "true", "{}", "[]", "[1,\"x\"]", "{\"a\":{\"b\":1}}");
                return tree(shapes.get(random.nextInt(shapes.size())));
        }
    }

    /**
     * Returns up to {@code maxLength} characters drawn from JSON syntax, ASCII, control characters,
     * any UTF-16 unit (lone surrogates included) and characters outside the Basic Multilingual
     * Plane.
     */
    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        String syntax = "{}[]\":,\\ ";
        while (text.length() < length) {
            switch (random.nextInt(5)) {
                case 0 -> text.append(syntax.charAt(random.nextInt(syntax.length())));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> text.append((char) random.nextInt(0x20));
                case 3 -> text.append((char) random.nextInt(0x10000));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
        }
        return text.toString();
    }

    private static void assertWellFormed(FalconEvent event, int attempt) {
        assertThat(event).as("event of try %d with seed %d", attempt, SEED).isNotNull();
        assertThat(event.kind).isNotNull();
        switch (event.kind) {
            case INVALID -> {
                assertThat(event.deadLetter).isNotNull();
                assertThat(REASONS).contains(event.deadLetter.reason);
                assertThat(event.deadLetter.raw.length())
                        .isLessThanOrEqualTo(DeadLetter.MAX_RAW_LENGTH);
            }
            case IGNORED -> assertThat(event.ignoredType).isNotNull();
            case DNS_REQUEST -> {
                assertThat(event.dnsLookup.aid).isNotBlank();
                assertThat(event.dnsLookup.domainName).isNotBlank();
                assertThat(event.timestamp).isNotEqualTo(FalconEvent.NO_TIMESTAMP);
            }
            case PROCESS_START -> {
                assertThat(event.processStart.aid).isNotBlank();
                assertThat(event.processStart.targetProcessId).isNotBlank();
                assertThat(event.timestamp).isNotEqualTo(FalconEvent.NO_TIMESTAMP);
            }
            case NETWORK_CONNECT -> {
                assertThat(event.networkConnect.aid).isNotBlank();
                assertThat(event.timestamp).isNotEqualTo(FalconEvent.NO_TIMESTAMP);
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String withField(String line, String field, JsonNode value) {
        ObjectNode event = (ObjectNode) tree(line);
        event.set(field, value);
        return event.toString();
    }

    private static String withoutField(String line, String field) {
        ObjectNode event = (ObjectNode) tree(line);
        event.remove(field);
        return event.toString();
    }
}
