package dev.aiapiwatch.metrics;

/**
 * The number of records of one kind skipped since the last warning about them, for warnings at most
 * once every {@link WarningInterval#MILLIS} that each give the count since the last one.
 */
public final class UnloggedCount {

    private long count;
    private long lastWarning = WarningInterval.NEVER;

    /**
     * Counts one record at {@code now} and returns the count to put in a warning when one is due,
     * starting again from zero, or 0 when no warning is due.
     */
    public long add(long now) {
        count++;
        if (!WarningInterval.due(now, lastWarning)) {
            return 0;
        }
        lastWarning = now;
        return take();
    }

    /** Returns the count not yet in a warning and starts again from zero. */
    public long take() {
        long unlogged = count;
        count = 0;
        return unlogged;
    }
}
