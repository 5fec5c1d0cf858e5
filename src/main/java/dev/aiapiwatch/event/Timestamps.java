package dev.aiapiwatch.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the time formats found in Falcon telemetry into epoch milliseconds.
 *
 * <p>Numbers are distinguished by magnitude, because the feed sends them without a unit: below
 * 10^11 they are epoch seconds (the {@code 1793613931.000} form of {@code ContextTimeStamp} and of
 * some {@code timestamp} values), below 10^14 epoch milliseconds (the usual {@code timestamp}),
 * below 10^17 epoch microseconds, below 10^18 Windows FILETIME (100 ns ticks since 1601) and above
 * that epoch nanoseconds. Text with a date is read as ISO-8601, with a space allowed in place of
 * the {@code T} and before the offset; without an offset it is UTC.
 */
public final class Timestamps {

    /** Returned for text that is not a time in the accepted range. */
    public static final long INVALID = Long.MIN_VALUE;

    /** 1990-01-01T00:00:00Z: earlier values are garbage or unit mistakes, not Falcon events. */
    public static final long EARLIEST_MILLIS = 631_152_000_000L;

    /** 2200-01-01T00:00:00Z. */
    public static final long LATEST_MILLIS = 7_258_118_400_000L;

    private static final long FILETIME_EPOCH_OFFSET_MILLIS = 11_644_473_600_000L;

    private Timestamps() {}

    /** Parses {@code text} into epoch milliseconds, or returns {@link #INVALID}. */
    public static long parseEpochMillis(String text) {
        if (text == null) {
            return INVALID;
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return INVALID;
        }
        long millis =
                Character.isDigit(trimmed.charAt(0)) && trimmed.indexOf('-') < 0
                        ? parseNumber(trimmed)
                        : parseIso(trimmed);
        if (millis < EARLIEST_MILLIS || millis >= LATEST_MILLIS) {
            return INVALID;
        }
        return millis;
    }

    private static long parseNumber(String text) {
        int dot = text.indexOf('.');
        String integerDigits = dot < 0 ? text : text.substring(0, dot);
        String fractionDigits = dot < 0 ? "" : text.substring(dot + 1);
        if (!isDigits(integerDigits)
                || !isDigits(fractionDigits) && !fractionDigits.isEmpty()
                || integerDigits.length() > 19) {
            return INVALID;
        }
        long value;
        try {
            value = Long.parseLong(integerDigits);
        } catch (NumberFormatException e) {
            return INVALID;
        }
        if (value < 100_000_000_000L) {
            return value * 1000 + leadingMillis(fractionDigits);
        }
        if (value < 100_000_000_000_000L) {
            return value;
        }
        if (value < 100_000_000_000_000_000L) {
            return value / 1000;
        }
        if (value < 1_000_000_000_000_000_000L) {
            return value / 10_000 - FILETIME_EPOCH_OFFSET_MILLIS;
        }
        return value / 1_000_000;
    }

    /** Returns the first three digits of a fraction of a second as milliseconds. */
    private static long leadingMillis(String fractionDigits) {
        long millis = 0;
        for (int i = 0; i < 3; i++) {
            millis =
                    millis * 10
                            + (i < fractionDigits.length() ? fractionDigits.charAt(i) - '0' : 0);
        }
        return millis;
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseIso(String text) {
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(
                            text.replaceFirst(" ", "T").replace(" ", ""),
                            OffsetDateTime::from,
                            LocalDateTime::from);
            Instant instant =
                    parsed instanceof OffsetDateTime
                            ? ((OffsetDateTime) parsed).toInstant()
                            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }
}
