package dev.aiapiwatch.testing;

import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** Restarts and checkpoints of a job on a mini cluster, as the job manager records them. */
public final class JobHistory {

    private final MiniCluster cluster;
    private final JobID job;

    public JobHistory(MiniCluster cluster, JobID job) {
        this.cluster = cluster;
        this.job = job;
    }

    /**
     * Returns how often the job restarted: the highest attempt number of its tasks. That counts
     * every restart only if each one restarts all tasks, as in ai-api-watch, whose tasks are all
     * connected and so form one failover region.
     */
    public int restarts() throws Exception {
        int restarts = 0;
        for (AccessExecutionVertex task : graph().getAllExecutionVertices()) {
            restarts = Math.max(restarts, task.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return restarts;
    }

    public long completedCheckpoints() throws Exception {
        return checkpoints().getCounts().getNumberOfCompletedCheckpoints();
    }

    /** Returns when the latest completed checkpoint was triggered, in epoch ms, or -1 for none. */
    public long latestCheckpointTriggeredAt() throws Exception {
        CompletedCheckpointStats latest = checkpoints().getHistory().getLatestCompletedCheckpoint();
        return latest == null ? -1 : latest.getTriggerTimestamp();
    }

    /** Waits until a checkpoint triggered after {@code epochMillis} has completed. */
    public void awaitCheckpointTriggeredAfter(long epochMillis, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latestCheckpointTriggeredAt() <= epochMillis) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no checkpoint triggered after "
                                + epochMillis
                                + " completed within "
                                + timeout
                                + "; the latest completed was triggered at "
                                + latestCheckpointTriggeredAt());
            }
            Thread.sleep(100);
        }
    }

    private CheckpointStatsSnapshot checkpoints() throws Exception {
        return graph().getCheckpointStatsSnapshot();
    }

    private AccessExecutionGraph graph() throws Exception {
        return cluster.getExecutionGraph(job).get();
    }
}
