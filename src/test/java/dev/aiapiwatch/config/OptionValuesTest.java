package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

    private static CommandLine parse(String... args) throws InvalidOptionException {
        return CommandLine.parse(
                args,
                List.of(
                        OptionSpec.withValue("--events", "N", "Number of events."),
                        OptionSpec.withValue("--span", "DURATION", "Time span.")));
    }

    @Test
    void longNumberOrDefault() throws InvalidOptionException {
        assertThat(OptionValues.longNumber(parse("--events", " 42 "), "--events", 7, 1))
                .isEqualTo(42);
        assertThat(OptionValues.longNumber(parse("--events", "-3"), "--events", 7, Long.MIN_VALUE))
                .isEqualTo(-3);
        assertThat(OptionValues.longNumber(parse(), "--events", 7, 1)).isEqualTo(7);
        assertThat(OptionValues.longNumber(parse("--events", "8000000000"), "--events", 7, 1))
                .isEqualTo(8_000_000_000L);
    }

    @Test
    void invalidLongNumberNamesOption() {
        assertThatThrownBy(
                        () ->
                                OptionValues.longNumber(
                                        parse("--events", "many"), "--events", 7, Long.MIN_VALUE))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Invalid value 'many' for --events: expected a whole number.");
        assertThatThrownBy(() -> OptionValues.longNumber(parse("--events", "0"), "--events", 7, 1))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("Invalid value '0' for --events: expected a positive whole number.");
    }

    @Test
    void intNumberRejectsValuesBeyondInt() {
        assertThatThrownBy(
                        () ->
                                OptionValues.wholeNumber(
                                        parse("--events", "3000000000"), "--events", 7, 1))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Invalid value '3000000000' for --events: expected a positive whole"
                                + " number.");
        assertThatThrownBy(
                        () -> OptionValues.wholeNumber(parse("--events", "-1"), "--events", 7, 0))
                .hasMessage(
                        "Invalid value '-1' for --events: expected zero or a positive whole"
                                + " number.");
    }

    @Test
    void durationAcceptsIsoDefault() throws InvalidOptionException {
        assertThat(OptionValues.duration(parse(), "--span", Duration.ofDays(1).toString(), true))
                .isEqualTo(Duration.ofDays(1));
        assertThat(OptionValues.duration(parse("--span", "0s"), "--span", "1d", true))
                .isEqualTo(Duration.ZERO);
    }
}
