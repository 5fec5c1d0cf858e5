package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryTable;
import java.util.Locale;

/**
 * Reads lines of the Falcon {@code aidmaster} and {@code userinfo} tables, as Falcon Data
 * Replicator writes them: one JSON object per line, values as strings (numbers are accepted too). A
 * line's table is determined by its fields: {@code UserSid} with {@code UserName} is a userinfo
 * entry, {@code aid} with {@code ComputerName} an aidmaster entry. Other fields are ignored. A line
 * that is not a usable entry becomes a rejected entry with a dead letter; nothing here throws on
 * bad input.
 *
 * <p>On the Kafka topic, messages are keyed {@code aidmaster/<aid>} or {@code userinfo/<UserSid>}
 * ({@link #keyOf}), and a message without a value (a tombstone) removes the entry its key names.
 */
public final class InventoryEntryJson {

    private static final String[] FIELDS_READ = {
        "aid", "ComputerName", "event_platform", "UserSid", "UserName"
    };

    private InventoryEntryJson() {}

    /** Returns the Kafka message key of {@code entry}. */
    public static String keyOf(InventoryEntry entry) {
        return entry.table.keyPrefix() + entry.id;
    }

    /**
     * Parses one line or message value. Returns null for a blank line, which is no entry and no
     * error.
     */
    public static InventoryEntry parse(String line, String origin, long position) {
        if (line.isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            return rejected(
                    DeadLetterReason.INVALID_JSON, e.getOriginalMessage(), line, origin, position);
        }
        if (json == null || !json.isObject()) {
            return rejected(
                    DeadLetterReason.NOT_AN_OBJECT,
                    "expected a JSON object but found " + (json == null ? "nothing" : typeOf(json)),
                    line,
                    origin,
                    position);
        }
        if (json.has("event_simpleName")) {
            return rejected(
                    DeadLetterReason.NOT_AIDMASTER_OR_USERINFO,
                    "a telemetry event (event_simpleName "
                            + json.get("event_simpleName")
                            + "), not an aidmaster or userinfo entry",
                    line,
                    origin,
                    position);
        }
        for (String field : FIELDS_READ) {
            JsonNode value = json.get(field);
            if (value != null && value.isContainerNode()) {
                return rejected(
                        DeadLetterReason.INVALID_FIELD,
                        field + " is an " + typeOf(value) + ", not a string",
                        line,
                        origin,
                        position);
            }
        }
        return toEntry(json, line, origin, position);
    }

    private static InventoryEntry toEntry(
            JsonNode json, String line, String origin, long position) {
        String userSid = text(json, "UserSid");
        String userName = text(json, "UserName");
        String aid = text(json, "aid");
        String computerName = text(json, "ComputerName");
        if (userSid != null && userName != null) {
            return InventoryEntry.of(InventoryTable.USERINFO, userSid, userName, null);
        }
        if (aid != null && computerName != null) {
            return InventoryEntry.of(
                    InventoryTable.AIDMASTER, aid, computerName, text(json, "event_platform"));
        }
        DeadLetterReason reason;
        String problem;
        if (userSid != null) {
            reason = DeadLetterReason.MISSING_NAME;
            problem = "userinfo entry of " + userSid + " has no UserName";
        } else if (aid != null) {
            reason = DeadLetterReason.MISSING_NAME;
            problem = "aidmaster entry of " + aid + " has no ComputerName";
        } else if (userName != null) {
            reason = DeadLetterReason.MISSING_USER_SID;
            problem = "userinfo entry of " + userName + " has no UserSid";
        } else if (computerName != null) {
            reason = DeadLetterReason.MISSING_AID;
            problem = "aidmaster entry of " + computerName + " has no aid";
        } else {
            reason = DeadLetterReason.NOT_AIDMASTER_OR_USERINFO;
            problem =
                    "neither an aidmaster entry (aid, ComputerName) nor a userinfo entry"
                            + " (UserSid, UserName)";
        }
        return rejected(reason, problem, line, origin, position);
    }

    /** Reads a Kafka message without a value: the removal of the entry its key names. */
    public static InventoryEntry fromTombstone(String key, String origin, long offset) {
        if (key != null) {
            for (InventoryTable table : InventoryTable.values()) {
                String prefix = table.keyPrefix();
                if (key.startsWith(prefix) && !key.substring(prefix.length()).isBlank()) {
                    return InventoryEntry.removal(table, key.substring(prefix.length()).strip());
                }
            }
        }
        return rejected(
                DeadLetterReason.NOT_AIDMASTER_OR_USERINFO,
                "a message without a value needs the key 'aidmaster/<aid>' or"
                        + " 'userinfo/<UserSid>', not '"
                        + key
                        + "'",
                "",
                origin,
                offset);
    }

    /** Returns the dead letter for a line of {@code length} characters, given its beginning. */
    public static InventoryEntry tooLong(
            String beginning, long length, int maxLineLength, String origin, long position) {
        return rejected(
                DeadLetterReason.LINE_TOO_LONG,
                "line has " + length + " characters, more than the limit of " + maxLineLength,
                beginning,
                origin,
                position);
    }

    /** Writes {@code entry} as a table line, with the fields this class reads. */
    public static String toJson(InventoryEntry entry) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    if (entry.table == InventoryTable.AIDMASTER) {
                        json.writeStringField("aid", entry.id);
                        json.writeStringField("ComputerName", entry.name);
                        if (entry.platform != null) {
                            json.writeStringField("event_platform", entry.platform);
                        }
                    } else {
                        json.writeStringField("UserSid", entry.id);
                        json.writeStringField("UserName", entry.name);
                    }
                    json.writeEndObject();
                });
    }

    private static InventoryEntry rejected(
            DeadLetterReason reason, String message, String line, String origin, long position) {
        return InventoryEntry.rejected(DeadLetter.of(reason, message, line, origin, position));
    }

    private static String typeOf(JsonNode json) {
        return json.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Returns the stripped text of a scalar field, or null when it is missing, null or empty. */
    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
