package dev.aiapiwatch;

import dev.aiapiwatch.event.FalconEvent;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes events on, slowly enough for checkpoints to complete mid-stream. Subclasses disturb the
 * job in {@link #afterCheckpoint()}, which runs before each event once the subtask has learned of a
 * completed checkpoint. On its own it changes nothing.
 */
class SlowPassThrough extends RichMapFunction<FalconEvent, FalconEvent>
        implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    private transient boolean checkpointed;
    private transient long seen;

    @Override
    public final FalconEvent map(FalconEvent event) throws Exception {
        seen++;
        if (seen % 2 == 0) {
            Thread.sleep(5);
        }
        if (checkpointed) {
            afterCheckpoint();
        }
        return event;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        checkpointed = true;
    }

    /** Runs before each event once a checkpoint has completed in this attempt of the job. */
    void afterCheckpoint() throws Exception {}

    /**
     * Returns how many events this subtask has received in this attempt, the current one included.
     */
    final long seen() {
        return seen;
    }
}
