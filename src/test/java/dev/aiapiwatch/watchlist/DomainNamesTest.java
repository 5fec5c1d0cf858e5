package dev.aiapiwatch.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest
    @CsvSource({
        "api.openai.com,          api.openai.com",
        "API.OpenAI.Com,          api.openai.com",
        "api.openai.com.,         api.openai.com",
        "api.openai.com..,        api.openai.com.",
        "'  api.openai.com  ',    api.openai.com",
        "' API.openai.com. ',     api.openai.com",
        "'\tapi.openai.com\n',    api.openai.com",
        "'',                      ''",
        "'.',                     ''",
    })
    void normalizeDomainName(String name, String expected) {
        assertThat(DomainNames.normalize(name)).isEqualTo(expected);
    }

    @Test
    void normalizeNullEmpty() {
        assertThat(DomainNames.normalize(null)).isEmpty();
    }
}
