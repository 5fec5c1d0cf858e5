package dev.aiapiwatch.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one line of raw Falcon Data Replicator output into a {@link FalconEvent}.
 *
 * <p>Most lines of a feed are of types the detection does not use. A scan of the text finds the
 * {@code event_simpleName} of such a line without a JSON parser, and the line is reported as
 * ignored unread. Other lines are read once with Jackson's streaming parser; only the fields the
 * detection uses are kept, and as soon as {@code event_simpleName} names an unused type, parsing
 * stops. Either way a line of an unused type is ignored whatever else it holds, valid or not.
 * Values may be JSON strings or numbers; null and empty strings count as missing. A line that
 * cannot be used becomes an {@link EventKind#INVALID} event carrying a {@link DeadLetter}; this
 * class never throws on bad input.
 */
public final class FalconEventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String BLANK_LINE = "[blank line]";
    public static final String NO_EVENT_TYPE = "[no event_simpleName]";

    private static final JsonFactory JSON = new JsonFactory();

    private static final String TYPE_KEY = "\"event_simpleName\"";
    private static final byte[] TYPE_KEY_BYTES = TYPE_KEY.getBytes(StandardCharsets.US_ASCII);

    /** The event types the detection uses, as bytes; see {@link #kindOf}. */
    private static final byte[][] USED_TYPES = {
        "DnsRequest".getBytes(StandardCharsets.US_ASCII),
        "ProcessRollup2".getBytes(StandardCharsets.US_ASCII),
        "SyntheticProcessRollup2".getBytes(StandardCharsets.US_ASCII),
        "NetworkConnectIP4".getBytes(StandardCharsets.US_ASCII)
    };

    private static final int TYPE_NAME_CACHE_SIZE = 64;

    /** Recent names of ignored types, by a hash of their bytes; written by one thread. */
    private transient String[] typeNames;

    // Indexes into the array of captured values.
    private static final int EVENT_SIMPLE_NAME = 0;
    private static final int AID = 1;
    private static final int TIMESTAMP = 2;
    private static final int TARGET_PROCESS_ID = 3;
    private static final int PARENT_PROCESS_ID = 4;
    private static final int RAW_PROCESS_ID = 5;
    private static final int IMAGE_FILE_NAME = 6;
    private static final int FILE_NAME = 7;
    private static final int COMMAND_LINE = 8;
    private static final int PARENT_BASE_FILE_NAME = 9;
    private static final int USER_NAME = 10;
    private static final int USER_SID = 11;
    private static final int COMPUTER_NAME = 12;
    private static final int EVENT_PLATFORM = 13;
    private static final int ID = 14;
    private static final int CONTEXT_PROCESS_ID = 15;
    private static final int DOMAIN_NAME = 16;
    private static final int REQUEST_TYPE = 17;
    private static final int IP4_RECORDS = 18;
    private static final int CONTEXT_BASE_FILE_NAME = 19;
    private static final int REMOTE_ADDRESS_IP4 = 20;
    private static final int REMOTE_PORT = 21;
    private static final int PROTOCOL = 22;
    private static final int CONNECTION_DIRECTION = 23;
    private static final int FIELD_COUNT = 24;

    private final int maxLineLength;

    /**
     * @param maxLineLength longest line accepted, in characters; longer lines are rejected
     */
    public FalconEventParser(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Parses {@code line}, read from {@code origin} at {@code position} (a line number from 1, or
     * {@link DeadLetter#UNKNOWN_POSITION}), which are kept on dead letters.
     */
    public FalconEvent parse(String line, String origin, long position) {
        if (line.length() > maxLineLength) {
            return tooLong(line, line.length(), origin, position);
        }
        if (line.isBlank()) {
            return FalconEvent.ignored(BLANK_LINE);
        }
        String ignoredType = scanIgnoredType(line);
        if (ignoredType != null) {
            return FalconEvent.ignored(ignoredType);
        }
        try (JsonParser parser = JSON.createParser(line)) {
            return read(parser, line, origin, position);
        } catch (IOException e) {
            return invalid(DeadLetterReason.INVALID_JSON, e.getMessage(), line, origin, position);
        }
    }

    /**
     * Parses the UTF-8 line in {@code length} bytes of {@code bytes} from {@code offset}, with the
     * same result as {@link #parse(String, String, long)} on its text, but without building the
     * text for most lines: types the detection does not use are found in the bytes, and used ones
     * are read by Jackson's byte parser. Lines that may not be what they seem (longer than the
     * limit in bytes, blank, starting with a non-ASCII byte) and lines that turn out invalid are
     * decoded and parsed as text, so that their dead letters read as ever.
     */
    public FalconEvent parse(byte[] bytes, int offset, int length, String origin, long position) {
        if (length > maxLineLength) {
            return parse(
                    new String(bytes, offset, length, StandardCharsets.UTF_8), origin, position);
        }
        if (!startsWithAsciiToken(bytes, offset, length)) {
            return parseDecoded(bytes, offset, length, origin, position);
        }
        String ignoredType = scanIgnoredType(bytes, offset, length);
        if (ignoredType != null) {
            return FalconEvent.ignored(ignoredType);
        }
        FalconEvent event;
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            event = read(parser, null, origin, position);
        } catch (IOException e) {
            event = null;
        }
        return event != null ? event : parseDecoded(bytes, offset, length, origin, position);
    }

    /**
     * Parses the text of the bytes, or rejects them when they are not valid UTF-8: decoding would
     * replace the broken bytes and could turn a corrupt line into a valid event.
     */
    private FalconEvent parseDecoded(
            byte[] bytes, int offset, int length, String origin, long position) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        int invalidAt = Utf8.invalidAt(bytes, offset, length);
        if (invalidAt >= 0) {
            return invalid(
                    DeadLetterReason.INVALID_UTF8,
                    "not valid UTF-8 at byte " + (invalidAt + 1),
                    text,
                    origin,
                    position);
        }
        return parse(text, origin, position);
    }

    /**
     * Reads the object that {@code parser} is at the start of. With {@code line} null, returns null
     * wherever the result would be a dead letter, for the caller to parse the text.
     */
    private FalconEvent read(JsonParser parser, String line, String origin, long position) {
        String[] values = new String[FIELD_COUNT];
        String invalidField = null;
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return rejected(
                        DeadLetterReason.NOT_AN_OBJECT,
                        "expected a JSON object but found " + describe(first),
                        line,
                        origin,
                        position);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int field = fieldIndex(parser.currentName());
                JsonToken value = parser.nextToken();
                if (field < 0) {
                    parser.skipChildren();
                    continue;
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    // Reported once the event type is known, so the result does not depend on
                    // the order of the fields: an ignored type stays ignored.
                    if (invalidField == null) {
                        invalidField =
                                "field "
                                        + parser.currentName()
                                        + " must be a string or a number, not "
                                        + describe(value);
                    }
                    parser.skipChildren();
                    if (field == EVENT_SIMPLE_NAME) {
                        return rejected(
                                DeadLetterReason.INVALID_FIELD,
                                invalidField,
                                line,
                                origin,
                                position);
                    }
                    continue;
                }
                values[field] =
                        value == JsonToken.VALUE_NULL ? null : emptyToNull(parser.getText());
                if (field == EVENT_SIMPLE_NAME && kindOf(values[field]) == EventKind.IGNORED) {
                    return FalconEvent.ignored(
                            values[field] == null ? NO_EVENT_TYPE : values[field]);
                }
            }
            if (parser.nextToken() != null) {
                return rejected(
                        DeadLetterReason.INVALID_JSON,
                        "unexpected content after the JSON object",
                        line,
                        origin,
                        position);
            }
        } catch (JsonProcessingException e) {
            return rejected(
                    DeadLetterReason.INVALID_JSON, jsonErrorMessage(e), line, origin, position);
        } catch (IOException e) {
            return rejected(DeadLetterReason.INVALID_JSON, e.getMessage(), line, origin, position);
        }
        return toEvent(values, invalidField, line, origin, position);
    }

    /** Returns the dead letter for a line of {@code length} characters, given its beginning. */
    public FalconEvent tooLong(String beginning, long length, String origin, long position) {
        String kept =
                beginning.length() > DeadLetter.MAX_RAW_LENGTH
                        ? beginning.substring(0, DeadLetter.MAX_RAW_LENGTH)
                        : beginning;
        return invalid(
                DeadLetterReason.LINE_TOO_LONG,
                "line has " + length + " characters, more than the limit of " + maxLineLength,
                withoutCutToken(kept),
                origin,
                position);
    }

    /**
     * Drops the word that the cut at the end of {@code text} split: if it was the beginning of a
     * key, the redactor might not recognise the shortened key and would leave part of it.
     */
    static String withoutCutToken(String text) {
        int end = text.length();
        while (end > 0 && isTokenChar(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c)
                || c == '_'
                || c == '-'
                || c == '+'
                || c == '/'
                || c == '=';
    }

    /** Returns the dead letter of {@code line}, or null while bytes are read (line null). */
    private static FalconEvent rejected(
            DeadLetterReason reason, String message, String line, String origin, long position) {
        return line == null ? null : invalid(reason, message, line, origin, position);
    }

    /**
     * Builds the event of a parsed object, or its dead letter when {@code invalidField} describes a
     * field of the wrong type or a required field is missing.
     */
    private static FalconEvent toEvent(
            String[] values, String invalidField, String line, String origin, long position) {
        // With line null (bytes being read), a dead letter is left to the text parse: null.
        String type = values[EVENT_SIMPLE_NAME];
        EventKind kind = kindOf(type);
        if (kind == EventKind.IGNORED) {
            return FalconEvent.ignored(type == null ? NO_EVENT_TYPE : type);
        }
        long timestamp =
                values[TIMESTAMP] == null
                        ? Timestamps.INVALID
                        : Timestamps.parseEpochMillis(values[TIMESTAMP]);
        // Dead letters of events with a valid time keep it, for replays and late-data analysis.
        long eventTime = timestamp == Timestamps.INVALID ? FalconEvent.NO_TIMESTAMP : timestamp;
        String problem = null;
        DeadLetterReason reason = null;
        String processIdField =
                kind == EventKind.PROCESS_START ? "TargetProcessId" : "ContextProcessId";
        if (invalidField != null) {
            reason = DeadLetterReason.INVALID_FIELD;
            problem = invalidField;
        } else if (values[AID] == null) {
            reason = DeadLetterReason.MISSING_AID;
            problem = type + " has no aid";
        } else if (values[kind == EventKind.PROCESS_START ? TARGET_PROCESS_ID : CONTEXT_PROCESS_ID]
                == null) {
            reason = DeadLetterReason.MISSING_PROCESS_ID;
            problem = type + " has no " + processIdField;
        } else if (values[TIMESTAMP] == null) {
            reason = DeadLetterReason.MISSING_TIMESTAMP;
            problem = type + " has no timestamp";
        } else if (timestamp == Timestamps.INVALID) {
            reason = DeadLetterReason.INVALID_TIMESTAMP;
            problem =
                    "timestamp '"
                            + values[TIMESTAMP]
                            + "' is not epoch seconds, epoch milliseconds or ISO-8601"
                            + " between 1990 and 2200";
        } else if (kind == EventKind.DNS_REQUEST && values[DOMAIN_NAME] == null) {
            reason = DeadLetterReason.MISSING_DOMAIN;
            problem = type + " has no DomainName";
        }
        if (reason != null) {
            FalconEvent invalid = rejected(reason, problem, line, origin, position);
            if (invalid == null) {
                return null;
            }
            invalid.deadLetter.eventTime = eventTime;
            return invalid;
        }
        switch (kind) {
            case DNS_REQUEST:
                return FalconEvent.of(dnsLookup(values, timestamp));
            case PROCESS_START:
                return FalconEvent.of(processStart(values, timestamp));
            default:
                return FalconEvent.of(networkConnect(values, timestamp));
        }
    }

    private static DnsLookup dnsLookup(String[] values, long timestamp) {
        DnsLookup lookup = new DnsLookup();
        lookup.aid = values[AID];
        lookup.contextProcessId = values[CONTEXT_PROCESS_ID];
        lookup.domainName = values[DOMAIN_NAME];
        lookup.requestType = values[REQUEST_TYPE];
        lookup.ip4Records = values[IP4_RECORDS];
        lookup.contextBaseFileName = values[CONTEXT_BASE_FILE_NAME];
        lookup.platform = values[EVENT_PLATFORM];
        lookup.eventId = values[ID];
        lookup.timestamp = timestamp;
        return lookup;
    }

    private static ProcessStart processStart(String[] values, long timestamp) {
        ProcessStart process = new ProcessStart();
        process.aid = values[AID];
        process.targetProcessId = values[TARGET_PROCESS_ID];
        process.parentProcessId = values[PARENT_PROCESS_ID];
        process.rawProcessId = values[RAW_PROCESS_ID];
        process.imageFileName = values[IMAGE_FILE_NAME];
        process.fileName = values[FILE_NAME];
        process.commandLine = values[COMMAND_LINE];
        process.parentBaseFileName = values[PARENT_BASE_FILE_NAME];
        process.userName = values[USER_NAME];
        process.userSid = values[USER_SID];
        process.computerName = values[COMPUTER_NAME];
        process.platform = values[EVENT_PLATFORM];
        process.eventId = values[ID];
        process.timestamp = timestamp;
        return process;
    }

    private static NetworkConnect networkConnect(String[] values, long timestamp) {
        NetworkConnect connect = new NetworkConnect();
        connect.aid = values[AID];
        connect.contextProcessId = values[CONTEXT_PROCESS_ID];
        connect.remoteAddressIp4 = values[REMOTE_ADDRESS_IP4];
        connect.remotePort = values[REMOTE_PORT];
        connect.protocol = values[PROTOCOL];
        connect.connectionDirection = values[CONNECTION_DIRECTION];
        connect.timestamp = timestamp;
        return connect;
    }

    /**
     * Finds the {@code event_simpleName} of the root object by a scan of the text and returns it if
     * it names a type the detection does not use ({@link #NO_EVENT_TYPE} if empty). Returns null
     * when the type is used, or when the scan cannot be sure of the field; the parser decides then.
     * The field must be a key of the root object, so nothing before it may open an object or an
     * array. It must also follow the opening brace or a comma: inside a JSON string, neither can
     * come right before an unescaped quote. Values with escapes are left to the parser.
     */
    static String scanIgnoredType(String line) {
        int key = line.indexOf(TYPE_KEY);
        if (key < 0) {
            return null;
        }
        int open = skipWhiteSpace(line, 0);
        if (open >= key || line.charAt(open) != '{') {
            return null;
        }

        for (int i = open + 1; i < key; i++) {
            char c = line.charAt(i);
            if (c == '{' || c == '[') {
                return null;
            }
        }

        int before = key - 1;
        while (before > open && isJsonWhiteSpace(line.charAt(before))) {
            before--;
        }
        if (before != open && line.charAt(before) != ',') {
            return null;
        }

        int colon = skipWhiteSpace(line, key + TYPE_KEY.length());
        if (colon >= line.length() || line.charAt(colon) != ':') {
            return null;
        }
        int quote = skipWhiteSpace(line, colon + 1);
        if (quote >= line.length() || line.charAt(quote) != '"') {
            return null;
        }

        int end = quote + 1;
        while (end < line.length() && line.charAt(end) != '"') {
            if (line.charAt(end) == '\\') {
                return null;
            }
            end++;
        }
        if (end == line.length()) {
            return null;
        }

        String type = line.substring(quote + 1, end).trim();
        if (type.isEmpty()) {
            return NO_EVENT_TYPE;
        }
        return kindOf(type) == EventKind.IGNORED ? type : null;
    }

    /**
     * Returns whether the first byte that is not ASCII white space is an ASCII character, so that
     * the line is not blank and Jackson's byte parser reads it as the text parser would.
     */
    private static boolean startsWithAsciiToken(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i];
            if (b < 0) {
                return false;
            }
            if (!Character.isWhitespace(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #scanIgnoredType(String)} on the UTF-8 bytes of a line. A type with a non-ASCII byte
     * is left to the parser. The names of ignored types are kept in a small cache, so that a line
     * of a frequent type costs no string.
     */
    String scanIgnoredType(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int key = indexOfTypeKey(bytes, offset, end);
        if (key < 0) {
            return null;
        }
        int open = skipWhiteSpace(bytes, offset, end);
        if (open >= key || bytes[open] != '{') {
            return null;
        }

        for (int i = open + 1; i < key; i++) {
            byte b = bytes[i];
            if (b == '{' || b == '[') {
                return null;
            }
        }

        int before = key - 1;
        while (before > open && isJsonWhiteSpace((char) bytes[before])) {
            before--;
        }
        if (before != open && bytes[before] != ',') {
            return null;
        }

        int colon = skipWhiteSpace(bytes, key + TYPE_KEY_BYTES.length, end);
        if (colon >= end || bytes[colon] != ':') {
            return null;
        }
        int quote = skipWhiteSpace(bytes, colon + 1, end);
        if (quote >= end || bytes[quote] != '"') {
            return null;
        }

        int valueEnd = quote + 1;
        while (valueEnd < end && bytes[valueEnd] != '"') {
            byte b = bytes[valueEnd];
            if (b == '\\' || b < 0) {
                return null;
            }
            valueEnd++;
        }
        if (valueEnd == end) {
            return null;
        }

        // Trimmed as String.trim() trims: characters up to the space.
        int first = quote + 1;
        while (first < valueEnd && bytes[first] <= ' ') {
            first++;
        }
        int last = valueEnd;
        while (last > first && bytes[last - 1] <= ' ') {
            last--;
        }
        if (first == last) {
            return NO_EVENT_TYPE;
        }

        for (byte[] used : USED_TYPES) {
            if (Arrays.equals(bytes, first, last, used, 0, used.length)) {
                return null;
            }
        }
        return ignoredTypeName(bytes, first, last);
    }

    private static int indexOfTypeKey(byte[] bytes, int from, int end) {
        byte[] key = TYPE_KEY_BYTES;
        int lastStart = end - key.length;
        for (int i = from; i <= lastStart; i++) {
            // The underscore is rare in lines, so test it before comparing the whole key.
            if (bytes[i + 6] == '_'
                    && bytes[i] == '"'
                    && Arrays.equals(bytes, i, i + key.length, key, 0, key.length)) {
                return i;
            }
        }
        return -1;
    }

    private String ignoredTypeName(byte[] bytes, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        String[] cache = typeNames;
        if (cache == null) {
            cache = new String[TYPE_NAME_CACHE_SIZE];
            typeNames = cache;
        }
        int slot = hash & (TYPE_NAME_CACHE_SIZE - 1);
        String cached = cache[slot];
        if (cached != null && sameAscii(cached, bytes, from, to)) {
            return cached;
        }
        String name = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        cache[slot] = name;
        return name;
    }

    private static boolean sameAscii(String text, byte[] bytes, int from, int to) {
        if (text.length() != to - from) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhiteSpace(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && isJsonWhiteSpace((char) bytes[i])) {
            i++;
        }
        return i;
    }

    private static int skipWhiteSpace(String line, int from) {
        int i = from;
        while (i < line.length() && isJsonWhiteSpace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isJsonWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Maps an {@code event_simpleName} to its kind; unknown and missing types are ignored. */
    static EventKind kindOf(String eventSimpleName) {
        if (eventSimpleName == null) {
            return EventKind.IGNORED;
        }
        switch (eventSimpleName) {
            case "DnsRequest":
                return EventKind.DNS_REQUEST;
            case "ProcessRollup2":
            case "SyntheticProcessRollup2":
                return EventKind.PROCESS_START;
            case "NetworkConnectIP4":
                return EventKind.NETWORK_CONNECT;
            default:
                return EventKind.IGNORED;
        }
    }

    private static int fieldIndex(String name) {
        switch (name) {
            case "event_simpleName":
                return EVENT_SIMPLE_NAME;
            case "aid":
                return AID;
            case "timestamp":
                return TIMESTAMP;
            case "TargetProcessId":
                return TARGET_PROCESS_ID;
            case "ParentProcessId":
                return PARENT_PROCESS_ID;
            case "RawProcessId":
                return RAW_PROCESS_ID;
            case "ImageFileName":
                return IMAGE_FILE_NAME;
            case "FileName":
                return FILE_NAME;
            case "CommandLine":
                return COMMAND_LINE;
            case "ParentBaseFileName":
                return PARENT_BASE_FILE_NAME;
            case "UserName":
                return USER_NAME;
            case "UserSid":
                return USER_SID;
            case "ComputerName":
                return COMPUTER_NAME;
            case "event_platform":
                return EVENT_PLATFORM;
            case "id":
                return ID;
            case "ContextProcessId":
                return CONTEXT_PROCESS_ID;
            case "DomainName":
                return DOMAIN_NAME;
            case "RequestType":
                return REQUEST_TYPE;
            case "IP4Records":
                return IP4_RECORDS;
            case "ContextBaseFileName":
                return CONTEXT_BASE_FILE_NAME;
            case "RemoteAddressIP4":
                return REMOTE_ADDRESS_IP4;
            case "RemotePort":
                return REMOTE_PORT;
            case "Protocol":
                return PROTOCOL;
            case "ConnectionDirection":
                return CONNECTION_DIRECTION;
            default:
                return -1;
        }
    }

    private static String emptyToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_NULL:
                return "null";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            default:
                return "a number";
        }
    }

    /**
     * Returns Jackson's message without its location text, which names a source that Jackson does
     * not show, and with the column of the error.
     */
    private static String jsonErrorMessage(JsonProcessingException e) {
        String message =
                e.getOriginalMessage()
                        .replace(
                                "Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`"
                                        + " disabled); ",
                                "");
        // Jackson gives no location for some errors, such as nesting beyond its limit.
        return e.getLocation() == null
                ? message
                : message + " at column " + e.getLocation().getColumnNr();
    }

    private static FalconEvent invalid(
            DeadLetterReason reason, String message, String line, String origin, long position) {
        return FalconEvent.of(DeadLetter.of(reason, message, line, origin, position));
    }
}
