package dev.aiapiwatch.correlate;

import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Join keys. A Falcon process id is unique per sensor, not across the fleet, so the key is the pair
 * (aid, process id): {@code ContextProcessId} on lookups, {@code TargetProcessId} on process
 * starts. {@code RawProcessId}, the operating system's reusable pid, is never part of it. Keys are
 * {@link HashedKey}s of the pair.
 */
public final class ProcessKeys {

    private ProcessKeys() {}

    public static Tuple2<Long, Long> of(String aid, String processId) {
        return HashedKey.of(aid, processId);
    }

    public static Tuple2<Long, Long> ofLookup(AiLookup lookup) {
        return of(lookup.aid, lookup.contextProcessId);
    }

    public static Tuple2<Long, Long> ofProcess(WatchedProcess process) {
        return of(process.aid, process.processId);
    }
}
