package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.JobHistory;
import dev.aiapiwatch.testing.RiskRecordCounts;
import dev.aiapiwatch.testing.TelemetryBatches;
import dev.aiapiwatch.testing.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker restarts while the job reads from it, with events written before, during and
 * after the restart: the job reads on and writes the same documents as a run without the restart.
 */
class KafkaRestartITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRestartITCase.class);

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    /** How long the broker stays down; the Kafka clients log a warning per reconnect attempt. */
    private static final Duration DOWNTIME = Duration.ofSeconds(5);

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final int HOSTS = 6;
    private static final int PROCESSES_PER_HOST = 4;
    private static final int BATCHES = 6;

    private static final String TELEMETRY = "restart-telemetry";

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

    @Test
    void brokerRestartLosesAndDoublesNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        kafka.createTopic(TELEMETRY, TelemetryBatches.PARTITIONS, Map.of());
        kafka.createTopic("restart-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("restart-dead-letters", 1, Map.of());
        TelemetryBatches telemetry = new TelemetryBatches(HOSTS, PROCESSES_PER_HOST);
        Map<String, Long> expected = telemetry.expectedCounts(BATCHES);

        elasticsearch.deleteAll("restart-interrupted*");
        JobClient job =
                new AiApiWatchJob(
                                JobOptions.parse(
                                        args(
                                                "restart-interrupted",
                                                "--checkpoint-interval",
                                                "200ms")))
                        .start();
        JobHistory history = new JobHistory(cluster, job.getJobID());
        Map<String, Long> interrupted;
        int restarts;
        JobStatus status;
        try {
            for (int batch = 0; batch < 3; batch++) {
                telemetry.send(kafka, TELEMETRY, batch);
            }
            // Batch 2 closes the windows of batch 0, so their records are final.
            RiskRecordCounts.awaitIncluding(
                    elasticsearch, "restart-interrupted", telemetry.expectedCounts(1), WAIT);
            history.awaitCheckpointTriggeredAfter(System.currentTimeMillis(), WAIT);

            AtomicReference<CompletableFuture<Void>> sentWhileDown = new AtomicReference<>();
            long checkpointsBefore = history.completedCheckpoints();
            long restartStart = System.currentTimeMillis();
            kafka.restart(
                    DOWNTIME,
                    // The producer waits for the broker's metadata, up to its max.block.ms of a
                    // minute, and sends batch 3 once the new broker is up.
                    () -> sentWhileDown.set(CompletableFuture.runAsync(() -> send(telemetry, 3))));
            long restartEnd = System.currentTimeMillis();
            long checkpointsDuringRestart = history.completedCheckpoints() - checkpointsBefore;
            sentWhileDown.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            telemetry.send(kafka, TELEMETRY, 4);
            telemetry.send(kafka, TELEMETRY, 5);
            telemetry.sendEnd(kafka, TELEMETRY, BATCHES);

            interrupted =
                    RiskRecordCounts.awaitExactly(
                            elasticsearch, "restart-interrupted", expected, WAIT);
            long caughtUp = System.currentTimeMillis();
            history.awaitCheckpointTriggeredAfter(caughtUp, WAIT);
            awaitCommittedOffsetsAtEnd("restart-interrupted");
            restarts = history.restarts();
            status = job.getJobStatus().get();
            LOG.info(
                    "Broker down for {} ms, {} checkpoints completed meanwhile; {} restarts of the"
                            + " job; every record written {} ms after the broker was up",
                    restartEnd - restartStart,
                    checkpointsDuringRestart,
                    restarts,
                    caughtUp - restartEnd);
        } finally {
            job.cancel().get();
        }

        elasticsearch.deleteAll("restart-uninterrupted*");
        new AiApiWatchJob(JobOptions.parse(args("restart-uninterrupted", "--stop-at-latest")))
                .run();
        Map<String, Long> uninterrupted =
                RiskRecordCounts.byId(elasticsearch, "restart-uninterrupted");

        assertThat(restarts).as("restarts").isZero();
        assertThat(status).isEqualTo(JobStatus.RUNNING);
        assertThat(interrupted).hasSize(HOSTS * BATCHES);
        assertThat(interrupted).isEqualTo(uninterrupted);
        assertThat(kafka.read("restart-dead-letters", 1, Duration.ofSeconds(2))).isEmpty();
    }

    private static void send(TelemetryBatches telemetry, int batch) {
        try {
            telemetry.send(kafka, TELEMETRY, batch);
        } catch (Exception e) {
            throw new IllegalStateException("sending batch " + batch + " failed", e);
        }
    }

    /**
     * Waits until the job's consumer group has committed the end offset of every telemetry
     * partition, which the source does when a checkpoint completes.
     */
    private static void awaitCommittedOffsetsAtEnd(String group) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < TelemetryBatches.PARTITIONS; partition++) {
                latest.put(new TopicPartition(TELEMETRY, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            Map<TopicPartition, Long> committed = new HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!committed.equals(ends) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                committed.clear();
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                offsets.forEach(
                        (partition, offset) -> {
                            if (partition.topic().equals(TELEMETRY) && offset != null) {
                                committed.put(partition, offset.offset());
                            }
                        });
            }
            assertThat(committed).as("committed offsets of group " + group).isEqualTo(ends);
        }
    }

    private static String[] args(String indexPrefix, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka-bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--telemetry-topic",
                                TELEMETRY,
                                "--config-topic",
                                "restart-config",
                                "--dead-letter-topic",
                                "restart-dead-letters",
                                "--kafka-group-id",
                                indexPrefix,
                                "--starting-offsets",
                                "earliest",
                                "--parallelism",
                                "2",
                                "--elasticsearch-url",
                                elasticsearch.url(),
                                "--elasticsearch-index-prefix",
                                indexPrefix,
                                "--elasticsearch-flush-interval",
                                "200ms"));
        args.addAll(TelemetryBatches.detectionOptions());
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }
}
