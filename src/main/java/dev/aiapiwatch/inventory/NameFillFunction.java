package dev.aiapiwatch.inventory;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.process.WatchedProcess;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Fills a name on attributed lookups from the latest table entry of their key: lookups on the first
 * input, entries of one table on the second, both keyed by the same id.
 *
 * <p>A lookup whose entry is known is emitted at once, with the name filled when it lacks one. A
 * lookup that lacks the name while no entry is known is held until the watermark passes its lookup
 * time, and then emitted with whatever is known: named if its entry arrived in the meantime, as it
 * came otherwise. Held lookups reach the windows before the watermark that releases them, so
 * holding makes none of them late.
 *
 * <p>State per key: the latest entry, kept until a removal arrives (the tables are bounded by the
 * fleet's sensors and users), and the held lookups, each with an event-time timer at its lookup
 * time, cleared when they are released. Inputs are never changed: a filled lookup is a new object
 * with a copy of its process.
 */
public abstract class NameFillFunction
        extends KeyedCoProcessFunction<
                Tuple2<Long, Long>, AttributedLookup, InventoryEntry, AttributedLookup> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<InventoryEntry> entry;
    private transient ListState<AttributedLookup> heldLookups;
    private transient JobCounter namesFilled;

    /** Returns the name of the counter of filled names. */
    protected abstract String counterName();

    /** Returns the name this stage fills, or null when the process lacks it. */
    protected abstract String nameOf(WatchedProcess process);

    /** Returns whether a lookup without a known entry is worth holding for one. */
    protected abstract boolean waitsForName(AttributedLookup attributed);

    /**
     * Returns {@code process} with its missing fields filled from {@code known}: a copy when a
     * field changes, else {@code process} itself.
     */
    protected abstract WatchedProcess filled(WatchedProcess process, InventoryEntry known);

    @Override
    public void open(OpenContext openContext) {
        entry = getRuntimeContext().getState(Descriptors.INVENTORY_ENTRY);
        heldLookups = getRuntimeContext().getListState(Descriptors.HELD_LOOKUPS);
        namesFilled = JobCounter.register(getRuntimeContext(), counterName());
    }

    @Override
    public void processElement1(
            AttributedLookup attributed, Context context, Collector<AttributedLookup> out)
            throws Exception {
        InventoryEntry known = entry.value();
        if (known != null) {
            out.collect(withName(attributed, known));
            return;
        }
        long lookupTime = attributed.lookup.timestamp;
        if (!waitsForName(attributed) || lookupTime <= context.timerService().currentWatermark()) {
            out.collect(attributed);
            return;
        }
        heldLookups.add(attributed);
        context.timerService().registerEventTimeTimer(lookupTime);
    }

    @Override
    public void processElement2(
            InventoryEntry update, Context context, Collector<AttributedLookup> out)
            throws Exception {
        if (update.removed) {
            entry.clear();
            return;
        }
        entry.update(update);
        for (AttributedLookup held : heldLookups.get()) {
            context.timerService().deleteEventTimeTimer(held.lookup.timestamp);
            out.collect(withName(held, update));
        }
        heldLookups.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AttributedLookup> out)
            throws Exception {
        List<AttributedLookup> stillHeld = new ArrayList<>();
        for (AttributedLookup held : heldLookups.get()) {
            if (held.lookup.timestamp <= timestamp) {
                out.collect(held);
            } else {
                stillHeld.add(held);
            }
        }
        if (stillHeld.isEmpty()) {
            heldLookups.clear();
        } else {
            heldLookups.update(stillHeld);
        }
    }

    private AttributedLookup withName(AttributedLookup attributed, InventoryEntry known) {
        WatchedProcess process = filled(attributed.process, known);
        if (process == attributed.process) {
            return attributed;
        }
        if (nameOf(attributed.process) == null
                && nameOf(process) != null
                && !attributed.lookup.isConfirmation()) {
            namesFilled.inc();
        }
        AttributedLookup named = new AttributedLookup(attributed.lookup, process);
        named.attribution = attributed.attribution;
        return named;
    }
}
