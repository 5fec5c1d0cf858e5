package dev.aiapiwatch.allowlist;

import static dev.aiapiwatch.testing.TestAllowlists.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowlistSummaryTest {

    private static final long INTERVAL = Duration.ofMinutes(15).toMillis();
    private static final long START = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();

    private final Allowlist allowlist = Allowlist.of(List.of(), List.of(python("b"), python("a")));

    @Test
    void firstCallStartsClock() {
        AllowlistSummary summary = new AllowlistSummary(INTERVAL);

        assertThat(summary.reportIfDue(START, allowlist, 0, 2)).isNull();
        assertThat(summary.reportIfDue(START + INTERVAL - 1, allowlist, 0, 2)).isNull();
        assertThat(summary.reportIfDue(START + INTERVAL, allowlist, 0, 2)).isNotNull();
    }

    @Test
    void reportListsEveryEntry() {
        AllowlistSummary summary = new AllowlistSummary(INTERVAL);
        summary.reportIfDue(START, allowlist, 0, 2);
        summary.count("b");
        summary.count("b");

        String text = summary.reportIfDue(START + INTERVAL, allowlist, 1, 2);

        assertThat(text)
                .isEqualTo(
                        "Allowlist "
                                + allowlist.version
                                + ", subtask 2 of 2: 2 lookups suppressed since"
                                + " 2026-11-02T10:00:00Z\n"
                                + "  a: 0 (owner ds-platform@example.com, expires"
                                + " 2027-04-01T00:00:00Z)\n"
                                + "  b: 2 (owner ds-platform@example.com, expires"
                                + " 2027-04-01T00:00:00Z)");
    }

    @Test
    void countsStartAgainAfterReport() {
        AllowlistSummary summary = new AllowlistSummary(INTERVAL);
        summary.reportIfDue(START, allowlist, 0, 1);
        summary.count("a");
        summary.reportIfDue(START + INTERVAL, allowlist, 0, 1);

        String text = summary.reportIfDue(START + 3 * INTERVAL, allowlist, 0, 1);

        assertThat(text).contains(": 0 lookups suppressed since 2026-11-02T10:15:00Z");
        assertThat(text).contains("\n  a: 0 (");
    }

    @Test
    void deletedEntryStillReported() {
        AllowlistSummary summary = new AllowlistSummary(INTERVAL);
        summary.reportIfDue(START, allowlist, 0, 1);
        summary.count("gone");

        String text = summary.reportIfDue(START + INTERVAL, allowlist, 0, 1);

        assertThat(text).contains("\n  gone: 1 (entry deleted since)");
    }

    @Test
    void emptyAllowlistNotReported() {
        AllowlistSummary summary = new AllowlistSummary(INTERVAL);
        summary.reportIfDue(START, Allowlist.empty(), 0, 1);

        assertThat(summary.reportIfDue(START + INTERVAL, Allowlist.empty(), 0, 1)).isNull();
    }

    @Test
    void zeroIntervalTurnsSummariesOff() {
        AllowlistSummary summary = new AllowlistSummary(0);
        summary.reportIfDue(START, allowlist, 0, 1);
        summary.count("a");

        assertThat(summary.reportIfDue(START + INTERVAL, allowlist, 0, 1)).isNull();
    }

    private static AllowlistEntry python(String id) {
        AllowlistEntry entry = entry(id);
        entry.processName = "python.exe";
        return entry;
    }
}
