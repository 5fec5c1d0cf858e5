package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows placed by the lookup's own time. The join emits an attributed lookup
 * with the timestamp of whichever input completed it, which is the process event when that arrived
 * second; placing by the lookup time keeps each lookup in the window that contains it.
 */
public class LookupTimeWindows extends WindowAssigner<AttributedLookup, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long sizeMillis;

    public LookupTimeWindows(Duration size) {
        this.sizeMillis = size.toMillis();
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            AttributedLookup element, long timestamp, WindowAssignerContext context) {
        long lookupTime = element.lookup.timestamp;
        long start = TimeWindow.getWindowStartWithOffset(lookupTime, 0, sizeMillis);
        return List.of(new TimeWindow(start, start + sizeMillis));
    }

    @Override
    public Trigger<AttributedLookup, TimeWindow> getDefaultTrigger() {
        return new EarlyAndFinalTrigger<>();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "LookupTimeWindows(" + sizeMillis + " ms)";
    }
}
