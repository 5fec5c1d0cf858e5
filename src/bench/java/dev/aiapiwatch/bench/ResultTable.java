package dev.aiapiwatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark results as one plain-text table, as {@code scripts/bench.sh} prints it. */
final class ResultTable {

    private static final String NONE = "-";

    private final Map<String, Object> results;
    private final Map<String, Map<String, Object>> measurements;
    private final StringBuilder text = new StringBuilder();
    private boolean wholeRunRates;

    ResultTable(Map<String, Object> results, Map<String, Map<String, Object>> measurements) {
        this.results = results;
        this.measurements = measurements;
    }

    String render() {
        header();
        throughput();
        ratios();
        scaling();
        state();
        latency();
        microBenchmarks();
        return text.toString().stripTrailing() + System.lineSeparator();
    }

    private void header() {
        Map<String, Object> machine = map(results.get("machine"));
        Map<String, Object> input = map(results.get("input"));
        line("ai-api-watch benchmarks");
        line("  date     %s, commit %s", machine.get("date"), machine.get("commit"));
        line(
                "  machine  %s, %s cores, %s GiB memory, %s",
                machine.get("cpu"),
                machine.get("cores"),
                machine.get("memoryGiB"),
                machine.get("os"));
        line("  JVM      %s, max heap %s MiB", machine.get("jvm"), machine.get("maxHeapMiB"));
        line(
                "  input    %s generated events (%s MB), %s hosts, seed %s; warm-up run on %s"
                        + " other events",
                grouped(input.get("events")),
                grouped(((Number) input.get("bytes")).longValue() / 1_000_000),
                grouped(input.get("hosts")),
                input.get("seed"),
                grouped(input.get("warmUpEvents")));
        line("");
    }

    private void throughput() {
        line(
                "Throughput on the same input, events per second after %d warm-up runs, with the"
                        + " job's start and stop taken out",
                SteadyRuns.WARM_UP_PASSES);
        line(
                "  %-36s %14s %14s %14s %11s %11s",
                "", "parallelism 1", "parallelism 2", "per core at 2", "RSS MiB p1", "RSS MiB p2");
        row("parse floor (one thread, no Flink)", "floor", null);
        row("ai-api-watch, discarding sink", "job-p1-discard", "job-p2-discard");
        row("ai-api-watch, file sink", "job-p1-file", "job-p2-file");
        row("Flink SQL, discarding sink", "sql-p1-discard", "sql-p2-discard");
        row("Flink SQL, file sink", "sql-p1-file", null);
        wholeRuns("ai-api-watch", "job");
        wholeRuns("Flink SQL", "sql");
        if (wholeRunRates) {
            line(
                    "  Some runs were shorter than four times the job's start and stop, so their"
                            + " rows show whole-run rates;");
            line("  use --events 1000000 or more for steady rates.");
        }
        line("");
    }

    /** Prints the rates of whole runs, start and stop included, and that start and stop time. */
    private void wholeRuns(String label, String prefix) {
        Object first = value(prefix + "-p1-discard", "eventsPerSecond");
        if (first == null) {
            return;
        }
        line(
                "  %s whole runs: %s at parallelism 1, %s at parallelism 2; start and stop %s s",
                label,
                grouped(first),
                grouped(value(prefix + "-p2-discard", "eventsPerSecond")),
                decimal(value(prefix + "-p1-discard", "startStopSeconds")));
    }

    private void row(String label, String first, String second) {
        Double firstRate = rate(first);
        Double secondRate = rate(second);
        line(
                "  %-36s %14s %14s %14s %11s %11s",
                label,
                firstRate == null ? NONE : grouped(firstRate),
                secondRate == null ? NONE : grouped(secondRate),
                secondRate == null ? NONE : grouped(secondRate / 2),
                memory(first),
                memory(second));
    }

    private void ratios() {
        Double floor = rate("floor");
        Double job1 = rate("job-p1-discard");
        Double job2 = rate("job-p2-discard");
        Double sql1 = rate("sql-p1-discard");
        Double sql2 = rate("sql-p2-discard");
        line("Ratios (discarding sinks)");
        line(
                "  ai-api-watch / parse floor    %s at parallelism 1, %s per core at parallelism 2",
                percent(job1, floor), percent(job2 == null ? null : job2 / 2, floor));
        line(
                "  ai-api-watch / Flink SQL      %s at parallelism 1, %s at parallelism 2",
                times(job1, sql1), times(job2, sql2));
        Map<String, Object> comparison = map(results.get("recordComparison"));
        if (!comparison.isEmpty()) {
            line(
                    "  same records as Flink SQL     %s (job %s, SQL %s records)",
                    Boolean.TRUE.equals(comparison.get("same")) ? "yes" : "NO",
                    grouped(comparison.get("jobRecords")),
                    grouped(comparison.get("sqlRecords")));
        }
        line("");
    }

    private void scaling() {
        List<Map<String, Object>> rows = list(results.get("scaling"));
        if (rows.isEmpty()) {
            return;
        }
        line("Scaling: ai-api-watch at parallelism 1, discarding sink; hosts grow with the events");
        line(
                "  %-6s %12s %9s %13s %13s %13s %9s %13s",
                "size",
                "events",
                "seconds",
                "whole run/s",
                "steady/s",
                "ns per event",
                "of floor",
                "peak RSS MiB");
        double cheapest = Double.MAX_VALUE;
        double dearest = 0;
        for (Map<String, Object> row : rows) {
            double nanos = ((Number) row.get("nanosecondsPerEvent")).doubleValue();
            cheapest = Math.min(cheapest, nanos);
            dearest = Math.max(dearest, nanos);
            Object floor = row.get("floorEventsPerSecond");
            line(
                    "  %-6s %12s %9s %13s %13s %13s %9s %13s",
                    row.get("size") + "x",
                    grouped(row.get("events")),
                    decimal(row.get("seconds")),
                    grouped(row.get("eventsPerSecond")),
                    grouped(row.get("steadyEventsPerSecond")),
                    String.format(Locale.ROOT, "%.0f", nanos),
                    floor instanceof Number number
                            ? percent(1e9 / nanos, number.doubleValue())
                            : NONE,
                    grouped(row.get("peakRssMiB")));
        }
        line(
                "  cost per event, max / min over the sizes: %s",
                String.format(Locale.ROOT, "%.2f", dearest / cheapest));
        line("");
    }

    private void state() {
        Map<String, Object> state = measurements.get("state");
        if (state == null) {
            return;
        }
        line(
                "Keyed state, serialised as a checkpoint holds it (%s entries each)",
                state.get("entries"));
        line(
                "  per watched process start            %s bytes",
                whole(state.get("bytesPerBufferedProcess")));
        line(
                "  per other process start              %s bytes",
                whole(state.get("bytesPerUnwatchedProcess")));
        line(
                "  per lookup waiting for its process   %s bytes",
                whole(state.get("bytesPerPendingLookup")));
        line(
                "  per open risk group                  %s bytes",
                whole(state.get("bytesPerOpenRiskGroup")));
        boolean drained =
                Boolean.TRUE.equals(state.get("processesDrained"))
                        && Boolean.TRUE.equals(state.get("lookupsDrained"))
                        && Boolean.TRUE.equals(state.get("riskGroupsDrained"));
        line(
                "  no state and no timers left after the lookback and the windows: %s",
                drained ? "yes" : "NO");
        line("");
    }

    private void latency() {
        Map<String, Object> latency = measurements.get("latency");
        if (latency == null) {
            line("Latency: not measured (--skip-latency)");
            line("");
            return;
        }
        line(
                "Latency from Kafka to searchable in Elasticsearch, %s events/s, %s of %s probes"
                        + " found",
                grouped(latency.get("sentEventsPerSecond")),
                grouped(latency.get("found")),
                grouped(latency.get("probes")));
        line(
                "  p50 %s ms, p90 %s ms, p99 %s ms, max %s ms (sink flush interval %s ms, index"
                        + " refresh interval 1 s)",
                grouped(latency.get("p50Millis")),
                grouped(latency.get("p90Millis")),
                grouped(latency.get("p99Millis")),
                grouped(latency.get("maxMillis")),
                grouped(latency.get("flushIntervalMillis")));
        line("");
    }

    private void microBenchmarks() {
        List<Map<String, Object>> rows = list(results.get("jmh"));
        if (rows.isEmpty()) {
            return;
        }
        line("Micro-benchmarks (JMH, average time per call)");
        for (Map<String, Object> row : rows) {
            line(
                    "  %-22s %10s +/- %s %s",
                    row.get("benchmark"),
                    String.format(Locale.ROOT, "%.1f", ((Number) row.get("score")).doubleValue()),
                    String.format(Locale.ROOT, "%.1f", ((Number) row.get("error")).doubleValue()),
                    row.get("unit"));
        }
    }

    /**
     * Returns the steady rate of a measurement, or its whole-run rate when the run was too short
     * for a steady rate (the floor has only that), or null when it was not measured.
     */
    private Double rate(String name) {
        Object steady = value(name, "steadyEventsPerSecond");
        Object rate = steady != null ? steady : value(name, "eventsPerSecond");
        if (steady == null && rate != null && value(name, "startStopSeconds") != null) {
            wholeRunRates = true;
        }
        return rate instanceof Number number ? number.doubleValue() : null;
    }

    private Object value(String name, String key) {
        Map<String, Object> measured = name == null ? null : measurements.get(name);
        return measured == null ? null : measured.get(key);
    }

    private static String decimal(Object value) {
        return value instanceof Number number
                ? String.format(Locale.ROOT, "%.1f", number.doubleValue())
                : NONE;
    }

    private String memory(String name) {
        Map<String, Object> measured = name == null ? null : measurements.get(name);
        return measured == null || !measured.containsKey("peakRssMiB")
                ? NONE
                : grouped(measured.get("peakRssMiB"));
    }

    private static String percent(Double part, Double whole) {
        return part == null || whole == null
                ? NONE
                : String.format(Locale.ROOT, "%.0f%%", 100 * part / whole);
    }

    private static String times(Double part, Double whole) {
        return part == null || whole == null
                ? NONE
                : String.format(Locale.ROOT, "%.1fx", part / whole);
    }

    /** Formats a whole number with thousands separators. */
    static String grouped(Object value) {
        if (!(value instanceof Number number)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%,d", Math.round(number.doubleValue()));
    }

    private static String whole(Object value) {
        return value instanceof Number number
                ? String.format(Locale.ROOT, "%.0f", number.doubleValue())
                : NONE;
    }

    /** Formats a progress figure: grouped when large, with one decimal when small. */
    static String number(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,d", Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> ? (List<Map<String, Object>>) value : List.of();
    }
}
