package dev.aiapiwatch.watchlist;

import dev.aiapiwatch.detectionconfig.ContentVersion;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain watch list: its entries and a version derived from their content, so that the same
 * list always has the same version and each risk record can name the list that produced it.
 */
public class Watchlist implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Entries in their configured order, each with a distinct pattern. */
    public WatchlistEntry[] entries = new WatchlistEntry[0];

    /** {@code wl-} and the first 12 hex digits of the SHA-256 of the sorted entries. */
    public String version;

    public Watchlist() {}

    /**
     * Builds a watch list from {@code entries}, validating and normalising each pattern. A later
     * entry with the same pattern replaces an earlier one.
     *
     * @throws IllegalArgumentException naming the first invalid pattern
     */
    public static Watchlist of(Collection<WatchlistEntry> entries) {
        Map<String, WatchlistEntry> byPattern = new LinkedHashMap<>();
        for (WatchlistEntry entry : entries) {
            WatchlistEntry normalized = normalize(entry);
            byPattern.put(normalized.pattern, normalized);
        }
        Watchlist watchlist = new Watchlist();
        watchlist.entries = byPattern.values().toArray(new WatchlistEntry[0]);
        watchlist.version = versionOf(watchlist.entries);
        return watchlist;
    }

    /**
     * Returns a new watch list with the watch-list {@code update} applied; this one stays
     * unchanged.
     */
    public Watchlist apply(DetectionConfigUpdate update) {
        String provider = update.isUpsert() ? update.provider : "(deleted)";
        WatchlistEntry changed = normalize(new WatchlistEntry(update.id, provider));
        List<WatchlistEntry> next = new ArrayList<>();
        boolean replaced = false;
        for (WatchlistEntry entry : entries) {
            if (!entry.pattern.equals(changed.pattern)) {
                next.add(entry);
            } else if (update.isUpsert()) {
                next.add(changed);
                replaced = true;
            }
        }
        if (update.isUpsert() && !replaced) {
            next.add(changed);
        }
        return of(next);
    }

    public int size() {
        return entries.length;
    }

    private static WatchlistEntry normalize(WatchlistEntry entry) {
        String pattern;
        try {
            pattern = DomainPattern.parse(entry.pattern).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid domain pattern '" + entry.pattern + "': " + e.getMessage(), e);
        }
        String provider = entry.provider == null ? "" : entry.provider.trim();
        if (provider.isEmpty()) {
            throw new IllegalArgumentException(
                    "domain pattern '" + entry.pattern + "' has no provider name");
        }
        return new WatchlistEntry(pattern, provider);
    }

    private static String versionOf(WatchlistEntry[] entries) {
        List<String> lines = new ArrayList<>();
        for (WatchlistEntry entry : entries) {
            lines.add(entry.pattern + "," + entry.provider);
        }
        lines.sort(null);
        return ContentVersion.of("wl-", lines);
    }
}
