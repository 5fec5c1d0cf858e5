package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.WatchedProcess;
import java.util.Locale;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The group a risk record summarises: host, user, process name, category, domain and parent process
 * name, as in the reference query; unattributed lookups form groups of their own. The host is the
 * sensor id (aid), because most events carry no host name. The user is the Windows SID when there
 * is one, else the user name. Process names are compared case-insensitively, as Windows treats
 * them. The key is a {@link HashedKey} of these.
 */
public final class RiskGroupKey {

    private RiskGroupKey() {}

    /** Returns the {@link HashedKey} of the group of {@code attributed}. */
    public static Tuple2<Long, Long> of(AttributedLookup attributed) {
        WatchedProcess process = attributed.process;
        if (attributed.isUnattributed()) {
            // A separate group: nothing but the name is known of its process, and a process of
            // the same name with no user and no parent must not share its record.
            return HashedKey.of(
                    attributed.lookup.aid,
                    lowerCase(process.processName),
                    process.category.label(),
                    attributed.lookup.domain,
                    attributed.attribution.label());
        }
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
