package dev.aiapiwatch.allowlist;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the {@code expires} value of allowlist entries. */
public final class Expiry {

    /** Example values for error messages. */
    static final String EXAMPLES =
            "a date such as \"2027-03-31\" or an instant such as \"2027-03-31T18:00:00Z\"";

    private Expiry() {}

    /**
     * Returns the instant {@code text} stands for, in epoch milliseconds. An ISO-8601 date means
     * the end of that day in UTC, which is the start of the next day: {@code 2027-03-31} expires at
     * {@code 2027-04-01T00:00:00Z}, so the entry applies through all of March 31 in UTC. An instant
     * needs an offset such as {@code Z} or {@code +01:00}.
     *
     * @throws IllegalArgumentException when {@code text} is neither form
     */
    public static long parse(String text) {
        try {
            return LocalDate.parse(text)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            // Not a date; try an instant below.
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    /** Formats epoch milliseconds as an ISO-8601 instant in UTC. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "\"expires\" value '"
                        + text
                        + "' is neither an ISO-8601 date nor an instant with an offset; write "
                        + EXAMPLES);
    }
}
