package dev.aiapiwatch.watchlist;

/** A change to the watch list while the job runs: add or change an entry, or remove one. */
public class WatchlistUpdate {

    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";

    /** {@link #UPSERT} or {@link #DELETE}. */
    public String operation;

    /** The domain pattern the update applies to. */
    public String pattern;

    /** Provider name for {@link #UPSERT}; unused for {@link #DELETE}. */
    public String provider;

    public WatchlistUpdate() {}

    public static WatchlistUpdate upsert(String pattern, String provider) {
        WatchlistUpdate update = new WatchlistUpdate();
        update.operation = UPSERT;
        update.pattern = pattern;
        update.provider = provider;
        return update;
    }

    public static WatchlistUpdate delete(String pattern) {
        WatchlistUpdate update = new WatchlistUpdate();
        update.operation = DELETE;
        update.pattern = pattern;
        update.provider = "(deleted)";
        return update;
    }

    public boolean isUpsert() {
        return UPSERT.equals(operation);
    }

    @Override
    public String toString() {
        return operation + " " + pattern + (isUpsert() ? " (" + provider + ")" : "");
    }
}
