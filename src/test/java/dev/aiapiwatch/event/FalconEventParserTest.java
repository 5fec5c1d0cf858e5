package dev.aiapiwatch.event;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.secrets.SecretRedactor;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FalconEventParserTest {

    private static final String ORIGIN = "telemetry/2026-11-02.ndjson";
    private static final long LINE_NUMBER = 7;
    private static final int MAX_LINE_LENGTH = 1024 * 1024;

    /** A made-up OpenAI project key, long enough for the provider format. */
    private static final String OPENAI_KEY = "sk-proj-T3stOnlyNotARealKey0123456789abcdef";

    private final FalconEventParser parser = new FalconEventParser(MAX_LINE_LENGTH);

    /**
     * Parses {@code line} as text, and checks that parsing its UTF-8 bytes, as files are read,
     * gives the same event.
     */
    private FalconEvent parse(String line) {
        FalconEvent fromText = parser.parse(line, ORIGIN, LINE_NUMBER);
        byte[] bytes = ("  " + line + "\n").getBytes(StandardCharsets.UTF_8);
        FalconEvent fromBytes = parser.parse(bytes, 2, bytes.length - 3, ORIGIN, LINE_NUMBER);
        assertThat(fromBytes)
                .usingRecursiveComparison()
                .ignoringFields("deadLetter.rejectedAt")
                .isEqualTo(fromText);
        return fromText;
    }

    @Test
    void dnsRequestKeepsLookupFields() {
        String line =
                TestEvents.dns(HOST_A, "1001", "API.OpenAI.com.")
                        .set("ContextBaseFileName", "python.exe")
                        .set("id", "event-1")
                        .at(T0)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
        assertThat(event.timestamp).isEqualTo(T0);
        assertThat(event.deadLetter).isNull();
        assertThat(event.processStart).isNull();
        DnsLookup lookup = event.dnsLookup;
        assertThat(lookup.aid).isEqualTo(HOST_A);
        assertThat(lookup.contextProcessId).isEqualTo("1001");
        assertThat(lookup.domainName).as("kept as reported").isEqualTo("API.OpenAI.com.");
        assertThat(lookup.requestType).isEqualTo("1");
        assertThat(lookup.ip4Records).isEqualTo("104.18.0.1;");
        assertThat(lookup.contextBaseFileName).isEqualTo("python.exe");
        assertThat(lookup.platform).isEqualTo("Win");
        assertThat(lookup.eventId).isEqualTo("event-1");
        assertThat(lookup.timestamp).isEqualTo(T0);
    }

    @Test
    void processRollup2KeepsProcessFields() {
        String line =
                TestEvents.process(HOST_A, "2001", PYTHON)
                        .commandLine("python.exe chat.py")
                        .set("FileName", "python.exe")
                        .set("UserName", "alex")
                        .set("ComputerName", "WS-0042")
                        .set("id", "event-2")
                        .at(T0)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_START);
        assertThat(event.timestamp).isEqualTo(T0);
        assertThat(event.dnsLookup).isNull();
        ProcessStart process = event.processStart;
        assertThat(process.aid).isEqualTo(HOST_A);
        assertThat(process.targetProcessId).isEqualTo("2001");
        assertThat(process.parentProcessId).isEqualTo("1");
        assertThat(process.rawProcessId).isEqualTo("4100");
        assertThat(process.imageFileName).isEqualTo(PYTHON);
        assertThat(process.fileName).isEqualTo("python.exe");
        assertThat(process.commandLine).isEqualTo("python.exe chat.py");
        assertThat(process.parentBaseFileName).isEqualTo("explorer.exe");
        assertThat(process.userName).isEqualTo("alex");
        assertThat(process.userSid).isEqualTo(USER_SID);
        assertThat(process.computerName).isEqualTo("WS-0042");
        assertThat(process.platform).isEqualTo("Win");
        assertThat(process.eventId).isEqualTo("event-2");
        assertThat(process.timestamp).isEqualTo(T0);
    }

    @Test
    void syntheticProcessRollup2IsProcessStart() {
        String line =
                TestEvents.other("SyntheticProcessRollup2", HOST_A)
                        .set("TargetProcessId", "2002")
                        .set("ImageFileName", PYTHON)
                        .at(T0)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_START);
        assertThat(event.processStart.targetProcessId).isEqualTo("2002");
        assertThat(event.processStart.imageFileName).isEqualTo(PYTHON);
    }

    @Test
    void networkConnectKeepsConnectionFields() {
        String line =
                TestEvents.other("NetworkConnectIP4", HOST_A)
                        .set("ContextProcessId", "3001")
                        .set("RemoteAddressIP4", "104.18.0.1")
                        .set("RemotePort", "443")
                        .set("Protocol", "6")
                        .set("ConnectionDirection", "0")
                        .at(T0)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.NETWORK_CONNECT);
        assertThat(event.timestamp).isEqualTo(T0);
        NetworkConnect connect = event.networkConnect;
        assertThat(connect.aid).isEqualTo(HOST_A);
        assertThat(connect.contextProcessId).isEqualTo("3001");
        assertThat(connect.remoteAddressIp4).isEqualTo("104.18.0.1");
        assertThat(connect.remotePort).isEqualTo("443");
        assertThat(connect.protocol).isEqualTo("6");
        assertThat(connect.connectionDirection).isEqualTo("0");
        assertThat(connect.timestamp).isEqualTo(T0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AgentOnline", "SensorHeartbeat", "dnsrequest", "ProcessRollup2V19"})
    void otherTypeIgnoredWithItsName(String type) {
        FalconEvent event = parse(TestEvents.other(type, HOST_A).at(T0).line());

        assertThat(event.kind).isEqualTo(EventKind.IGNORED);
        assertThat(event.ignoredType).isEqualTo(type);
        assertThat(event.deadLetter).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Truncated right after the type.
                "{\"event_simpleName\":\"SensorHeartbeat\",\"aid\":\"aa",
                // A captured field that would be rejected if it were read.
                "{\"event_simpleName\":\"SensorHeartbeat\",\"aid\":{\"nested\":1}}",
                // Trailing content after the object.
                "{\"event_simpleName\":\"SensorHeartbeat\"} trailing"
            })
    void ignoredTypeSkipsRestOfLine(String line) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.IGNORED);
        assertThat(event.ignoredType).isEqualTo("SensorHeartbeat");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // The type after other fields, as in most real feeds.
                "{\"aid\":\"aa\",\"name\":\"SensorHeartbeatV4\",\"event_simpleName\":\"SensorHeartbeat\"}",
                // White space around the key, the colon and the value.
                "  { \"aid\":\"aa\" , \"event_simpleName\" :  \" SensorHeartbeat \" }",
                // Invalid JSON before the type does not matter once the type is known.
                "{\"aid\": tru, \"event_simpleName\":\"SensorHeartbeat\"}"
            })
    void ignoredTypeFoundAfterOtherFields(String line) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.IGNORED);
        assertThat(event.ignoredType).isEqualTo("SensorHeartbeat");
    }

    static Stream<Arguments> decoyTypes() {
        String dns =
                ",\"event_simpleName\":\"DnsRequest\",\"aid\":\"aaaa1111aaaa1111aaaa1111aaaa1111\","
                        + "\"ContextProcessId\":\"1001\",\"DomainName\":\"api.openai.com\","
                        + "\"timestamp\":\"1793613901000\"}";
        return Stream.of(
                Arguments.of(
                        "in a nested object",
                        "{\"meta\":{\"event_simpleName\":\"SensorHeartbeat\"}" + dns),
                Arguments.of(
                        "in an array",
                        "{\"tags\":[{\"event_simpleName\":\"SensorHeartbeat\"}]" + dns),
                Arguments.of(
                        "in a string",
                        "{\"CommandLine\":\"echo ,\\\"event_simpleName\\\":\\\"SensorHeartbeat\\\"\""
                                + dns),
                Arguments.of(
                        "as a value",
                        "{\"note\":\"event_simpleName\",\"x\":\"SensorHeartbeat\"" + dns));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoyTypes")
    void typeOutsideRootFieldDoesNotDecide(String description, String line) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
        assertThat(event.dnsLookup.domainName).isEqualTo("api.openai.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  ", "\r"})
    void blankLineIgnored(String line) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.IGNORED);
        assertThat(event.ignoredType).isEqualTo(FalconEventParser.BLANK_LINE);
        assertThat(event.deadLetter).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"aid\":\"aaaa1111aaaa1111aaaa1111aaaa1111\",\"timestamp\":\"1793613931000\"}",
                "{\"event_simpleName\":null,\"aid\":\"aaaa1111aaaa1111aaaa1111aaaa1111\"}",
                "{\"event_simpleName\":\"\",\"aid\":\"aaaa1111aaaa1111aaaa1111aaaa1111\"}"
            })
    void objectWithoutEventTypeIgnored(String line) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.IGNORED);
        assertThat(event.ignoredType).isEqualTo(FalconEventParser.NO_EVENT_TYPE);
    }

    static Stream<Arguments> rejectedLines() {
        String dns = TestEvents.dns(HOST_A, "1001", "api.openai.com").at(T0).line();
        return Stream.of(
                Arguments.of(
                        "truncated line",
                        "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"aa",
                        DeadLetterReason.INVALID_JSON),
                Arguments.of("text", "not json at all", DeadLetterReason.INVALID_JSON),
                Arguments.of("second object", dns + " {}", DeadLetterReason.INVALID_JSON),
                Arguments.of("trailing word", dns + "x", DeadLetterReason.INVALID_JSON),
                Arguments.of("array", "[" + dns + "]", DeadLetterReason.NOT_AN_OBJECT),
                Arguments.of("null", "null", DeadLetterReason.NOT_AN_OBJECT),
                Arguments.of("number", "1793613931000", DeadLetterReason.NOT_AN_OBJECT),
                Arguments.of("string", "\"DnsRequest\"", DeadLetterReason.NOT_AN_OBJECT),
                Arguments.of(
                        "object-valued DomainName",
                        "{\"event_simpleName\":\"DnsRequest\",\"DomainName\":{\"name\":\"x\"}}",
                        DeadLetterReason.INVALID_FIELD),
                Arguments.of(
                        "array-valued aid",
                        "{\"event_simpleName\":\"DnsRequest\",\"aid\":[\"a\"]}",
                        DeadLetterReason.INVALID_FIELD),
                Arguments.of(
                        "no aid",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com")
                                .remove("aid")
                                .at(T0)
                                .line(),
                        DeadLetterReason.MISSING_AID),
                Arguments.of(
                        "empty aid",
                        TestEvents.dns("", "1001", "api.openai.com").at(T0).line(),
                        DeadLetterReason.MISSING_AID),
                Arguments.of(
                        "no ContextProcessId",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com")
                                .remove("ContextProcessId")
                                .at(T0)
                                .line(),
                        DeadLetterReason.MISSING_PROCESS_ID),
                Arguments.of(
                        "no TargetProcessId",
                        TestEvents.process(HOST_A, "2001", PYTHON)
                                .remove("TargetProcessId")
                                .at(T0)
                                .line(),
                        DeadLetterReason.MISSING_PROCESS_ID),
                Arguments.of(
                        "no DomainName",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com")
                                .remove("DomainName")
                                .at(T0)
                                .line(),
                        DeadLetterReason.MISSING_DOMAIN),
                Arguments.of(
                        "blank DomainName",
                        TestEvents.dns(HOST_A, "1001", "  ").at(T0).line(),
                        DeadLetterReason.MISSING_DOMAIN),
                Arguments.of(
                        "no timestamp",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com").line(),
                        DeadLetterReason.MISSING_TIMESTAMP),
                Arguments.of(
                        "text timestamp",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com")
                                .set("timestamp", "yesterday")
                                .line(),
                        DeadLetterReason.INVALID_TIMESTAMP),
                Arguments.of(
                        "timestamp before 1990",
                        TestEvents.dns(HOST_A, "1001", "api.openai.com").at(0).line(),
                        DeadLetterReason.INVALID_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedLines")
    void rejectedLineHasReason(String description, String line, DeadLetterReason reason) {
        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo(reason.code());
        assertThat(event.deadLetter.message).isNotBlank();
    }

    @Test
    void missingProcessIdMessageNamesField() {
        String dns =
                TestEvents.dns(HOST_A, "1001", "api.openai.com")
                        .remove("ContextProcessId")
                        .at(T0)
                        .line();
        String process =
                TestEvents.process(HOST_A, "2001", PYTHON).remove("TargetProcessId").at(T0).line();

        assertThat(parse(dns).deadLetter.message).contains("ContextProcessId");
        assertThat(parse(process).deadLetter.message).contains("TargetProcessId");
    }

    @Test
    void invalidFieldMessageNamesField() {
        FalconEvent event =
                parse("{\"event_simpleName\":\"DnsRequest\",\"DomainName\":{\"name\":\"x\"}}");

        assertThat(event.deadLetter.message).contains("DomainName");
        assertThat(event.deadLetter.message).contains("an object");
    }

    @Test
    void invalidTimestampMessageShowsValue() {
        String line =
                TestEvents.dns(HOST_A, "1001", "api.openai.com")
                        .set("timestamp", "yesterday")
                        .line();

        assertThat(parse(line).deadLetter.message).contains("'yesterday'");
    }

    @Test
    void lineTooLongRejected() {
        FalconEventParser shortLines = new FalconEventParser(100);
        String line =
                TestEvents.dns(HOST_A, "1001", "api.openai.com")
                        .set("IP4Records", "1.1.1.1;".repeat(20))
                        .at(T0)
                        .line();

        FalconEvent event = shortLines.parse(line, ORIGIN, LINE_NUMBER);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(event.deadLetter.message).contains(Integer.toString(line.length()));
        assertThat(event.deadLetter.message).contains("100");
    }

    @Test
    void lineAtLimitAccepted() {
        String line = TestEvents.dns(HOST_A, "1001", "api.openai.com").at(T0).line();
        FalconEventParser exactLimit = new FalconEventParser(line.length());

        FalconEvent event = exactLimit.parse(line, ORIGIN, LINE_NUMBER);

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
    }

    @Test
    void tooLongRawTruncated() {
        FalconEventParser parser = new FalconEventParser(2 * DeadLetter.MAX_RAW_LENGTH);
        // Spaces between the letters, because SecretRedactor is slow on one long run of
        // letters (SecretRedactorTest.longWordRunRedactedQuickly).
        String beginning = "x ".repeat(DeadLetter.MAX_RAW_LENGTH / 2 + 10);

        FalconEvent event = parser.tooLong(beginning, 5_000_000, ORIGIN, LINE_NUMBER);

        assertThat(event.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(event.deadLetter.raw).hasSize(DeadLetter.MAX_RAW_LENGTH);
        assertThat(event.deadLetter.message).contains("5000000");
    }

    @Test
    void numbersReadAsText() {
        String line =
                "{\"event_simpleName\":\"DnsRequest\",\"aid\":\""
                        + HOST_A
                        + "\",\"ContextProcessId\":1001,\"DomainName\":\"api.openai.com\","
                        + "\"RequestType\":28,\"timestamp\":1793613931000}";

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
        assertThat(event.dnsLookup.contextProcessId).isEqualTo("1001");
        assertThat(event.dnsLookup.requestType).isEqualTo("28");
        assertThat(event.timestamp).isEqualTo(1_793_613_931_000L);
    }

    @Test
    void fractionalSecondsNumberTimestamp() {
        String line =
                "{\"event_simpleName\":\"DnsRequest\",\"aid\":\""
                        + HOST_A
                        + "\",\"ContextProcessId\":\"1001\",\"DomainName\":\"api.openai.com\","
                        + "\"timestamp\":1793613931.250}";

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.DNS_REQUEST);
        assertThat(event.timestamp).isEqualTo(1_793_613_931_250L);
    }

    @Test
    void processIdAbove2To63KeptExactly() {
        // 2^64 - 1 and 2^63 do not fit a signed long; the parser must not round them.
        String numberLine =
                "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\""
                        + HOST_A
                        + "\",\"TargetProcessId\":18446744073709551615,"
                        + "\"ParentProcessId\":9223372036854775808,"
                        + "\"ImageFileName\":\"/usr/bin/python3\",\"timestamp\":\"1793613931000\"}";
        String stringLine =
                TestEvents.process(HOST_A, "18446744073709551615", PYTHON).at(T0).line();

        FalconEvent fromNumber = parse(numberLine);
        FalconEvent fromString = parse(stringLine);

        assertThat(fromNumber.processStart.targetProcessId).isEqualTo("18446744073709551615");
        assertThat(fromNumber.processStart.parentProcessId).isEqualTo("9223372036854775808");
        assertThat(fromString.processStart.targetProcessId).isEqualTo("18446744073709551615");
    }

    @Test
    void deadLetterKeepsOriginAndLine() {
        FalconEvent event = parser.parse("not json", "s3://telemetry/part-0003.gz", 42);

        assertThat(event.deadLetter.origin).isEqualTo("s3://telemetry/part-0003.gz");
        assertThat(event.deadLetter.position).isEqualTo(42);
        assertThat(event.deadLetter.raw).isEqualTo("not json");
    }

    @Test
    void deadLetterKeepsUnknownPosition() {
        FalconEvent event = parser.parse("[]", ORIGIN, DeadLetter.UNKNOWN_POSITION);

        assertThat(event.deadLetter.position).isEqualTo(DeadLetter.UNKNOWN_POSITION);
    }

    @Test
    void secretInRejectedLineRedacted() {
        // No timestamp, so the line is rejected with its command line in the raw text.
        String line =
                TestEvents.process(HOST_A, "2001", PYTHON)
                        .commandLine("python.exe chat.py --key " + OPENAI_KEY)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.deadLetter.reason).isEqualTo("missing_timestamp");
        assertThat(event.deadLetter.raw).doesNotContain(OPENAI_KEY.substring(8));
        assertThat(event.deadLetter.raw).contains("chat.py --key " + SecretRedactor.MARKER);
    }

    @Test
    void secretInTimestampMessageRedacted() {
        String line =
                TestEvents.dns(HOST_A, "1001", "api.openai.com")
                        .set("timestamp", OPENAI_KEY)
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.deadLetter.reason).isEqualTo("invalid_timestamp");
        assertThat(event.deadLetter.message).doesNotContain(OPENAI_KEY.substring(8));
        assertThat(event.deadLetter.message).contains(SecretRedactor.MARKER);
        assertThat(event.deadLetter.raw).doesNotContain(OPENAI_KEY.substring(8));
    }

    @Test
    void secretInJsonErrorMessageRedacted() {
        // An unquoted key is an invalid JSON token, and Jackson quotes the token in its message.
        String key = "hf_T3stOnlyNotARealKeyAbCdEfGhIjKlMn";
        String line = "{\"event_simpleName\":\"DnsRequest\",\"aid\":" + key + "}";

        FalconEvent event = parse(line);

        assertThat(event.deadLetter.reason).isEqualTo("invalid_json");
        assertThat(event.deadLetter.message).doesNotContain(key.substring(3));
        assertThat(event.deadLetter.message).contains(SecretRedactor.MARKER);
        assertThat(event.deadLetter.raw).doesNotContain(key.substring(3));
    }

    @Test
    void escapedQuotedSecretRedactedInRaw() {
        // Mistral keys are 32 letters and digits without a prefix, so only the
        // NAME_API_KEY="value" rule can find this one.
        String key = "T3stOnlyNotRealKey0123456789AbCd";
        String line =
                TestEvents.process(HOST_A, "2001", PYTHON)
                        .commandLine("cmd /c set MISTRAL_API_KEY=\"" + key + "\"")
                        .line();

        FalconEvent event = parse(line);

        assertThat(event.deadLetter.reason).isEqualTo("missing_timestamp");
        assertThat(event.deadLetter.raw).doesNotContain(key);
    }

    @Test
    void invalidFieldOfIgnoredTypeIgnored() {
        FalconEvent before = parse("{\"aid\":{\"x\":1},\"event_simpleName\":\"AgentOnline\"}");
        FalconEvent after = parse("{\"event_simpleName\":\"AgentOnline\",\"aid\":{\"x\":1}}");

        assertThat(before.kind).isEqualTo(EventKind.IGNORED);
        assertThat(before.ignoredType).isEqualTo("AgentOnline");
        assertThat(after.kind).isEqualTo(EventKind.IGNORED);
    }

    @Test
    void invalidFieldBeforeEventTypeRejected() {
        String line =
                "{\"aid\":[1],\"event_simpleName\":\"DnsRequest\",\"ContextProcessId\":\"1\","
                        + "\"DomainName\":\"api.openai.com\",\"timestamp\":\"1793613901000\"}";

        FalconEvent event = parse(line);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("invalid_field");
        assertThat(event.deadLetter.message).contains("field aid").contains("an array");
    }

    @Test
    void keyCutByLineLimitLeavesNoPart() {
        // The limit cuts the line inside the key, leaving a piece too short for the key format.
        String prefix = "{\"event_simpleName\":\"ProcessRollup2\",\"CommandLine\":\"curl -H x ";
        String beginning = prefix + "sk-proj-T3stOnly";

        FalconEvent event = parser.tooLong(beginning, 10_000, ORIGIN, LINE_NUMBER);

        assertThat(event.deadLetter.reason).isEqualTo("line_too_long");
        assertThat(event.deadLetter.raw).isEqualTo(prefix);
    }

    @Test
    void loneContinuationByteRejected() {
        String line = TestEvents.dns(HOST_A, "1001", "api.openai.com").at(T0).line();
        byte[] text = line.getBytes(StandardCharsets.UTF_8);
        // A lone continuation byte inside the domain name, which decoding would replace.
        int domain = line.indexOf("openai");
        byte[] bytes = new byte[text.length + 1];
        System.arraycopy(text, 0, bytes, 0, domain);
        bytes[domain] = (byte) 0x80;
        System.arraycopy(text, domain, bytes, domain + 1, text.length - domain);

        FalconEvent event = parser.parse(bytes, 0, bytes.length, ORIGIN, LINE_NUMBER);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("invalid_utf8");
        assertThat(event.deadLetter.message).isEqualTo("not valid UTF-8 at byte " + (domain + 1));
        assertThat(event.deadLetter.raw).contains("api.\uFFFDopenai.com");
    }

    @Test
    void ignoredTypeNameReusedAcrossLines() {
        byte[] first =
                "{\"event_simpleName\":\"SensorHeartbeat\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second =
                "{\"aid\":\"x\",\"event_simpleName\":\"SensorHeartbeat\"}"
                        .getBytes(StandardCharsets.UTF_8);

        FalconEvent one = parser.parse(first, 0, first.length, ORIGIN, 1);
        FalconEvent two = parser.parse(second, 0, second.length, ORIGIN, 2);

        assertThat(one.ignoredType).isEqualTo("SensorHeartbeat");
        assertThat(two.ignoredType).isSameAs(one.ignoredType);
    }

    @Test
    void typesSharingCacheSlotKeptApart() {
        // "Aa" and "BB" have the same String hash, and so the same slot in the name cache.
        byte[] first = "{\"event_simpleName\":\"Aa\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"event_simpleName\":\"BB\"}".getBytes(StandardCharsets.UTF_8);

        FalconEvent one = parser.parse(first, 0, first.length, ORIGIN, 1);
        FalconEvent two = parser.parse(second, 0, second.length, ORIGIN, 2);

        assertThat(one.ignoredType).isEqualTo("Aa");
        assertThat(two.ignoredType).isEqualTo("BB");
    }

    @Test
    void deepNestingIsInvalidJson() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        String line =
                "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a\",\"DomainName\":" + nested + "}";

        FalconEvent event = new FalconEventParser(1 << 20).parse(line, "events.ndjson", 3);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("invalid_json");
        assertThat(event.deadLetter.message).contains("nesting depth");
    }

    @Test
    void invalidUtf8Rejected() {
        String valid =
                "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"ab\",\"ContextProcessId\":\"1\","
                        + "\"DomainName\":\"api.openai.com\",\"timestamp\":\"1793613900000\"}";
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int broken = valid.indexOf("ab");
        bytes[broken] = (byte) 0xC3;
        bytes[broken + 1] = (byte) 0x28;

        FalconEvent event =
                new FalconEventParser(1 << 20).parse(bytes, 0, bytes.length, "events.ndjson", 4);

        assertThat(event.kind).isEqualTo(EventKind.INVALID);
        assertThat(event.deadLetter.reason).isEqualTo("invalid_utf8");
        assertThat(event.deadLetter.message).isEqualTo("not valid UTF-8 at byte " + (broken + 1));
    }

    @Test
    void invalidUtf8AtStartRejected() {
        byte[] bytes = {(byte) 0xFF, '{', '}'};

        FalconEvent event = new FalconEventParser(1 << 20).parse(bytes, 0, 3, "events.ndjson", 5);

        assertThat(event.deadLetter.reason).isEqualTo("invalid_utf8");
        assertThat(event.deadLetter.message).isEqualTo("not valid UTF-8 at byte 1");
    }
}
