package dev.aiapiwatch.bench;

import dev.aiapiwatch.io.NdjsonFileSink;
import dev.aiapiwatch.process.ProcessRule;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.DomainPattern;
import dev.aiapiwatch.watchlist.Watchlist;
import dev.aiapiwatch.watchlist.WatchlistEntry;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The same detection as the job, written in Flink SQL as a Flink user would write it. A JSON table
 * reads the telemetry file. Views pick the AI lookups and the watched processes with regular
 * expressions built from the same watch list and process rules. An interval join on (aid, process
 * id) spans from one day before the lookup to five minutes after it, and a one-hour tumbling window
 * with GROUP BY summarises the same group as the job's risk records.
 *
 * <p>Usage: {@code SqlJob FILE EVENTS PARALLELISM discard|file OUTPUT_DIRECTORY WARM_UP_FILE
 * WARM_UP_EVENTS SMALL_FILE SMALL_EVENTS}, as for {@link JobThroughput}. With {@code file} the
 * records are written as {@link ComparableRecord} lines, so that {@link RecordComparison} can check
 * them against the job's records.
 */
public final class SqlJob {

    private SqlJob() {}

    public static void main(String[] args) throws Exception {
        SteadyRuns.measure("sql", args, SqlJob::run).measurement().withPeakMemory().print();
        System.exit(0);
    }

    static JobExecutionResult run(Path input, int parallelism, boolean toFile, Path outputs)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        JobThroughput.localConfiguration(parallelism));
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().set("table.local-time-zone", "UTC");
        for (String statement : statements(input)) {
            tables.executeSql(statement);
        }
        DataStream<String> records =
                tables.toDataStream(tables.sqlQuery(RECORDS_QUERY))
                        .map(row -> toComparable(row).toJson())
                        .returns(Types.STRING)
                        .name("Records as comparable JSON");
        if (toFile) {
            Files.createDirectories(outputs);
            Path file = outputs.resolve("sql-records-p" + parallelism + ".ndjson");
            Files.deleteIfExists(file);
            records.sinkTo(new NdjsonFileSink<>(file, line -> line)).setParallelism(1);
        } else {
            records.sinkTo(new DiscardingSink<>());
        }
        return env.execute("ai-api-watch benchmark, Flink SQL version");
    }

    /** The records query: one row per group and window, as the job's final records. */
    static final String RECORDS_QUERY =
            "SELECT aid, user_key, process_name, category, domain, parent_name, provider,"
                    + " MAX(weight) AS risk_weight, COUNT(*) AS dns_query_count,"
                    + " MIN(lookup_time) AS first_seen, MAX(lookup_time) AS last_seen,"
                    + " window_start"
                    + " FROM TABLE(TUMBLE(TABLE attributed_lookups, DESCRIPTOR(lookup_time),"
                    + " INTERVAL '1' HOUR))"
                    + " GROUP BY window_start, window_end, aid, user_key, process_name,"
                    + " category, domain, parent_name, provider";

    /** The table and the views, in the order they must be created. */
    static List<String> statements(Path input) {
        List<String> statements = new ArrayList<>();
        statements.add(
                "CREATE TEMPORARY TABLE telemetry ("
                        + " event_simpleName STRING, aid STRING, `timestamp` STRING,"
                        + " ContextProcessId STRING, TargetProcessId STRING, DomainName STRING,"
                        + " ImageFileName STRING, FileName STRING, CommandLine STRING,"
                        + " ParentBaseFileName STRING, UserName STRING, UserSid STRING,"
                        + " event_time AS TO_TIMESTAMP_LTZ(TRY_CAST(`timestamp` AS BIGINT), 3),"
                        + " WATERMARK FOR event_time AS event_time - INTERVAL '5' MINUTE"
                        + ") WITH ("
                        + " 'connector' = 'filesystem',"
                        + " 'path' = '"
                        + input.toAbsolutePath().toUri()
                        + "',"
                        + " 'format' = 'json',"
                        + " 'json.ignore-parse-errors' = 'true'"
                        + ")");
        statements.add(
                "CREATE TEMPORARY VIEW ai_lookups AS"
                        + " SELECT * FROM (SELECT aid, process_id, domain, "
                        + providerCase(WatchlistFile.builtIn())
                        + " AS provider, event_time"
                        + " FROM (SELECT aid, ContextProcessId AS process_id, event_time,"
                        + " REGEXP_REPLACE(LOWER(TRIM(DomainName)), '\\.$', '') AS domain"
                        + " FROM telemetry WHERE event_simpleName = 'DnsRequest'"
                        + " AND event_time IS NOT NULL AND aid IS NOT NULL"
                        + " AND ContextProcessId IS NOT NULL))"
                        + " WHERE provider IS NOT NULL");
        statements.add(
                "CREATE TEMPORARY VIEW watched_processes AS"
                        + " SELECT aid, TargetProcessId AS process_id, event_time,"
                        + " COALESCE(UserSid, UserName) AS user_key, process_name,"
                        + " LOWER(ParentBaseFileName) AS parent_name, category, weight"
                        + " FROM (SELECT *, "
                        + categoryCase(ProcessRules.builtIn(), true)
                        + " AS category, "
                        + categoryCase(ProcessRules.builtIn(), false)
                        + " AS weight FROM (SELECT *, REGEXP_REPLACE(process_name, '\\.exe$', '')"
                        + " AS stem FROM (SELECT *, LOWER(TRIM(REGEXP_EXTRACT("
                        + "COALESCE(FileName, ImageFileName), '([^\\\\/]*)$', 1)))"
                        + " AS process_name FROM telemetry"
                        + " WHERE event_simpleName IN ('ProcessRollup2', 'SyntheticProcessRollup2')"
                        + " AND event_time IS NOT NULL AND aid IS NOT NULL"
                        + " AND TargetProcessId IS NOT NULL)))"
                        + " WHERE category IS NOT NULL");
        statements.add(
                "CREATE TEMPORARY VIEW attributed_lookups AS"
                        + " SELECT l.aid, p.user_key, p.process_name, p.category, p.weight,"
                        + " l.domain, l.provider, p.parent_name, l.event_time AS lookup_time"
                        + " FROM ai_lookups l JOIN watched_processes p"
                        + " ON l.aid = p.aid AND l.process_id = p.process_id"
                        + " AND p.event_time BETWEEN l.event_time - INTERVAL '1' DAY"
                        + " AND l.event_time + INTERVAL '5' MINUTE");
        return statements;
    }

    /**
     * Returns a CASE expression that gives the provider of {@code domain}: exact names first, then
     * the wildcard patterns from the most literal labels to the fewest, as the job's matcher tries
     * them.
     */
    static String providerCase(Watchlist watchlist) {
        List<WatchlistEntry> exact = new ArrayList<>();
        List<WatchlistEntry> wildcards = new ArrayList<>();
        for (WatchlistEntry entry : watchlist.entries) {
            (DomainPattern.parse(entry.pattern).isExact() ? exact : wildcards).add(entry);
        }
        wildcards.sort(
                Comparator.comparingInt(
                                (WatchlistEntry entry) ->
                                        DomainPattern.parse(entry.pattern).literalLabels())
                        .reversed());
        StringBuilder sql = new StringBuilder("CASE");
        for (WatchlistEntry entry : exact) {
            sql.append(" WHEN domain = ")
                    .append(literal(entry.pattern))
                    .append(" THEN ")
                    .append(literal(entry.provider));
        }
        for (WatchlistEntry entry : wildcards) {
            sql.append(" WHEN REGEXP(domain, ")
                    .append(literal(domainRegex(entry.pattern)))
                    .append(") THEN ")
                    .append(literal(entry.provider));
        }
        return sql.append(" END").toString();
    }

    /**
     * Returns an anchored regular expression for a pattern in which '*' is one or more whole
     * labels.
     */
    static String domainRegex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        String[] labels = pattern.split("\\.");
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                regex.append("\\.");
            }
            regex.append(labels[i].equals("*") ? "[^.]+(\\.[^.]+)*" : Pattern.quote(labels[i]));
        }
        return regex.append('$').toString();
    }

    /** Returns a CASE expression over {@code stem} that gives the category label or the weight. */
    static String categoryCase(ProcessRules rules, boolean label) {
        StringBuilder sql = new StringBuilder("CASE");
        for (ProcessRule rule : rules.rules()) {
            sql.append(" WHEN REGEXP(stem, ")
                    .append(literal("^(" + rule.names() + ")$"))
                    .append(") THEN ")
                    .append(
                            label
                                    ? literal(rule.category().label())
                                    : Integer.toString(rule.category().weight()));
        }
        return sql.append(" END").toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static ComparableRecord toComparable(Row row) {
        Map<String, Object> values = new TreeMap<>();
        values.put("hostId", row.getField("aid"));
        values.put("userKey", row.getField("user_key"));
        values.put("processName", row.getField("process_name"));
        values.put("category", row.getField("category"));
        values.put("domain", row.getField("domain"));
        values.put("parentName", row.getField("parent_name"));
        values.put("provider", row.getField("provider"));
        values.put("riskWeight", ((Number) row.getField("risk_weight")).intValue());
        values.put("dnsQueryCount", ((Number) row.getField("dns_query_count")).longValue());
        values.put("firstSeen", epochMillis(row.getField("first_seen")));
        values.put("lastSeen", epochMillis(row.getField("last_seen")));
        values.put("windowStart", epochMillis(row.getField("window_start")));
        return new ComparableRecord(values);
    }

    private static long epochMillis(Object time) {
        if (time instanceof Instant) {
            return ((Instant) time).toEpochMilli();
        }
        return ((LocalDateTime) time).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
