package dev.aiapiwatch.watchlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the watch-list entry for a DNS name. Exact patterns are looked up in a hash map. Wildcard
 * patterns are tried from the most specific (most literal labels) to the least, so the most
 * specific match names the provider.
 */
public final class WatchlistMatcher {

    private final String version;
    private final Map<String, WatchlistEntry> exact = new HashMap<>();
    private final List<DomainPattern> wildcardPatterns = new ArrayList<>();
    private final List<WatchlistEntry> wildcardEntries = new ArrayList<>();

    public WatchlistMatcher(Watchlist watchlist) {
        this.version = watchlist.version;
        List<WatchlistEntry> wildcards = new ArrayList<>();
        for (WatchlistEntry entry : watchlist.entries) {
            DomainPattern pattern = DomainPattern.parse(entry.pattern);
            if (pattern.isExact()) {
                exact.put(pattern.toString(), entry);
            } else {
                wildcards.add(entry);
            }
        }
        wildcards.sort(
                Comparator.comparingInt(
                                (WatchlistEntry entry) ->
                                        DomainPattern.parse(entry.pattern).literalLabels())
                        .reversed());
        for (WatchlistEntry entry : wildcards) {
            wildcardPatterns.add(DomainPattern.parse(entry.pattern));
            wildcardEntries.add(entry);
        }
    }

    /** Version of the watch list this matcher was built from. */
    public String version() {
        return version;
    }

    /** Returns the entry matching the normalised {@code name}, or null. */
    public WatchlistEntry match(String name) {
        if (name.isEmpty()) {
            return null;
        }
        WatchlistEntry entry = exact.get(name);
        if (entry != null) {
            return entry;
        }
        for (int i = 0; i < wildcardPatterns.size(); i++) {
            if (wildcardPatterns.get(i).matches(name)) {
                return wildcardEntries.get(i);
            }
        }
        return null;
    }
}
