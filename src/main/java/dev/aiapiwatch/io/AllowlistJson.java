package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.allowlist.AllowlistCondition;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.HostGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON objects of allowlist entries and host groups, shared by the allowlist file and the
 * config-topic messages. Unknown fields are rejected, because a misspelt condition that was ignored
 * would widen what an entry suppresses.
 *
 * <pre>
 * {"id": "ds-notebooks", "owner": "ds-platform@example.com", "expires": "2027-03-31",
 *  "reason": "Approved notebooks", "match": {"hostGroup": "data-science", "processName": "python.exe"}}
 * {"name": "data-science", "aids": ["0a1b..."], "hostNamePatterns": ["ds-*"]}
 * </pre>
 */
public final class AllowlistJson {

    private static final List<String> ENTRY_FIELDS =
            List.of("id", "owner", "expires", "reason", "match");
    private static final List<String> GROUP_FIELDS = List.of("name", "aids", "hostNamePatterns");

    private AllowlistJson() {}

    /**
     * Reads an entry object without validating its values; fields named in {@code skipped} (the
     * message's {@code type} and {@code operation}, say) are not read.
     *
     * @throws IllegalArgumentException for an unknown field or a value that is not a string
     */
    public static AllowlistEntry readEntry(JsonNode json, Set<String> skipped) {
        checkFields(json, ENTRY_FIELDS, skipped, "an allowlist entry");
        AllowlistEntry entry = new AllowlistEntry();
        entry.id = string(json, "id");
        entry.owner = string(json, "owner");
        entry.expires = string(json, "expires");
        entry.reason = string(json, "reason");
        JsonNode match = json.get("match");
        if (match == null || match.isNull()) {
            return entry;
        }
        if (!match.isObject()) {
            throw new IllegalArgumentException(
                    "\"match\" must be an object of conditions, such as {\"processName\":"
                            + " \"python.exe\"}");
        }
        for (Iterator<String> names = match.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            AllowlistCondition condition = AllowlistCondition.byField(name);
            if (condition == null) {
                throw new IllegalArgumentException(
                        "unknown condition '"
                                + name
                                + "' in \"match\"; use "
                                + AllowlistCondition.fieldList());
            }
            condition.setIn(entry, string(match, name));
        }
        return entry;
    }

    /**
     * Reads a host-group object without validating its values; fields named in {@code skipped} are
     * not read.
     *
     * @throws IllegalArgumentException for an unknown field or a value of the wrong type
     */
    public static HostGroup readHostGroup(JsonNode json, Set<String> skipped) {
        checkFields(json, GROUP_FIELDS, skipped, "a host group");
        return new HostGroup(
                string(json, "name"), strings(json, "aids"), strings(json, "hostNamePatterns"));
    }

    /** Writes the fields of {@code entry} into the object the generator is in. */
    public static void writeEntryFields(JsonGenerator json, AllowlistEntry entry)
            throws IOException {
        json.writeStringField("id", entry.id);
        json.writeStringField("owner", entry.owner);
        json.writeStringField("expires", entry.expires);
        if (entry.reason != null) {
            json.writeStringField("reason", entry.reason);
        }
        json.writeObjectFieldStart("match");
        for (AllowlistCondition condition : entry.conditions()) {
            json.writeStringField(condition.field(), condition.valueIn(entry));
        }
        json.writeEndObject();
    }

    /** Writes the fields of {@code group} into the object the generator is in. */
    public static void writeHostGroupFields(JsonGenerator json, HostGroup group)
            throws IOException {
        json.writeStringField("name", group.name);
        json.writeArrayFieldStart("aids");
        for (String aid : group.aids) {
            json.writeString(aid);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("hostNamePatterns");
        for (String pattern : group.hostNamePatterns) {
            json.writeString(pattern);
        }
        json.writeEndArray();
    }

    private static void checkFields(
            JsonNode json, List<String> known, Set<String> skipped, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!known.contains(name) && !skipped.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown field '"
                                + name
                                + "' in "
                                + what
                                + "; the fields are "
                                + String.join(", ", known));
            }
        }
    }

    private static String string(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private static String[] strings(JsonNode json, String field) {
        JsonNode values = json.get(field);
        if (values == null || values.isNull()) {
            return new String[0];
        }
        List<String> list = new ArrayList<>();
        if (values.isArray()) {
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    break;
                }
                list.add(value.textValue());
            }
        }
        if (!values.isArray() || list.size() != values.size()) {
            throw new IllegalArgumentException(
                    "\"" + field + "\" must be an array of strings, as in [\"ds-*\"]");
        }
        return list.toArray(new String[0]);
    }
}
