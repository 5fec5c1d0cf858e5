package dev.aiapiwatch.correlate;

import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;

/**
 * Join keys. A Falcon process id is unique per sensor, not across the fleet, so the key is the pair
 * (aid, process id): {@code ContextProcessId} on lookups, {@code TargetProcessId} on process
 * starts. {@code RawProcessId}, the operating system's reusable pid, is never part of it.
 */
public final class ProcessKeys {

    /** ASCII unit separator: it does not occur in aids or process ids. */
    private static final char SEPARATOR = '\u001f';

    private ProcessKeys() {}

    public static String of(String aid, String processId) {
        return aid + SEPARATOR + processId;
    }

    public static String ofLookup(AiLookup lookup) {
        return of(lookup.aid, lookup.contextProcessId);
    }

    public static String ofProcess(WatchedProcess process) {
        return of(process.aid, process.processId);
    }
}
