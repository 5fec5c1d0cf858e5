package dev.aiapiwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.tools.GenerateTelemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the benchmark harness: the job and its Flink SQL version on the same generated
 * input must give the same records, and the comparison must notice when they do not.
 */
class BenchmarkHarnessITCase {

    private static final long EVENTS = 40_000;

    @TempDir Path folder;

    @Test
    void sqlVersionMatchesJobRecords() throws Exception {
        Path input = folder.resolve("fleet.ndjson");
        GenerateTelemetry.write(
                input,
                EVENTS,
                20,
                7,
                Duration.ofHours(6),
                GenerateTelemetry.DEFAULT_DISORDER,
                GenerateTelemetry.DEFAULT_MALFORMED_SHARE);

        JobExecutionResult job = JobThroughput.run(input, 1, true, folder);
        SqlJob.run(input, 1, true, folder);

        assertThat(job.<Long>getAccumulatorResult(RunCounters.EVENTS_READ)).isEqualTo(EVENTS);
        Path jobRecords = folder.resolve("records-p1.ndjson");
        Path sqlRecords = folder.resolve("sql-records-p1.ndjson");
        RecordComparison comparison = RecordComparison.compare(jobRecords, sqlRecords);
        assertThat(comparison.differences).isEmpty();
        assertThat(comparison.jobRecords).isGreaterThan(20);
        assertThat(comparison.sqlRecords).isEqualTo(comparison.jobRecords);

        // One SQL record with another count, and one missing: both are reported.
        List<String> changed = new ArrayList<>(Files.readAllLines(sqlRecords));
        String first = changed.get(0);
        changed.set(0, first.replace("\"dnsQueryCount\":", "\"dnsQueryCount\":1000"));
        changed.remove(changed.size() - 1);
        Path altered = folder.resolve("altered.ndjson");
        Files.write(altered, changed, StandardCharsets.UTF_8);
        RecordComparison altering = RecordComparison.compare(jobRecords, altered);
        assertThat(altering.same()).isFalse();
        assertThat(altering.differences).hasSize(2);
        assertThat(altering.differences)
                .anySatisfy(difference -> assertThat(difference).startsWith("only the job: "))
                .anySatisfy(
                        difference ->
                                assertThat(difference)
                                        .startsWith("job: ")
                                        .contains("\"dnsQueryCount\":1000"));
    }
}
