package dev.aiapiwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    /** 2026-11-02T10:05:31.123456789Z: sub-millisecond digits show which unit was assumed. */
    private static final Instant EVENT = Instant.parse("2026-11-02T10:05:31.123456789Z");

    private static final long EVENT_MILLIS = EVENT.toEpochMilli();

    private static final Instant FILETIME_EPOCH = Instant.parse("1601-01-01T00:00:00Z");

    private static String epochMicros(Instant instant) {
        return Long.toString(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }

    private static String epochNanos(Instant instant) {
        return Long.toString(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    /** 100 ns ticks since 1601-01-01, as Windows FILETIME counts them. */
    private static String filetime(Instant instant) {
        Duration since1601 = Duration.between(FILETIME_EPOCH, instant);
        return Long.toString(since1601.getSeconds() * 10_000_000L + since1601.getNano() / 100);
    }

    static Stream<Arguments> numericForms() {
        long seconds = EVENT.getEpochSecond();
        return Stream.of(
                Arguments.of("epoch milliseconds", Long.toString(EVENT_MILLIS), EVENT_MILLIS),
                Arguments.of("epoch seconds", Long.toString(seconds), seconds * 1000),
                Arguments.of("seconds with .000", seconds + ".000", seconds * 1000),
                Arguments.of("seconds with .5", seconds + ".5", seconds * 1000 + 500),
                Arguments.of("seconds with .123456", seconds + ".123456", EVENT_MILLIS),
                Arguments.of("epoch microseconds", epochMicros(EVENT), EVENT_MILLIS),
                Arguments.of("epoch nanoseconds", epochNanos(EVENT), EVENT_MILLIS),
                Arguments.of("Windows FILETIME", filetime(EVENT), EVENT_MILLIS),
                Arguments.of("surrounding spaces", " " + EVENT_MILLIS + " ", EVENT_MILLIS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericForms")
    void numberReadByMagnitude(String description, String text, long expectedMillis) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(expectedMillis);
    }

    @Test
    void fractionalSecondsExample() {
        assertThat(Timestamps.parseEpochMillis("1793613931.000")).isEqualTo(1_793_613_931_000L);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-02T10:05:31Z,            2026-11-02T10:05:31Z",
        "2026-11-02T10:05:31.123Z,        2026-11-02T10:05:31.123Z",
        "2026-11-02T10:05:31.123456789Z,  2026-11-02T10:05:31.123Z",
        "2026-11-02T11:05:31+01:00,       2026-11-02T10:05:31Z",
        "2026-11-02T05:05:31-05:00,       2026-11-02T10:05:31Z",
        "2026-11-02T10:05:31,             2026-11-02T10:05:31Z",
        "2026-11-02 10:05:31,             2026-11-02T10:05:31Z",
        "2026-11-02 10:05:31.250Z,        2026-11-02T10:05:31.250Z",
        "2026-11-02 11:05:31 +01:00,      2026-11-02T10:05:31Z",
    })
    void isoTextRead(String text, String expectedUtc) {
        long expected = Instant.parse(expectedUtc).toEpochMilli();

        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "10:05:31",
                "1793613931.5x",
                "17936139310a0",
                "1793613931..0",
                "-1793613931000",
                "2026-13-02T10:05:31Z",
                "2026-11-02T10:05:31+25:00",
                "99999999999999999999"
            })
    void invalidTextRejected(String text) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Timestamps.INVALID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "631151999999",
                "1989-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00Z",
                "2200-01-01T00:00:00Z",
                "2500-06-01T00:00:00Z",
                "7258118400000"
            })
    void outOfRangeRejected(String text) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Timestamps.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1990-01-01T00:00:00Z", "2199-12-31T23:59:59.999Z"})
    void rangeBoundsAccepted(String text) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @Test
    void rangeConstantsMatchDocumentedDates() {
        assertThat(Timestamps.EARLIEST_MILLIS)
                .isEqualTo(Instant.parse("1990-01-01T00:00:00Z").toEpochMilli());
        assertThat(Timestamps.LATEST_MILLIS)
                .isEqualTo(Instant.parse("2200-01-01T00:00:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingTextRejected(String text) {
        assertThat(Timestamps.parseEpochMillis(text)).isEqualTo(Timestamps.INVALID);
    }
}
