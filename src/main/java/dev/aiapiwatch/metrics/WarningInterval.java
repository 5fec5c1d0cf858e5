package dev.aiapiwatch.metrics;

/**
 * The rate limit of warnings about skipped records: at most one warning per kind every {@link
 * #MILLIS}, each with the count since the last one, so a flood of bad input logs a few lines.
 */
public final class WarningInterval {

    /** Shortest time between two warnings of one kind, in milliseconds. */
    public static final long MILLIS = 10_000;

    /** Time of the last warning of a kind that had none yet. */
    public static final long NEVER = Long.MIN_VALUE;

    private WarningInterval() {}

    /**
     * Returns whether a warning is due at {@code now} after the last one at {@code lastWarning}.
     */
    public static boolean due(long now, long lastWarning) {
        // A subtraction from NEVER would overflow and hold back every warning.
        return lastWarning == NEVER || now - lastWarning >= MILLIS;
    }
}
