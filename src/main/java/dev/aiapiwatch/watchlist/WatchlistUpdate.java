package dev.aiapiwatch.watchlist;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;

/**
 * A change to the watch list while the job runs: add or change an entry, or remove one. A message
 * that could not be read becomes an update with the operation {@link #INVALID}, so that it reaches
 * the dead letters.
 */
public class WatchlistUpdate {

    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
    public static final String INVALID = "invalid";

    /** {@link #UPSERT}, {@link #DELETE} or {@link #INVALID}. */
    public String operation;

    /** The domain pattern the update applies to. */
    public String pattern;

    /** Provider name for {@link #UPSERT}; unused for {@link #DELETE}. */
    public String provider;

    /** Why the message is {@link #INVALID}. */
    public String error;

    /** The message as received, kept for the dead letter if the update is rejected. */
    public String raw;

    /** Topic the message came from, or null. */
    public String origin;

    /** Kafka partition of the message, or -1. */
    public int partition = -1;

    /** Kafka offset of the message, or -1. */
    public long offset = -1;

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

    public static WatchlistUpdate invalid(String error) {
        WatchlistUpdate update = new WatchlistUpdate();
        update.operation = INVALID;
        update.error = error;
        return update;
    }

    public boolean isUpsert() {
        return UPSERT.equals(operation);
    }

    public boolean isInvalid() {
        return INVALID.equals(operation);
    }

    /** Returns the dead letter for this update, rejected because of {@code message}. */
    public DeadLetter toDeadLetter(String message) {
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.INVALID_CONFIG,
                        message,
                        raw != null ? raw : toString(),
                        origin != null ? origin : "watchlist-updates",
                        offset);
        return partition >= 0 ? deadLetter.atKafkaPartition(partition) : deadLetter;
    }

    @Override
    public String toString() {
        if (isInvalid()) {
            return "invalid update: " + error;
        }
        return operation + " " + pattern + (isUpsert() ? " (" + provider + ")" : "");
    }
}
