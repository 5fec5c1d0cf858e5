package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "30s,            PT30S",
        "15m,            PT15M",
        "1h,             PT1H",
        "1d,             PT24H",
        "500ms,          PT0.5S",
        "1h30m,          PT1H30M",
        "90m,            PT1H30M",
        "1m1ms,          PT1M0.001S",
        "1d2h3m4s5ms,    PT26H3M4.005S",
        "0s,             PT0S",
        "PT1H,           PT1H",
        "P1D,            PT24H",
        "PT1H30M,        PT1H30M",
        "pt15m,          PT15M",
        "1H,             PT1H",
        "15M,            PT15M",
        "500MS,          PT0.5S",
        "'  1h  ',       PT1H",
    })
    void parseAcceptedForm(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "   ", "abc", "1", "h", "1x", "1.5h", "-1h", "1 h", "1h abc", "h1", "1hh",
                "1h-30m", "P", "PT", "P1X", "Pabc"
            })
    void parseInvalidFormRejected(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"200000000000000d", "100000000000000d100000000000000d"})
    void parseOverflowRejected(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long")
                .hasMessageContaining(text);
    }

    @Test
    void parseTooManyDigitsRejected() {
        assertThatThrownBy(() -> Durations.parse("99999999999999999999s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PT0S,              0s",
        "PT30S,             30s",
        "PT15M,             15m",
        "PT1H,              1h",
        "PT24H,             1d",
        "PT1H30M,           1h30m",
        "PT0.5S,            500ms",
        "PT49H,             2d1h",
        "P1DT1H1M1.001S,    1d1h1m1s1ms",
    })
    void formatShortForm(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PT0S",
                "PT0.001S",
                "PT59M59.999S",
                "P400DT23H",
                "PT2H0.5S",
                "PT0.0005S",
                "PT-1H"
            })
    void formatReadBackByParse(String text) {
        Duration duration = Duration.parse(text);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
