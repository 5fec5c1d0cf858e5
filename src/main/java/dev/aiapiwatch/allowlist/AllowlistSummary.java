package dev.aiapiwatch.allowlist;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lookups one subtask suppressed per allowlist entry since its last periodic summary, and the
 * text of that summary. The caller passes the processing time, so that tests control it.
 */
final class AllowlistSummary {

    private final long intervalMillis;
    private final Map<String, long[]> counts = new HashMap<>();
    private long lastReportAt = -1;

    /**
     * @param intervalMillis time between summaries in milliseconds; 0 turns them off
     */
    AllowlistSummary(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    void count(String entryId) {
        counts.computeIfAbsent(entryId, id -> new long[1])[0]++;
    }

    /**
     * Returns the summary when at least the interval has passed since the last one, and starts
     * counting again; returns null otherwise. The first call only starts the clock. A summary lists
     * every entry of {@code allowlist}, and entries deleted since they suppressed a lookup. With no
     * entries and nothing counted there is nothing to report, and null is returned.
     */
    String reportIfDue(long now, Allowlist allowlist, int subtask, int parallelism) {
        if (intervalMillis <= 0) {
            return null;
        }
        if (lastReportAt < 0) {
            lastReportAt = now;
            return null;
        }
        if (now - lastReportAt < intervalMillis) {
            return null;
        }
        long since = lastReportAt;
        lastReportAt = now;
        if (allowlist.size() == 0 && counts.isEmpty()) {
            return null;
        }
        String text = format(allowlist, since, subtask, parallelism);
        counts.clear();
        return text;
    }

    private String format(Allowlist allowlist, long since, int subtask, int parallelism) {
        long total = 0;
        for (long[] count : counts.values()) {
            total += count[0];
        }
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "Allowlist %s, subtask %d of %d: %d lookups suppressed since %s",
                        allowlist.version,
                        subtask + 1,
                        parallelism,
                        total,
                        Expiry.format(since)));
        TreeSet<String> ids = new TreeSet<>(counts.keySet());
        for (AllowlistEntry entry : allowlist.entries) {
            ids.add(entry.id);
        }
        for (String id : ids) {
            long[] count = counts.get(id);
            text.append("\n  ").append(id).append(": ").append(count == null ? 0 : count[0]);
            AllowlistEntry entry = allowlist.entry(id);
            if (entry == null) {
                text.append(" (entry deleted since)");
            } else {
                text.append(" (owner ").append(entry.owner);
                text.append(", expires ").append(Expiry.format(entry.expiresAt)).append(')');
            }
        }
        return text.toString();
    }
}
