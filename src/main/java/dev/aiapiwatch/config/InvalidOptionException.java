package dev.aiapiwatch.config;

/** A command-line option is unknown, missing its value, or has a value that is not accepted. */
public class InvalidOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }

    /** An invalid {@code value} for {@code option}, with what the option accepts. */
    public static InvalidOptionException invalidValue(
            String option, String value, String expected) {
        return new InvalidOptionException(
                "Invalid value '" + value + "' for " + option + ": expected " + expected + ".");
    }
}
