package dev.aiapiwatch.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2027-03-31,                2027-04-01T00:00:00Z",
        "2027-12-31,                2028-01-01T00:00:00Z",
        "2027-03-31T18:00:00Z,      2027-03-31T18:00:00Z",
        "2027-03-31T18:00:00.5Z,    2027-03-31T18:00:00.500Z",
        "2027-03-31T18:00:00+02:00, 2027-03-31T16:00:00Z",
    })
    void expiryRead(String text, String instant) {
        assertThat(Expiry.parse(text)).isEqualTo(Instant.parse(instant).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-03-31T18:00:00", "31.03.2027", "2027-02-30", "soon", ""})
    void invalidExpiryRejected(String text) {
        assertThatThrownBy(() -> Expiry.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("\"2027-03-31T18:00:00Z\"");
    }
}
