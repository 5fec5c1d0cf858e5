package dev.aiapiwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.elasticsearch.RejectedDocumentTally;
import dev.aiapiwatch.metrics.RunCounters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.util.OptionalFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir Path directory;

    @Test
    void rejectedDocumentsCountAsDeadLetters() throws Exception {
        JobID job = new JobID();
        for (int i = 0; i < 22; i++) {
            RejectedDocumentTally.add(job);
        }

        String summary = summary(job);

        assertThat(summary)
                .contains(
                        "  dead letters    24 (rejected_by_elasticsearch 22, invalid_json 1,"
                                + " invalid_timestamp 1) -> ")
                .contains(
                        "  risk records    11 (22 writes, 22 rejected by Elasticsearch) ->"
                                + " Elasticsearch indices ai-api-watch-risk-*");
        assertThat(RejectedDocumentTally.take(job)).as("the summary took the tally").isEqualTo(-1);
    }

    @Test
    void noRejectionsLeaveLinesPlain() throws Exception {
        String summary = summary(new JobID());

        assertThat(summary)
                .contains("  dead letters    2 (invalid_json 1, invalid_timestamp 1) -> ")
                .contains(
                        "  risk records    11 (22 writes) -> Elasticsearch indices"
                                + " ai-api-watch-risk-*");
    }

    private String summary(JobID job) throws Exception {
        Path input = Files.writeString(directory.resolve("input.ndjson"), "");
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--input",
                            input.toString(),
                            "--elasticsearch-url",
                            "http://127.0.0.1:9200"
                        });
        TreeMap<String, Long> deadLetters = new TreeMap<>();
        deadLetters.put("invalid_json", 1L);
        deadLetters.put("invalid_timestamp", 1L);
        Map<String, OptionalFailure<Object>> accumulators =
                Map.of(
                        RunCounters.DEAD_LETTERS, OptionalFailure.of(deadLetters),
                        RunCounters.RECORDS, OptionalFailure.of(11L),
                        RunCounters.RECORD_WRITES, OptionalFailure.of(22L));
        JobExecutionResult result = new JobExecutionResult(job, 2_000, accumulators);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new RunSummary(result, 2_000, options, List.of(input))
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        return bytes.toString(StandardCharsets.UTF_8);
    }
}
