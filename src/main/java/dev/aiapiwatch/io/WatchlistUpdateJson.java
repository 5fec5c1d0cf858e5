package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.watchlist.WatchlistUpdate;

/**
 * The message format of watch-list updates on the detection-config topic: one JSON object per
 * message, keyed by {@link #keyOf} so that a compacted topic keeps the latest message per pattern.
 *
 * <pre>
 * {"type": "watchlist", "operation": "upsert", "pattern": "api.example.ai", "provider": "Example"}
 * {"type": "watchlist", "operation": "delete", "pattern": "api.example.ai"}
 * </pre>
 *
 * <p>{@code type} may be left out. A message without a value whose key is {@code
 * watchlist/<pattern>} deletes the pattern too.
 */
public final class WatchlistUpdateJson {

    public static final String TYPE = "watchlist";
    private static final String KEY_PREFIX = TYPE + "/";

    private WatchlistUpdateJson() {}

    /** Returns the message key for updates of {@code pattern}. */
    public static String keyOf(String pattern) {
        return KEY_PREFIX + pattern;
    }

    public static String toJson(WatchlistUpdate update) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("type", TYPE);
                    json.writeStringField("operation", update.operation);
                    json.writeStringField("pattern", update.pattern);
                    if (update.isUpsert()) {
                        json.writeStringField("provider", update.provider);
                    }
                    json.writeEndObject();
                });
    }

    /** Reads a message; a message that is not a valid update becomes an invalid update. */
    public static WatchlistUpdate parse(String message) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(message);
        } catch (JsonProcessingException e) {
            return WatchlistUpdate.invalid("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return WatchlistUpdate.invalid("expected a JSON object");
        }
        String type = text(json, "type");
        if (type != null && !type.equals(TYPE)) {
            return WatchlistUpdate.invalid("unknown type '" + type + "'; expected '" + TYPE + "'");
        }
        String operation = text(json, "operation");
        String pattern = text(json, "pattern");
        if (pattern == null) {
            return WatchlistUpdate.invalid("missing pattern");
        }
        if (WatchlistUpdate.UPSERT.equals(operation)) {
            String provider = text(json, "provider");
            if (provider == null) {
                return WatchlistUpdate.invalid("missing provider for upsert of " + pattern);
            }
            return WatchlistUpdate.upsert(pattern, provider);
        }
        if (WatchlistUpdate.DELETE.equals(operation)) {
            return WatchlistUpdate.delete(pattern);
        }
        return WatchlistUpdate.invalid(
                "operation must be 'upsert' or 'delete', not '" + operation + "'");
    }

    /** Reads a message without a value: a deletion when its key names a pattern. */
    public static WatchlistUpdate fromTombstone(String key) {
        if (key != null && key.startsWith(KEY_PREFIX) && key.length() > KEY_PREFIX.length()) {
            return WatchlistUpdate.delete(key.substring(KEY_PREFIX.length()));
        }
        return WatchlistUpdate.invalid(
                "a message without a value needs the key '"
                        + KEY_PREFIX
                        + "<pattern>', not '"
                        + key
                        + "'");
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
