package dev.aiapiwatch.inventory;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits aidmaster and userinfo entries by table: aidmaster entries on the main output, userinfo
 * entries on {@link Descriptors#USERINFO_ENTRIES}, rejected lines on {@link
 * Descriptors#DEAD_LETTERS}. Entries and removals are counted per table.
 */
public class InventoryRouter extends ProcessFunction<InventoryEntry, InventoryEntry> {

    private static final long serialVersionUID = 1L;

    private transient JobCounter aidmasterEntries;
    private transient JobCounter userinfoEntries;

    @Override
    public void open(OpenContext openContext) {
        aidmasterEntries = JobCounter.register(getRuntimeContext(), RunCounters.AIDMASTER_ENTRIES);
        userinfoEntries = JobCounter.register(getRuntimeContext(), RunCounters.USERINFO_ENTRIES);
    }

    @Override
    public void processElement(
            InventoryEntry entry, Context context, Collector<InventoryEntry> out) {
        if (entry.deadLetter != null) {
            context.output(Descriptors.DEAD_LETTERS, entry.deadLetter);
        } else if (entry.table == InventoryTable.AIDMASTER) {
            aidmasterEntries.inc();
            out.collect(entry);
        } else {
            userinfoEntries.inc();
            context.output(Descriptors.USERINFO_ENTRIES, entry);
        }
    }
}
