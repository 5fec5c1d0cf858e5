package dev.aiapiwatch.risk;

import dev.aiapiwatch.Descriptors;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window when its first element arrives, so a new finding is written within seconds, and
 * again when the watermark passes the window's end, with the final figures. Elements that arrive
 * after the end but within the allowed lateness fire it once more. It never purges: the window
 * operator clears the window when its allowed lateness has passed.
 */
public class EarlyAndFinalTrigger<T> extends Trigger<T, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(
            T element, long timestamp, TimeWindow window, TriggerContext context) throws Exception {
        if (window.maxTimestamp() <= context.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        context.registerEventTimeTimer(window.maxTimestamp());
        ValueState<Boolean> emitted = context.getPartitionedState(Descriptors.EARLY_RECORD_EMITTED);
        if (emitted.value() == null) {
            emitted.update(true);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext context) throws Exception {
        context.deleteEventTimeTimer(window.maxTimestamp());
        context.getPartitionedState(Descriptors.EARLY_RECORD_EMITTED).clear();
    }

    @Override
    public String toString() {
        return "EarlyAndFinalTrigger()";
    }
}
