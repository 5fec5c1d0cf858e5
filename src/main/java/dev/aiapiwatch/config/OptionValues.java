package dev.aiapiwatch.config;

import java.time.Duration;

/** Reads typed option values, with errors that name the option, the value and what it accepts. */
final class OptionValues {

    private OptionValues() {}

    /** Returns a whole number of at least {@code minimum} (0 or 1), or {@code defaultValue}. */
    static int wholeNumber(CommandLine line, String option, int defaultValue, int minimum)
            throws InvalidOptionException {
        if (!line.has(option)) {
            return defaultValue;
        }
        String value = line.value(option, null);
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted values.
        }
        throw InvalidOptionException.invalidValue(
                option,
                value,
                minimum > 0 ? "a positive whole number" : "zero or a positive whole number");
    }

    /** Returns a positive duration, or zero too when {@code zeroAllowed}. */
    static Duration duration(
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
}
