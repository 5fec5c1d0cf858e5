package dev.aiapiwatch.watchlist;

import java.io.Serializable;
import java.util.Objects;

/** A watched domain pattern and the AI provider that serves it. */
public class WatchlistEntry implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A {@link DomainPattern}, normalised. */
    public String pattern;

    /** Display name of the provider, for example {@code OpenAI}. */
    public String provider;

    public WatchlistEntry() {}

    public WatchlistEntry(String pattern, String provider) {
        this.pattern = pattern;
        this.provider = provider;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof WatchlistEntry)) {
            return false;
        }
        WatchlistEntry entry = (WatchlistEntry) other;
        return Objects.equals(pattern, entry.pattern) && Objects.equals(provider, entry.provider);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern, provider);
    }

    @Override
    public String toString() {
        return pattern + "," + provider;
    }
}
