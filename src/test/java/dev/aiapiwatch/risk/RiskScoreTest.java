package dev.aiapiwatch.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskScoreTest {

    @Test
    void runtimeWithOneLookupIsLow() {
        RiskScore score = RiskScore.of(0, 1, 0, false, false, false);

        assertThat(score.score()).isEqualTo(10);
        assertThat(score.severity()).isEqualTo(RiskScore.LOW);
        assertThat(score.factors()).isEmpty();
    }

    @Test
    void curlWithOneLookupIsMedium() {
        RiskScore score = RiskScore.of(1, 1, 0, false, false, false);

        assertThat(score.score()).isEqualTo(25);
        assertThat(score.severity()).isEqualTo(RiskScore.MEDIUM);
        assertThat(score.factors()).containsExactly("category_weight");
    }

    @Test
    void powershellWithApiKeyIsHigh() {
        RiskScore score = RiskScore.of(2, 1, 0, false, true, false);

        assertThat(score.score()).isEqualTo(55);
        assertThat(score.severity()).isEqualTo(RiskScore.HIGH);
        assertThat(score.factors()).containsExactly("category_weight", "api_key_in_command_line");
    }

    @Test
    void mshtaStartedByWordIsCritical() {
        RiskScore score = RiskScore.of(3, 1, 0, true, false, false);

        assertThat(score.score()).isEqualTo(75);
        assertThat(score.severity()).isEqualTo(RiskScore.CRITICAL);
        assertThat(score.factors()).containsExactly("category_weight", "suspicious_parent");
    }

    @Test
    void pythonFromAppDataConfirmedAndRepeated() {
        RiskScore score = RiskScore.of(2, 5, 1, false, false, true);

        assertThat(score.score()).isEqualTo(80);
        assertThat(score.factors())
                .containsExactly(
                        "category_weight",
                        "repeated_lookups",
                        "confirmed_connection",
                        "user_writable_image");
    }

    @Test
    void everyFactorCapsAtHundred() {
        RiskScore score = RiskScore.of(3, 100, 3, true, true, true);

        assertThat(score.score()).isEqualTo(100);
        assertThat(score.severity()).isEqualTo(RiskScore.CRITICAL);
        assertThat(score.factors()).hasSize(6);
    }

    @Test
    void fourLookupsAreNotRepeated() {
        assertThat(RiskScore.of(0, 4, 0, false, false, false).score()).isEqualTo(10);
        assertThat(RiskScore.of(0, 5, 0, false, false, false).score()).isEqualTo(20);
    }

    @ParameterizedTest(name = "score {0} -> severity {1}")
    @CsvSource({"0, 21", "24, 21", "25, 47", "49, 47", "50, 73", "74, 73", "75, 99", "100, 99"})
    void severityBands(int score, int severity) {
        assertThat(RiskScore.severityOf(score)).isEqualTo(severity);
    }
}
