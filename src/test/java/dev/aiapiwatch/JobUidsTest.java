package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uids of the job's operators in each mode. Savepoints match state to operators by uid, so a
 * change to these lists drops the state of the renamed operator on the next upgrade: change them
 * only together with a way to carry the state over.
 */
class JobUidsTest {

    /** Operators of every mode. */
    private static final List<String> DETECTION =
            List.of(
                    "route-events",
                    "match-watchlist",
                    "classify-processes",
                    "confirm-select-lookups",
                    "confirm-select-connections",
                    "confirm-lookups",
                    "count-confirmations",
                    "count-late-confirmation-inputs",
                    "join-lookups-processes",
                    "suppress-allowlisted",
                    "risk-windows",
                    "late-lookups-as-dead-letters",
                    "count-dead-letters");

    @TempDir Path directory;

    @Test
    void fileModeUids() throws Exception {
        Path input = Files.writeString(directory.resolve("events.ndjson"), "{}\n");
        Path aidmaster = Files.writeString(directory.resolve("aidmaster.ndjson"), "{}\n");
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--input", input.toString(),
                            "--aidmaster", aidmaster.toString(),
                            "--output", directory.resolve("out/records.ndjson").toString()
                        });

        Set<String> uids =
                uids(new AiApiWatchJob(options).pipeline(List.of(input)).getStreamGraph());

        Set<String> expected = new TreeSet<>(DETECTION);
        expected.addAll(
                List.of(
                        "telemetry-files",
                        "config-updates-none-source",
                        "config-updates-none",
                        "aidmaster-userinfo-files",
                        "route-aidmaster-userinfo",
                        "fill-host-names",
                        "fill-user-names",
                        "risk-record-file",
                        "dead-letter-file"));
        assertThat(uids).isEqualTo(expected);
    }

    @Test
    void kafkaModeUids() throws Exception {
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers", "127.0.0.1:9092",
                            "--telemetry-topic", "falcon-telemetry",
                            "--aidmaster-userinfo-topic", "aidmaster-userinfo",
                            "--elasticsearch-url", "http://127.0.0.1:9200"
                        });

        Set<String> uids = uids(new AiApiWatchJob(options).pipeline(List.of()).getStreamGraph());

        Set<String> expected = new TreeSet<>(DETECTION);
        expected.addAll(
                List.of(
                        "telemetry-kafka",
                        "config-kafka",
                        "aidmaster-userinfo-kafka",
                        "aidmaster-userinfo-watermarks",
                        "route-aidmaster-userinfo",
                        "fill-host-names",
                        "fill-user-names",
                        "risk-record-elasticsearch",
                        "dead-letter-kafka",
                        // Flink derives the uid of the Kafka sink's committer from the sink's.
                        "Sink Committer: dead-letter-kafka"));
        assertThat(uids).isEqualTo(expected);
    }

    /** Returns the uid of every operator, failing when one has none. */
    private static Set<String> uids(StreamGraph graph) {
        Set<String> uids = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of %s", node.getOperatorName())
                    .isNotNull();
            uids.add(node.getTransformationUID());
        }
        return uids;
    }
}
