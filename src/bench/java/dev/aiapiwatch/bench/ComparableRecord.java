package dev.aiapiwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a risk record that both the job and the Flink SQL version produce, in one flat
 * form: the group, the window, the lookup count, the weight and the first and last lookup times.
 * Names are lower case and missing values are empty, as the job's group key treats them.
 */
final class ComparableRecord {

    final Map<String, Object> values;

    ComparableRecord(Map<String, Object> values) {
        this.values = new TreeMap<>(values);
        for (String name : new String[] {"userKey", "processName", "parentName"}) {
            Object value = this.values.get(name);
            this.values.put(name, value == null ? "" : value.toString().toLowerCase(Locale.ROOT));
        }
    }

    /** Reads a record line that the job wrote (see {@code RiskRecordJson}). */
    static ComparableRecord ofJobRecord(String line) {
        JsonNode record;
        try {
            record = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> values = new TreeMap<>();
        values.put("hostId", record.path("host").path("id").asText());
        JsonNode user = record.path("user");
        values.put(
                "userKey", user.has("id") ? user.path("id").asText() : user.path("name").asText());
        values.put("processName", record.path("process").path("name").asText());
        values.put("parentName", record.path("process").path("parent").path("name").asText());
        values.put("domain", record.path("dns").path("question").path("name").asText());
        JsonNode aiApi = record.path("ai_api");
        values.put("category", aiApi.path("process_category").asText());
        values.put("provider", aiApi.path("provider").asText());
        values.put("riskWeight", aiApi.path("risk_weight").asInt());
        values.put("dnsQueryCount", aiApi.path("dns_query_count").asLong());
        values.put("firstSeen", millis(record.path("event").path("start")));
        values.put("lastSeen", millis(record.path("event").path("end")));
        values.put("windowStart", millis(aiApi.path("window").path("start")));
        return new ComparableRecord(values);
    }

    /** Returns the group and window, which identify the record. */
    String key() {
        return values.get("hostId")
                + "|"
                + values.get("userKey")
                + "|"
                + values.get("processName")
                + "|"
                + values.get("category")
                + "|"
                + values.get("domain")
                + "|"
                + values.get("parentName")
                + "|"
                + values.get("windowStart");
    }

    String toJson() {
        try {
            return Json.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComparableRecord ofJson(String line) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = Json.mapper().readValue(line, Map.class);
            // JSON numbers come back as Integer or Long; compare them as longs.
            values.replaceAll(
                    (name, value) ->
                            value instanceof Number ? ((Number) value).longValue() : value);
            return new ComparableRecord(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(JsonNode time) {
        return Instant.parse(time.asText()).toEpochMilli();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComparableRecord
                && normalized().equals(((ComparableRecord) other).normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    private Map<String, Object> normalized() {
        Map<String, Object> normalized = new TreeMap<>(values);
        normalized.replaceAll(
                (name, value) -> value instanceof Number ? ((Number) value).longValue() : value);
        return normalized;
    }

    @Override
    public String toString() {
        return toJson();
    }
}
