package dev.aiapiwatch.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads typed option values, with errors that name the option, the value and what it accepts. */
public final class OptionValues {

    private OptionValues() {}

    /** Returns a whole number of at least {@code minimum} (0 or 1), or {@code defaultValue}. */
    public static int wholeNumber(CommandLine line, String option, int defaultValue, int minimum)
            throws InvalidOptionException {
        long number = longNumber(line, option, defaultValue, minimum);
        if (number > Integer.MAX_VALUE) {
            throw InvalidOptionException.invalidValue(
                    option, line.value(option, null), expected(minimum));
        }
        return (int) number;
    }

    /**
     * Returns a whole number of at least {@code minimum}, or {@code defaultValue}. A minimum of
     * {@link Long#MIN_VALUE} accepts any whole number.
     */
    public static long longNumber(CommandLine line, String option, long defaultValue, long minimum)
            throws InvalidOptionException {
        if (!line.has(option)) {
            return defaultValue;
        }
        String value = line.value(option, null);
        try {
            long number = Long.parseLong(value.strip());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted values.
        }
        throw InvalidOptionException.invalidValue(option, value, expected(minimum));
    }

    private static String expected(long minimum) {
        if (minimum == Long.MIN_VALUE) {
            return "a whole number";
        }
        if (minimum == 0) {
            return "zero or a positive whole number";
        }
        return minimum == 1 ? "a positive whole number" : "a whole number of at least " + minimum;
    }

    /** Returns a positive duration, or zero too when {@code zeroAllowed}. */
    public static Duration duration(
            CommandLine line, String option, String defaultValue, boolean zeroAllowed)
            throws InvalidOptionException {
        String value = line.value(option, defaultValue);
        String expected =
                (zeroAllowed ? "zero or a positive " : "a positive ") + Durations.ACCEPTED_FORMS;
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidOptionException.invalidValue(option, value, expected);
        }
        if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
            throw InvalidOptionException.invalidValue(option, value, expected);
        }
        return duration;
    }

    /**
     * Returns the comma-separated TCP or UDP port numbers of {@code option}, from 1 to 65535, or an
     * empty set when the option is not given.
     */
    public static Set<Integer> ports(CommandLine line, String option)
            throws InvalidOptionException {
        Set<Integer> ports = new LinkedHashSet<>();
        if (!line.has(option)) {
            return ports;
        }
        String value = line.value(option, null);
        for (String part : value.split(",", -1)) {
            int port;
            try {
                port = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                port = 0;
            }
            if (port < 1 || port > 65535) {
                throw InvalidOptionException.invalidValue(
                        option,
                        value,
                        "port numbers from 1 to 65535, separated by commas, such as 443,8443");
            }
            ports.add(port);
        }
        return ports;
    }
}
