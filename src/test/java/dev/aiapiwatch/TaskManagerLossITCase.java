package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.RecoveryJob.RiskDocument;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that loses a whole task manager after a completed checkpoint restarts from its last
 * checkpoint on the remaining task manager and a replacement. It writes the same documents to
 * Elasticsearch as a run without the loss: none missing, none counted twice.
 */
class TaskManagerLossITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafka kafka;
    private static ElasticsearchNode elasticsearch;

    @TempDir Path directory;

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
    void lostTaskManagerChangesNoDocument(@InjectMiniCluster MiniCluster cluster) throws Exception {
        RecoveryJob job = RecoveryJob.create(kafka, elasticsearch, "tm-loss", directory);
        List<RiskDocument> uninterrupted = job.run("tm-loss-clean", new SlowPassThrough());
        assertThat(uninterrupted).hasSize(RecoveryJob.HOSTS);
        assertThat(RecoveryJob.lookupsByHost(uninterrupted))
                .isEqualTo(RecoveryJob.expectedLookupsByHost());

        JobClient client =
                job.environment("tm-loss-killed", new HoldAfterCheckpoint())
                        .executeAsync("task manager loss test");
        JobID jobId = client.getJobID();
        boolean checkpointed =
                HoldAfterCheckpoint.CHECKPOINT_COMPLETED.await(
                        WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(checkpointed).as("a checkpoint completed within %s", WAIT).isTrue();
        Set<ResourceID> before = taskManagersOf(cluster.getExecutionGraph(jobId).get());
        assertThat(before).as("task managers running the job before the loss").hasSize(2);

        cluster.terminateTaskManager(0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(awaitTaskManagers(cluster, 1))
                .as("task managers registered after the loss")
                .isEqualTo(1);
        HoldAfterCheckpoint.TASK_MANAGER_LOST.countDown();
        cluster.startTaskManager();
        client.getJobExecutionResult().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(HoldAfterCheckpoint.PASSED_ON_AFTER_SNAPSHOT.get())
                .as("events that the first attempt passed on after its last snapshot")
                .isPositive();

        AccessExecutionGraph graph = cluster.getArchivedExecutionGraph(jobId).get();
        Set<Integer> attempts = new TreeSet<>();
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            attempts.add(vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        assertThat(attempts).as("attempt numbers of the finished tasks").containsExactly(1);

        RestoredCheckpointStats restored =
                graph.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
        assertThat(restored).as("the checkpoint the job restarted from").isNotNull();
        assertThat(restored.getCheckpointId())
                .as("the id of the checkpoint the job restarted from")
                .isGreaterThanOrEqualTo(HoldAfterCheckpoint.FIRST_CHECKPOINT.get());

        Set<ResourceID> after = taskManagersOf(graph);
        assertThat(after).as("task managers running the job after the loss").hasSize(2);
        Set<ResourceID> survivors = new HashSet<>(before);
        survivors.retainAll(after);
        assertThat(survivors)
                .as("task managers running the job before and after the loss")
                .hasSize(1);

        assertThat(job.documents("tm-loss-killed")).isEqualTo(uninterrupted);
    }

    /**
     * Waits until {@code expected} task managers are registered, or for {@link #WAIT}, and returns
     * how many are registered.
     */
    private static int awaitTaskManagers(MiniCluster cluster, int expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int registered = cluster.getResourceOverview().get().getNumberTaskManagers();
        while (registered != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            registered = cluster.getResourceOverview().get().getNumberTaskManagers();
        }
        return registered;
    }

    private static Set<ResourceID> taskManagersOf(AccessExecutionGraph graph) {
        Set<ResourceID> taskManagers = new HashSet<>();
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            taskManagers.add(vertex.getCurrentAssignedResourceLocation().getResourceID());
        }
        return taskManagers;
    }

    /**
     * Holds each subtask of the first attempt at its first event after a completed checkpoint until
     * the test has stopped a task manager, so that the loss comes mid-stream and not after the
     * input has ended. Stopping the task manager cancels the subtask on it and the restart cancels
     * the other one, and each cancellation interrupts the hold.
     */
    static final class HoldAfterCheckpoint extends SlowPassThrough implements CheckpointedFunction {

        private static final long serialVersionUID = 1L;

        /** Latch released when a subtask first learns of a completed checkpoint. */
        static final CountDownLatch CHECKPOINT_COMPLETED = new CountDownLatch(1);

        /** Id of the first checkpoint a subtask learned of, or -1 before that. */
        static final AtomicLong FIRST_CHECKPOINT = new AtomicLong(-1);

        /**
         * Events that the first attempt passed on after the last state snapshot of each subtask,
         * summed over its subtasks. The restart reads at least these events again.
         */
        static final AtomicLong PASSED_ON_AFTER_SNAPSHOT = new AtomicLong();

        /** Latch that the test releases once a task manager has stopped. */
        static final CountDownLatch TASK_MANAGER_LOST = new CountDownLatch(1);

        private transient long seenAtSnapshot;

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            seenAtSnapshot = seen();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            super.notifyCheckpointComplete(checkpointId);
            FIRST_CHECKPOINT.compareAndSet(-1, checkpointId);
            CHECKPOINT_COMPLETED.countDown();
        }

        @Override
        void afterCheckpoint() throws InterruptedException {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                return;
            }
            // The current event waits in the hold, so it has not been passed on.
            PASSED_ON_AFTER_SNAPSHOT.addAndGet(seen() - 1 - seenAtSnapshot);
            // Bounded, so that a test that fails before the loss does not leave the job hanging.
            TASK_MANAGER_LOST.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
