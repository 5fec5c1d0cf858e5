package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.HostGroup;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import java.util.List;
import java.util.Set;

/**
 * The message format of the detection-config topic: one JSON object per message, keyed by {@link
 * #keyOf} ({@code <type>/<id>}) so that a compacted topic keeps the latest message per pattern,
 * entry or group.
 *
 * <pre>
 * {"type": "watchlist", "operation": "upsert", "pattern": "api.example.ai", "provider": "Example"}
 * {"type": "watchlist", "operation": "delete", "pattern": "api.example.ai"}
 * {"type": "allowlist", "operation": "upsert", "id": "ds-notebooks", "owner": "ds@example.com",
 *  "expires": "2027-03-31", "match": {"hostGroup": "data-science", "processName": "python.exe"}}
 * {"type": "allowlist", "operation": "delete", "id": "ds-notebooks"}
 * {"type": "host-group", "operation": "upsert", "name": "data-science", "aids": ["0a1b..."],
 *  "hostNamePatterns": ["ds-*"]}
 * {"type": "host-group", "operation": "delete", "name": "data-science"}
 * </pre>
 *
 * <p>A missing {@code type} means {@code watchlist}. A message without a value (a tombstone) whose
 * key is {@code <type>/<id>} deletes that pattern, entry or group.
 */
public final class DetectionConfigUpdateJson {

    private static final List<String> TYPES =
            List.of(
                    DetectionConfigUpdate.WATCHLIST,
                    DetectionConfigUpdate.ALLOWLIST,
                    DetectionConfigUpdate.HOST_GROUP);

    /** Fields of the message envelope, not of the entry or group it carries. */
    private static final Set<String> ENVELOPE = Set.of("type", "operation");

    private DetectionConfigUpdateJson() {}

    /** Returns the message key of {@code update}: {@code <type>/<id>}. */
    public static String keyOf(DetectionConfigUpdate update) {
        return update.type + "/" + update.id;
    }

    public static String toJson(DetectionConfigUpdate update) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("type", update.type);
                    json.writeStringField("operation", update.operation);
                    switch (update.type) {
                        case DetectionConfigUpdate.WATCHLIST:
                            json.writeStringField("pattern", update.id);
                            if (update.isUpsert()) {
                                json.writeStringField("provider", update.provider);
                            }
                            break;
                        case DetectionConfigUpdate.ALLOWLIST:
                            if (update.isUpsert()) {
                                AllowlistJson.writeEntryFields(json, update.allowlistEntry);
                            } else {
                                json.writeStringField("id", update.id);
                            }
                            break;
                        default:
                            if (update.isUpsert()) {
                                AllowlistJson.writeHostGroupFields(json, update.hostGroup);
                            } else {
                                json.writeStringField("name", update.id);
                            }
                    }
                    json.writeEndObject();
                });
    }

    /** Reads a message; a message that is not a valid update becomes an invalid update. */
    public static DetectionConfigUpdate parse(String message) {
        JsonNode json;
        try {
            json = Json.configReader().readTree(message);
        } catch (JsonProcessingException e) {
            return DetectionConfigUpdate.invalid(null, "not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return DetectionConfigUpdate.invalid(null, "expected a JSON object");
        }
        String type = text(json, "type");
        if (type == null) {
            type = DetectionConfigUpdate.WATCHLIST;
        } else if (!TYPES.contains(type)) {
            return DetectionConfigUpdate.invalid(
                    null, "unknown type '" + type + "'; expected one of " + TYPES);
        }
        String operation = text(json, "operation");
        if (!DetectionConfigUpdate.UPSERT.equals(operation)
                && !DetectionConfigUpdate.DELETE.equals(operation)) {
            return DetectionConfigUpdate.invalid(
                    type, "operation must be 'upsert' or 'delete', not '" + operation + "'");
        }
        try {
            switch (type) {
                case DetectionConfigUpdate.WATCHLIST:
                    return parseWatchlist(json, operation);
                case DetectionConfigUpdate.ALLOWLIST:
                    return parseAllowlist(json, operation);
                default:
                    return parseHostGroup(json, operation);
            }
        } catch (IllegalArgumentException e) {
            return DetectionConfigUpdate.invalid(type, e.getMessage());
        }
    }

    /** Reads a message without a value: a deletion when its key is {@code <type>/<id>}. */
    public static DetectionConfigUpdate fromTombstone(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        String type = slash > 0 ? key.substring(0, slash) : null;
        String id = slash > 0 ? key.substring(slash + 1) : "";
        if (type == null || !TYPES.contains(type) || id.isEmpty()) {
            return DetectionConfigUpdate.invalid(
                    null,
                    "a message without a value needs a key '<type>/<id>' with a type of "
                            + TYPES
                            + ", not '"
                            + key
                            + "'");
        }
        switch (type) {
            case DetectionConfigUpdate.WATCHLIST:
                return DetectionConfigUpdate.watchlistDelete(id);
            case DetectionConfigUpdate.ALLOWLIST:
                return DetectionConfigUpdate.allowlistDelete(id);
            default:
                return DetectionConfigUpdate.hostGroupDelete(id);
        }
    }

    private static DetectionConfigUpdate parseWatchlist(JsonNode json, String operation) {
        String pattern = required(json, "pattern");
        if (DetectionConfigUpdate.DELETE.equals(operation)) {
            return DetectionConfigUpdate.watchlistDelete(pattern);
        }
        String provider = text(json, "provider");
        if (provider == null) {
            throw new IllegalArgumentException("missing provider for upsert of " + pattern);
        }
        return DetectionConfigUpdate.watchlistUpsert(pattern, provider);
    }

    private static DetectionConfigUpdate parseAllowlist(JsonNode json, String operation) {
        if (DetectionConfigUpdate.DELETE.equals(operation)) {
            return DetectionConfigUpdate.allowlistDelete(required(json, "id"));
        }
        AllowlistEntry entry = AllowlistJson.readEntry(json, ENVELOPE);
        if (entry.id == null || entry.id.isBlank()) {
            throw new IllegalArgumentException("missing id of the allowlist entry");
        }
        entry.id = entry.id.strip();
        return DetectionConfigUpdate.allowlistUpsert(entry);
    }

    private static DetectionConfigUpdate parseHostGroup(JsonNode json, String operation) {
        if (DetectionConfigUpdate.DELETE.equals(operation)) {
            return DetectionConfigUpdate.hostGroupDelete(required(json, "name"));
        }
        HostGroup group = AllowlistJson.readHostGroup(json, ENVELOPE);
        if (group.name == null || group.name.isBlank()) {
            throw new IllegalArgumentException("missing name of the host group");
        }
        group.name = group.name.strip();
        return DetectionConfigUpdate.hostGroupUpsert(group);
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
