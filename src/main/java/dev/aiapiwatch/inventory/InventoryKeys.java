package dev.aiapiwatch.inventory;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Keys of the name stages, {@link HashedKey}s of one id: the aid for host names, the Windows SID
 * for user names. A lookup without a SID (Linux and macOS events carry a user name instead) gets
 * the key of the empty id, and the user-name stage passes it on unchanged.
 */
public final class InventoryKeys {

    private InventoryKeys() {}

    public static Tuple2<Long, Long> ofEntry(InventoryEntry entry) {
        return HashedKey.of(entry.id);
    }

    public static Tuple2<Long, Long> ofHost(AttributedLookup attributed) {
        return HashedKey.of(attributed.lookup.aid);
    }

    public static Tuple2<Long, Long> ofUser(AttributedLookup attributed) {
        return HashedKey.of(attributed.process.userSid);
    }
}
