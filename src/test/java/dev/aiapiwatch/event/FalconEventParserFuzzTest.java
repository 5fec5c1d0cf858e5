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
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz tests of the parser, with a bounded number of tries each. Whatever a line holds, the parser
 * returns an event or a dead letter with a known reason, never an exception. Its byte path gives
 * the same result as its text path.
 */
class FalconEventParserFuzzTest {

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

    @Property(tries = 2000)
    void randomBytesGiveEventOrDeadLetter(@ForAll @Size(max = 600) byte[] bytes) {
        assertWellFormed(PARSER.parse(bytes, 0, bytes.length, "fuzz", 1));
    }

    @Property(tries = 2000)
    void randomTextGivesEventOrDeadLetter(@ForAll @Size(max = 600) String text) {
        assertWellFormed(PARSER.parse(text, "fuzz", 1));
    }

    @Property(tries = 3000)
    void mutatedEventsParseAlikeAsTextAndBytes(@ForAll("mutatedLines") String line) {
        FalconEvent fromText = PARSER.parse(line, "fuzz", 1);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        FalconEvent fromBytes = PARSER.parse(bytes, 0, bytes.length, "fuzz", 1);

        assertWellFormed(fromText);
        assertWellFormed(fromBytes);
        assertThat(fromBytes.kind).as("kind of %s", line).isEqualTo(fromText.kind);
        assertThat(fromBytes.timestamp).as("time of %s", line).isEqualTo(fromText.timestamp);
        if (fromText.kind == EventKind.INVALID) {
            assertThat(fromBytes.deadLetter.reason)
                    .as("reason for %s", line)
                    .isEqualTo(fromText.deadLetter.reason);
        }
    }

    @Property(tries = 50)
    void deepNestingGivesDeadLetter(@ForAll @IntRange(min = 1, max = 20_000) int depth) {
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
        FalconEventParser lenient = new FalconEventParser(1 << 20);

        FalconEvent event = lenient.parse(line, "fuzz", 1);

        assertWellFormed(event);
        assertThat(event.kind).isEqualTo(EventKind.INVALID);
    }

    @Provide
    Arbitrary<String> mutatedLines() {
        Arbitrary<String> base = Arbitraries.of(VALID_LINES);
        Arbitrary<JsonNode> values =
                Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(40).map(Json.mapper()::valueToTree),
                        Arbitraries.longs().map(Json.mapper()::valueToTree),
                        Arbitraries.doubles().map(Json.mapper()::valueToTree),
                        Arbitraries.of("null", "true", "{}", "[]", "[1,\"x\"]", "{\"a\":{\"b\":1}}")
                                .map(FalconEventParserFuzzTest::tree));
        Arbitrary<String> replaced =
                Combinators.combine(base, Arbitraries.of(FIELDS), values)
                        .as(FalconEventParserFuzzTest::withField);
        Arbitrary<String> removed =
                Combinators.combine(base, Arbitraries.of(FIELDS))
                        .as(FalconEventParserFuzzTest::withoutField);
        Arbitrary<String> truncated =
                Combinators.combine(base, Arbitraries.integers().between(0, 1000))
                        .as((line, cut) -> line.substring(0, Math.min(cut, line.length())));
        Arbitrary<String> inserted =
                Combinators.combine(
                                base,
                                Arbitraries.integers().between(0, 1000),
                                Arbitraries.strings().ofMaxLength(8))
                        .as(
                                (line, at, text) -> {
                                    int index = Math.min(at, line.length());
                                    return line.substring(0, index) + text + line.substring(index);
                                });
        return Arbitraries.oneOf(replaced, removed, truncated, inserted);
    }

    private static void assertWellFormed(FalconEvent event) {
        assertThat(event).isNotNull();
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
