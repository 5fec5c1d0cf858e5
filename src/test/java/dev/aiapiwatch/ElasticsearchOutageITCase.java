package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.JobHistory;
import dev.aiapiwatch.testing.RiskRecordCounts;
import dev.aiapiwatch.testing.TcpProxy;
import dev.aiapiwatch.testing.TelemetryBatches;
import dev.aiapiwatch.testing.TestClusters;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch becomes unreachable while the job runs on a stream from Kafka, then returns: the
 * job writes the same documents as a run without the outage, none missing and none counted twice. A
 * proxy in front of the shared node resets every connection during the outage, so the node itself
 * keeps running for the other tests.
 */
class ElasticsearchOutageITCase {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchOutageITCase.class);

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    /**
     * The long outage. CI runs the full minute; {@code -Delasticsearch.outage.seconds=15} shortens
     * it while working on the test, but then the test no longer shows that the default retries
     * outlast a minute.
     */
    private static final Duration LONG_OUTAGE =
            Duration.ofSeconds(Long.getLong("elasticsearch.outage.seconds", 60));

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final int HOSTS = 6;
    private static final int PROCESSES_PER_HOST = 4;
    private static final int BATCHES = 6;

    private static EmbeddedKafka kafka;
    private static ElasticsearchNode elasticsearch;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        elasticsearch = ElasticsearchNode.shared();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /**
     * With the default 8 retries, each document's retries wait at least 61.75 s in all, half of
     * each capped back-off (0.25 + 0.5 + 1 + 2 + 4 + 8 + 16 + 30 s). So the minute ends before any
     * document runs out of retries, and the job rides the outage out without a restart.
     */
    @Test
    void minuteOutageRiddenOutWithoutRestart(TestInfo test, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        Outcome outcome = runThroughOutage(test, cluster, LONG_OUTAGE);

        assertThat(outcome.resetConnections).as("connections reset in the outage").isPositive();
        assertThat(outcome.restarts).as("restarts").isZero();
        assertThat(outcome.status).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.records).hasSize(HOSTS * BATCHES);
        assertThat(outcome.records).isEqualTo(outcome.uninterruptedRecords);
        assertThat(kafka.read(outcome.deadLetterTopic, 1, Duration.ofSeconds(2))).isEmpty();
        // The requests waiting out back-offs of up to 60 s are sent once a probe, sent every 2 s,
        // gets a response, so the records follow within seconds of the outage.
        assertThat(outcome.millisToWriteAfterOutage)
                .as("milliseconds from the end of the outage to the last record")
                .isLessThan(20_000);
    }

    /**
     * With one retry, each document gives up within a second and fails the job. Flink's restart
     * strategy (exponential delay from 1 s, the default with checkpointing) restarts it from its
     * last checkpoint, which contains the documents not yet written, until the outage ends.
     */
    @Test
    void outageBeyondRetriesRestartsFromCheckpoint(
            TestInfo test, @InjectMiniCluster MiniCluster cluster) throws Exception {
        Outcome outcome =
                runThroughOutage(
                        test, cluster, Duration.ofSeconds(8), "--elasticsearch-max-retries", "1");

        assertThat(outcome.restarts).as("restarts").isPositive();
        assertThat(outcome.status).isEqualTo(JobStatus.RUNNING);
        assertThat(outcome.records).hasSize(HOSTS * BATCHES);
        assertThat(outcome.records).isEqualTo(outcome.uninterruptedRecords);
        assertThat(kafka.read(outcome.deadLetterTopic, 1, Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * Runs the job with checkpoints every 200 ms on telemetry sent in batches: three before an
     * outage of {@code outage}, two during it, one and the end after it. Waits until the records
     * are exactly those the batches call for, and for a checkpoint after the outage, then cancels
     * the job and runs it again on the same topic without an outage.
     */
    private Outcome runThroughOutage(
            TestInfo test, MiniCluster cluster, Duration outage, String... options)
            throws Exception {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        String telemetryTopic = name + "-telemetry";
        kafka.createTopic(telemetryTopic, TelemetryBatches.PARTITIONS, Map.of());
        kafka.createTopic(name + "-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(name + "-dead-letters", 1, Map.of());
        TelemetryBatches telemetry = new TelemetryBatches(HOSTS, PROCESSES_PER_HOST);
        Outcome outcome = new Outcome();
        outcome.deadLetterTopic = name + "-dead-letters";

        try (TcpProxy proxy = TcpProxy.start(URI.create(elasticsearch.url()).getPort())) {
            String interrupted = name + "-interrupted";
            elasticsearch.deleteAll(interrupted + "*");
            List<String> arguments =
                    new ArrayList<>(
                            args(
                                    name,
                                    "http://127.0.0.1:" + proxy.port(),
                                    interrupted,
                                    "--checkpoint-interval",
                                    "200ms"));
            arguments.addAll(List.of(options));
            JobClient job =
                    new AiApiWatchJob(JobOptions.parse(arguments.toArray(new String[0]))).start();
            JobHistory history = new JobHistory(cluster, job.getJobID());
            try {
                for (int batch = 0; batch < 3; batch++) {
                    telemetry.send(kafka, telemetryTopic, batch);
                }
                // Batch 2 closes the windows of batch 0, so their records are final.
                RiskRecordCounts.awaitIncluding(
                        elasticsearch, interrupted, telemetry.expectedCounts(1), WAIT);

                long checkpointsBefore = history.completedCheckpoints();
                long outageStart = System.currentTimeMillis();
                proxy.startOutage();
                telemetry.send(kafka, telemetryTopic, 3);
                Thread.sleep(outage.toMillis() / 2);
                telemetry.send(kafka, telemetryTopic, 4);
                Thread.sleep(
                        Math.max(0, outageStart + outage.toMillis() - System.currentTimeMillis()));
                long checkpointsDuringOutage = history.completedCheckpoints() - checkpointsBefore;
                int restartsDuringOutage = history.restarts();
                outcome.resetConnections = proxy.resetConnections();
                proxy.endOutage();
                long outageEnd = System.currentTimeMillis();

                telemetry.send(kafka, telemetryTopic, 5);
                telemetry.sendEnd(kafka, telemetryTopic, BATCHES);
                outcome.records =
                        RiskRecordCounts.awaitExactly(
                                elasticsearch,
                                interrupted,
                                telemetry.expectedCounts(BATCHES),
                                WAIT);
                long recordsWritten = System.currentTimeMillis();
                outcome.millisToWriteAfterOutage = recordsWritten - outageEnd;
                history.awaitCheckpointTriggeredAfter(outageEnd, WAIT);
                outcome.restarts = history.restarts();
                outcome.status = job.getJobStatus().get();
                LOG.info(
                        "Outage of {} s: {} connections reset, {} checkpoints completed and {}"
                                + " restarts during it; every record written {} ms after it,"
                                + " {} restarts in all",
                        outage.toSeconds(),
                        outcome.resetConnections,
                        checkpointsDuringOutage,
                        restartsDuringOutage,
                        outcome.millisToWriteAfterOutage,
                        outcome.restarts);
            } finally {
                job.cancel().get();
            }
        }

        String uninterrupted = name + "-uninterrupted";
        elasticsearch.deleteAll(uninterrupted + "*");
        new AiApiWatchJob(
                        JobOptions.parse(
                                args(name, elasticsearch.url(), uninterrupted, "--stop-at-latest")
                                        .toArray(new String[0])))
                .run();
        outcome.uninterruptedRecords = RiskRecordCounts.byId(elasticsearch, uninterrupted);
        return outcome;
    }

    /**
     * Returns the options of a run on the topics of {@code name}, writing to {@code indexPrefix}.
     */
    private static List<String> args(
            String name, String elasticsearchUrl, String indexPrefix, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka-bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--telemetry-topic",
                                name + "-telemetry",
                                "--config-topic",
                                name + "-config",
                                "--dead-letter-topic",
                                name + "-dead-letters",
                                "--kafka-group-id",
                                indexPrefix,
                                "--starting-offsets",
                                "earliest",
                                "--parallelism",
                                "2",
                                "--elasticsearch-url",
                                elasticsearchUrl,
                                "--elasticsearch-index-prefix",
                                indexPrefix,
                                "--elasticsearch-flush-interval",
                                "200ms"));
        args.addAll(TelemetryBatches.detectionOptions());
        args.addAll(List.of(more));
        return args;
    }

    /** What a run through an outage wrote and how the job fared. */
    private static final class Outcome {
        /** Lookup counts by document id, of this run and of the run without the outage. */
        Map<String, Long> records;

        Map<String, Long> uninterruptedRecords;
        int restarts;
        JobStatus status;
        int resetConnections;
        long millisToWriteAfterOutage;
        String deadLetterTopic;
    }
}
