package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.WatchedProcess;
import java.util.Locale;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The group a risk record summarises: host, user, process name, category, domain and parent process
 * name, as in the reference query. The host is the sensor id (aid), because most events carry no
 * host name. The user is the Windows SID when there is one, else the user name. Process names are
 * compared case-insensitively, as Windows treats them. The key is a {@link HashedKey} of these.
 */
public final class RiskGroupKey {

    private RiskGroupKey() {}

    /** Returns the {@link HashedKey} of the group of {@code attributed}. */
    public static Tuple2<Long, Long> of(AttributedLookup attributed) {
        WatchedProcess process = attributed.process;
        return HashedKey.of(
                attributed.lookup.aid,
                userKey(process),
                lowerCase(process.processName),
                process.category.label(),
                attributed.lookup.domain,
                lowerCase(process.parentName));
    }

    static String userKey(WatchedProcess process) {
        return process.userSid != null ? process.userSid : process.userName;
    }

    private static String lowerCase(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
