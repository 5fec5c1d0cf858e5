package dev.aiapiwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as written on the command line: a number with a unit ({@code 500ms}, {@code
 * 30s}, {@code 15m}, {@code 1h}, {@code 1d}), several of them in a row ({@code 1h30m}), or ISO-8601
 * ({@code PT1H}, {@code P1D}).
 */
public final class Durations {

    public static final String ACCEPTED_FORMS = "duration such as 30s, 15m, 1h, 1d or PT1H";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException when {@code text} is not a duration in an accepted form
     */
    public static Duration parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
            }
        }
        Matcher matcher = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        try {
            while (position < trimmed.length()
                    && matcher.find(position)
                    && matcher.start() == position) {
                long amount = Long.parseLong(matcher.group(1));
                total = total.plus(unitDuration(matcher.group(2)).multipliedBy(amount));
                position = matcher.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration is too long: " + text, e);
        }
        if (trimmed.isEmpty() || position != trimmed.length()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    /**
     * Formats {@code duration} in a form that {@link #parse} reads: the short form such as 1h30m,
     * or ISO-8601 for negative durations and those with a fraction of a millisecond.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString();
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        appendPart(text, days, "d");
        appendPart(text, duration.toHoursPart(), "h");
        appendPart(text, duration.toMinutesPart(), "m");
        appendPart(text, duration.toSecondsPart(), "s");
        appendPart(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void appendPart(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration unitDuration(String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(1);
            case "s":
                return Duration.ofSeconds(1);
            case "m":
                return Duration.ofMinutes(1);
            case "h":
                return Duration.ofHours(1);
            default:
                return Duration.ofDays(1);
        }
    }
}
