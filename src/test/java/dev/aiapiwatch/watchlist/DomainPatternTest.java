package dev.aiapiwatch.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainPatternTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "api.openai.com,                  api.openai.com,                                 true",
        "api.openai.com,                  fakeapi.openai.com,                             false",
        "api.openai.com,                  api.openai.com.evil.example,                    false",
        "api.openai.com,                  x.api.openai.com,                               false",
        "api.openai.com,                  openai.com,                                     false",
        "api.openai.com,                  api.openai.co,                                  false",
        "*.openai.azure.com,              myres.openai.azure.com,                         true",
        "*.openai.azure.com,              a.b.openai.azure.com,                           true",
        "*.openai.azure.com,              openai.azure.com,                               false",
        "*.openai.azure.com,              myresopenai.azure.com,                          false",
        "*.openai.azure.com,              myres.openai.azure.com.evil.example,            false",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime.us-east-1.amazonaws.com,        true",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime.a.b.amazonaws.com,              true",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime.amazonaws.com,                  false",
        "bedrock-runtime.*.amazonaws.com, x.bedrock-runtime.us-east-1.amazonaws.com,      false",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime-fips.us-east-1.amazonaws.com,   false",
        "bedrock-runtime.*.amazonaws.com, bedrock-runtime.us-east-1.amazonaws.com.evil.x, false",
        "API.OpenAI.com.,                 api.openai.com,                                 true",
    })
    void patternMatchesWholeLabels(String pattern, String name, boolean expected) {
        assertThat(DomainPattern.parse(pattern).matches(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "api.openai.com,                  true,  3",
        "*.openai.azure.com,              false, 3",
        "bedrock-runtime.*.amazonaws.com, false, 3",
        "*.*.example.com,                 false, 2",
    })
    void patternKindAndSpecificity(String pattern, boolean exact, int literalLabels) {
        DomainPattern parsed = DomainPattern.parse(pattern);

        assertThat(parsed.isExact()).isEqualTo(exact);
        assertThat(parsed.literalLabels()).isEqualTo(literalLabels);
    }

    @Test
    void patternTextNormalised() {
        assertThat(DomainPattern.parse("  *.OpenAI.Azure.COM. ").toString())
                .isEqualTo("*.openai.azure.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*", "*.*.com", "com", "api.*"})
    void tooFewLiteralLabelsRejected(String pattern) {
        assertThatThrownBy(() -> DomainPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api*.x.com", "*api.openai.com", "api.open*ai.com"})
    void partialWildcardRejected(String pattern) {
        assertThatThrownBy(() -> DomainPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'*' must stand alone");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "."})
    void emptyPatternRejected(String pattern) {
        assertThatThrownBy(() -> DomainPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @CsvSource({
        "api..openai.com,       ''",
        ".openai.com,           ''",
        "-api.openai.com,       -api",
        "api-.openai.com,       api-",
        "api openai.com,        api openai",
        "api.openai.com/v1,     com/v1",
        "api.open+ai.com,       open+ai",
    })
    void badLabelRejected(String pattern, String label) {
        assertThatThrownBy(() -> DomainPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + label + "' is not a DNS label");
    }

    @Test
    void labelOf63CharactersAccepted() {
        String label = "a".repeat(63);

        assertThat(DomainPattern.parse(label + ".example.com").matches(label + ".example.com"))
                .isTrue();
    }

    @Test
    void labelOf64CharactersRejected() {
        assertThatThrownBy(() -> DomainPattern.parse("a".repeat(64) + ".example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a DNS label");
    }

    @Test
    void underscoreLabelAccepted() {
        assertThat(DomainPattern.parse("_dmarc.example.com").matches("_dmarc.example.com"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.*", "api.*.com", "bedrock-runtime.amazonaws.*"})
    void wildcardInRegisteredDomainRejected(String pattern) {
        assertThatThrownBy(() -> DomainPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the last two labels must not be '*'");
    }

    @ParameterizedTest
    @ValueSource(strings = {".openai.azure.com", "a..openai.azure.com", "..openai.azure.com"})
    void emptyLabelNeverMatches(String name) {
        assertThat(DomainPattern.parse("*.openai.azure.com").matches(name)).isFalse();
    }
}
