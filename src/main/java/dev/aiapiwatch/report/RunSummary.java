package dev.aiapiwatch.report;

import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.config.KafkaOptions;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.io.elasticsearch.RejectedDocumentTally;
import dev.aiapiwatch.metrics.CountsByKey;
import dev.aiapiwatch.metrics.RunCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;

/** Prints what a finished run did, from the job's accumulators and its output file. */
public final class RunSummary {

    private final JobExecutionResult result;
    private final long elapsedMillis;
    private final JobOptions options;
    private final List<Path> inputs;

    /**
     * @param inputs the input paths, or an empty list when the bundled sample was read
     */
    public RunSummary(
            JobExecutionResult result, long elapsedMillis, JobOptions options, List<Path> inputs) {
        this.result = result;
        this.elapsedMillis = elapsedMillis;
        this.options = options;
        this.inputs = inputs;
    }

    public void print(PrintStream out) throws IOException {
        KafkaOptions kafka = options.kafka();
        ElasticsearchOptions elasticsearch = options.elasticsearch();
        out.printf(Locale.ROOT, "%nai-api-watch finished in %.1f s%n", elapsedMillis / 1000.0);
        line(out, "input", describeInput(kafka));
        line(out, "events read", Long.toString(count(RunCounters.EVENTS_READ)));
        line(out, "ignored", withBreakdown(counts(RunCounters.EVENTS_IGNORED)));
        // -1 when the sink's writers ran in another JVM, or no Elasticsearch sink ran.
        long rejectedByElasticsearch = RejectedDocumentTally.take(result.getJobID());
        Map<String, Long> deadLetters = new TreeMap<>(counts(RunCounters.DEAD_LETTERS));
        if (rejectedByElasticsearch > 0) {
            deadLetters.put(
                    DeadLetterReason.REJECTED_BY_ELASTICSEARCH.code(), rejectedByElasticsearch);
        }
        line(
                out,
                "dead letters",
                withBreakdown(deadLetters)
                        + " -> "
                        + (kafka != null
                                ? "topic " + kafka.deadLetterTopic()
                                : options.deadLetters()));
        line(
                out,
                "DNS lookups",
                count(RunCounters.DNS_LOOKUPS)
                        + ", of watched AI domains "
                        + count(RunCounters.AI_LOOKUPS)
                        + ", attributed "
                        + count(RunCounters.ATTRIBUTED_LOOKUPS)
                        + ", unattributed "
                        + count(RunCounters.UNATTRIBUTED_LOOKUPS)
                        + ", by unwatched processes "
                        + count(RunCounters.UNWATCHED_LOOKUPS));
        line(out, "allowlisted", withBreakdown(counts(RunCounters.SUPPRESSED_LOOKUPS_BY_ENTRY)));
        line(
                out,
                "process starts",
                count(RunCounters.PROCESS_STARTS)
                        + ", of watched tools "
                        + count(RunCounters.WATCHED_PROCESS_STARTS));
        line(
                out,
                "connections",
                count(RunCounters.NETWORK_CONNECTS)
                        + ", confirming AI lookups "
                        + count(RunCounters.CONFIRMED_CONNECTIONS)
                        + ", late for confirmation "
                        + count(RunCounters.LATE_CONFIRMATION_INPUTS));
        if (options.hasInventory()) {
            line(
                    out,
                    "host names",
                    "filled on "
                            + count(RunCounters.HOST_NAMES_FILLED)
                            + " lookups from "
                            + count(RunCounters.AIDMASTER_ENTRIES)
                            + " aidmaster entries");
            line(
                    out,
                    "user names",
                    "filled on "
                            + count(RunCounters.USER_NAMES_FILLED)
                            + " lookups from "
                            + count(RunCounters.USERINFO_ENTRIES)
                            + " userinfo entries");
        }
        line(
                out,
                "risk records",
                count(RunCounters.RECORDS)
                        + " ("
                        + count(RunCounters.RECORD_WRITES)
                        + " writes"
                        + (rejectedByElasticsearch > 0
                                ? ", " + rejectedByElasticsearch + " rejected by Elasticsearch"
                                : "")
                        + ") -> "
                        + (elasticsearch != null
                                ? "Elasticsearch indices " + elasticsearch.indexPrefix() + "-*"
                                : options.output()));
        if (elasticsearch == null && options.top() > 0 && Files.isReadable(options.output())) {
            out.println();
            RecordTable.read(options.output()).print(out, options.top());
        }
    }

    private String describeInput(KafkaOptions kafka) {
        if (kafka != null) {
            return kafka.telemetryTopicPattern() != null
                    ? "Kafka topics matching " + kafka.telemetryTopicPattern()
                    : "Kafka topics " + String.join(", ", kafka.telemetryTopics());
        }
        return inputs.isEmpty() ? "bundled sample telemetry" : describe(inputs);
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-15s %s%n", label, value);
    }

    private long count(String name) {
        Object value = result.getAccumulatorResult(name);
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> counts(String name) {
        Object value = result.getAccumulatorResult(name);
        return value instanceof Map ? (Map<String, Long>) value : new TreeMap<>();
    }

    /**
     * Formats a total followed by the largest parts, as in {@code 12 (AgentOnline 7, ...)}, with
     * the keys beyond the accumulator's limit last.
     */
    static String withBreakdown(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counts.isEmpty()) {
            return Long.toString(total);
        }
        String parts =
                counts.entrySet().stream()
                        .sorted(
                                Comparator.comparing(
                                                (Map.Entry<String, Long> entry) ->
                                                        entry.getKey()
                                                                .equals(CountsByKey.OTHER_KEYS))
                                        .thenComparing(
                                                Map.Entry.<String, Long>comparingByValue()
                                                        .reversed()))
                        .limit(8)
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", "));
        String more = counts.size() > 8 ? ", " + (counts.size() - 8) + " more" : "";
        return total + " (" + parts + more + ")";
    }

    private static String describe(List<Path> inputs) {
        if (inputs.size() == 1) {
            return inputs.get(0).toString();
        }
        return inputs.size()
                + " paths: "
                + inputs.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
