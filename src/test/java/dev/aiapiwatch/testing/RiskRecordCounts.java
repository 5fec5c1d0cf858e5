package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Lookup counts of the risk records that a run wrote to Elasticsearch, for comparing runs. */
public final class RiskRecordCounts {

    private RiskRecordCounts() {}

    /** Returns the lookup count of each document of the index prefix, by document id. */
    public static Map<String, Long> byId(ElasticsearchNode elasticsearch, String indexPrefix)
            throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode document : elasticsearch.documents(indexPrefix + "-*")) {
            counts.put(
                    document.path("_id").asText(),
                    document.at("/_source/ai_api/dns_query_count").asLong());
        }
        return counts;
    }

    /**
     * Polls until the records of the index prefix are exactly those of {@code expected}, keyed by
     * {@link TelemetryBatches#keyOf}, and returns their counts by document id.
     */
    public static Map<String, Long> awaitExactly(
            ElasticsearchNode elasticsearch,
            String indexPrefix,
            Map<String, Long> expected,
            Duration timeout)
            throws Exception {
        return await(elasticsearch, indexPrefix, expected, true, timeout);
    }

    /** Polls until the records of the index prefix include those of {@code expected}. */
    public static void awaitIncluding(
            ElasticsearchNode elasticsearch,
            String indexPrefix,
            Map<String, Long> expected,
            Duration timeout)
            throws Exception {
        await(elasticsearch, indexPrefix, expected, false, timeout);
    }

    private static Map<String, Long> await(
            ElasticsearchNode elasticsearch,
            String indexPrefix,
            Map<String, Long> expected,
            boolean exactly,
            Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> counts = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            counts.clear();
            for (JsonNode document : elasticsearch.documents(indexPrefix + "-*")) {
                counts.put(
                        TelemetryBatches.keyOf(document.path("_source")),
                        document.at("/_source/ai_api/dns_query_count").asLong());
            }
            boolean reached =
                    exactly
                            ? counts.equals(expected)
                            : counts.entrySet().containsAll(expected.entrySet());
            if (reached) {
                return byId(elasticsearch, indexPrefix);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "the lookup counts of "
                        + indexPrefix
                        + " did not reach "
                        + expected
                        + " within "
                        + timeout
                        + "; last seen: "
                        + counts);
    }
}
