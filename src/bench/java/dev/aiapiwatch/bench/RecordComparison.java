package dev.aiapiwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the Flink SQL version gives the same records as the job on the same input. The job
 * writes a record early and again when its window closes, under the same id. The last line of each
 * id is its final record, which is what the SQL version's window gives.
 */
final class RecordComparison {

    final int jobRecords;
    final int sqlRecords;
    final List<String> differences = new ArrayList<>();

    private RecordComparison(int jobRecords, int sqlRecords) {
        this.jobRecords = jobRecords;
        this.sqlRecords = sqlRecords;
    }

    /** Usage: {@code RecordComparison JOB_RECORDS SQL_RECORDS}; exits with 1 when they differ. */
    public static void main(String[] args) throws IOException {
        RecordComparison comparison = compare(Path.of(args[0]), Path.of(args[1]));
        System.out.println(
                "job records: "
                        + comparison.jobRecords
                        + ", SQL records: "
                        + comparison.sqlRecords);
        comparison.differences.stream().limit(20).forEach(System.out::println);
        System.exit(comparison.same() ? 0 : 1);
    }

    static RecordComparison compare(Path jobFile, Path sqlFile) throws IOException {
        Map<String, ComparableRecord> job = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jobFile)) {
            if (!line.isBlank()) {
                ComparableRecord record = ComparableRecord.ofJobRecord(line);
                job.put(record.key(), record);
            }
        }
        Map<String, ComparableRecord> sql = new LinkedHashMap<>();
        for (String line : Files.readAllLines(sqlFile)) {
            if (!line.isBlank()) {
                ComparableRecord record = ComparableRecord.ofJson(line);
                if (sql.put(record.key(), record) != null) {
                    throw new IllegalStateException("the SQL job wrote two records for " + record);
                }
            }
        }
        RecordComparison comparison = new RecordComparison(job.size(), sql.size());
        for (Map.Entry<String, ComparableRecord> entry : job.entrySet()) {
            ComparableRecord other = sql.get(entry.getKey());
            if (other == null) {
                comparison.differences.add("only the job: " + entry.getValue());
            } else if (!other.equals(entry.getValue())) {
                comparison.differences.add(
                        "job: " + entry.getValue() + System.lineSeparator() + "  sql: " + other);
            }
        }
        for (Map.Entry<String, ComparableRecord> entry : sql.entrySet()) {
            if (!job.containsKey(entry.getKey())) {
                comparison.differences.add("only the SQL job: " + entry.getValue());
            }
        }
        return comparison;
    }

    boolean same() {
        return differences.isEmpty();
    }
}
