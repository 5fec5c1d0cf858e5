package dev.aiapiwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.config.CommandLine;
import dev.aiapiwatch.config.InvalidOptionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> measurements = new LinkedHashMap<>();

    ResultTableTest() {
        results.put(
                "machine",
                Map.of(
                        "date", "2026-12-04T20:00:00Z",
                        "commit", "abc1234",
                        "cpu", "Test CPU",
                        "cores", 2,
                        "memoryGiB", 23.5,
                        "os", "Linux",
                        "jvm", "Test VM 17",
                        "maxHeapMiB", 6000));
        results.put(
                "input",
                Map.of(
                        "events", 1_000_000,
                        "hosts", 500,
                        "seed", 1,
                        "bytes", 632_000_000L,
                        "warmUpEvents", 500_000));
        measurements.put("floor", Map.of("eventsPerSecond", 1_000_000.0));
        measurements.put(
                "job-p1-discard",
                Map.of(
                        "eventsPerSecond", 400_000.0,
                        "steadyEventsPerSecond", 500_000.0,
                        "startStopSeconds", 0.5,
                        "peakRssMiB", 600));
        measurements.put(
                "job-p2-discard",
                Map.of("eventsPerSecond", 600_000.0, "steadyEventsPerSecond", 800_000.0));
        measurements.put(
                "sql-p1-discard",
                Map.of("eventsPerSecond", 90_000.0, "steadyEventsPerSecond", 100_000.0));
        measurements.put(
                "sql-p2-discard",
                Map.of("eventsPerSecond", 120_000.0, "steadyEventsPerSecond", 160_000.0));
    }

    @Test
    void ratiosUseSteadyRates() {
        String table = new ResultTable(results, measurements).render();

        assertThat(table)
                .contains(
                        "ai-api-watch / parse floor    50% at parallelism 1,"
                                + " 40% per core at parallelism 2")
                .contains(
                        "ai-api-watch / Flink SQL      5.0x at parallelism 1,"
                                + " 5.0x at parallelism 2")
                .contains("Test CPU, 2 cores, 23.5 GiB memory")
                .contains(
                        "ai-api-watch whole runs: 400,000 at parallelism 1, 600,000 at"
                                + " parallelism 2; start and stop 0.5 s")
                .doesNotContain("shorter than four times");
        assertThat(table.lines().filter(line -> line.contains("ai-api-watch, discarding sink")))
                .singleElement()
                .asString()
                .contains("500,000", "800,000", "400,000", "600", " -");
    }

    @Test
    void scalingShowsCostSpread() {
        results.put(
                "scaling",
                List.of(scalingRow(1, 2_000.0), scalingRow(2, 2_100.0), scalingRow(4, 2_200.0)));

        String table = new ResultTable(results, measurements).render();

        assertThat(table).contains("cost per event, max / min over the sizes: 1.10");
        assertThat(table.lines().filter(line -> line.startsWith("  4x")))
                .singleElement()
                .asString()
                .contains("4,000,000", "8.0", "409,091", "454,545", "2200", "50%", "700");
    }

    @Test
    void missingMeasurementsShowDashes() {
        measurements.remove("sql-p1-discard");
        measurements.remove("sql-p2-discard");

        String table = new ResultTable(results, measurements).render();

        assertThat(table).contains("ai-api-watch / Flink SQL      - at parallelism 1");
        assertThat(table).contains("Latency: not measured");
    }

    @Test
    void shortRunsShowWholeRunRates() {
        measurements.put(
                "job-p1-discard", Map.of("eventsPerSecond", 300_000.0, "startStopSeconds", 0.5));

        String table = new ResultTable(results, measurements).render();

        assertThat(table).contains("ai-api-watch / parse floor    30% at parallelism 1");
        assertThat(table).contains("shorter than four times the job's start and stop");
    }

    @Test
    void invalidOptionsNameOption() {
        assertThatThrownBy(() -> settings("--sizes", "1,two"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--sizes")
                .hasMessageContaining("'1,two'");
        assertThatThrownBy(() -> settings("--events", "0"))
                .hasMessageContaining("--events")
                .hasMessageContaining("a positive whole number");
        assertThatThrownBy(() -> settings("--bootstrap-servers", "127.0.0.1:9092"))
                .hasMessageContaining("--elasticsearch-url");
        assertThatThrownBy(() -> settings("--sizes", ","))
                .hasMessageContaining("--sizes")
                .hasMessageContaining("','");
    }

    @Test
    void sizesSortedAndHostsScaled() throws Exception {
        BenchmarkRunner.Settings settings = settings("--events", "200000", "--sizes", "4,1,2");

        assertThat(settings.sizes()).containsExactly(1, 2, 4);
        assertThat(settings.hosts()).isEqualTo(100);
        assertThat(settings.latency()).isFalse();
    }

    private static BenchmarkRunner.Settings settings(String... args) throws InvalidOptionException {
        return BenchmarkRunner.Settings.of(CommandLine.parse(args, BenchmarkRunner.SPECS));
    }

    private static Map<String, Object> scalingRow(int size, double nanos) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("size", size);
        row.put("events", 1_000_000 * size);
        row.put("seconds", size * 2.0);
        row.put("eventsPerSecond", 1e9 / nanos * 0.9);
        row.put("steadyEventsPerSecond", 1e9 / nanos);
        row.put("nanosecondsPerEvent", nanos);
        row.put("peakRssMiB", 700);
        row.put("floorEventsPerSecond", 909_090.9);
        return row;
    }
}
