package dev.aiapiwatch.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchlistMatcherTest {

    private static WatchlistMatcher matcherOf(WatchlistEntry... entries) {
        return new WatchlistMatcher(Watchlist.of(List.of(entries)));
    }

    @Test
    void exactBeatsWildcard() {
        WatchlistMatcher matcher =
                matcherOf(
                        new WatchlistEntry("*.openai.azure.com", "Azure OpenAI"),
                        new WatchlistEntry("special.openai.azure.com", "Special"));

        assertThat(matcher.match("special.openai.azure.com").provider).isEqualTo("Special");
        assertThat(matcher.match("other.openai.azure.com").provider).isEqualTo("Azure OpenAI");
    }

    @Test
    void specificWildcardWinsInEitherOrder() {
        WatchlistEntry broad = new WatchlistEntry("*.azure.com", "Azure");
        WatchlistEntry specific = new WatchlistEntry("*.openai.azure.com", "Azure OpenAI");

        WatchlistMatcher broadFirst = matcherOf(broad, specific);
        WatchlistMatcher specificFirst = matcherOf(specific, broad);

        assertThat(broadFirst.match("res.openai.azure.com").provider).isEqualTo("Azure OpenAI");
        assertThat(specificFirst.match("res.openai.azure.com").provider).isEqualTo("Azure OpenAI");
        assertThat(broadFirst.match("res.cognitive.azure.com").provider).isEqualTo("Azure");
    }

    @Test
    void emptyNameMatchesNothing() {
        WatchlistMatcher matcher = new WatchlistMatcher(WatchlistFile.builtIn());

        assertThat(matcher.match("")).isNull();
    }

    @Test
    void matcherKeepsWatchlistVersion() {
        Watchlist watchlist = WatchlistFile.builtIn();

        assertThat(new WatchlistMatcher(watchlist).version()).isEqualTo(watchlist.version);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "api.openai.com,                                 OpenAI",
        "api.anthropic.com,                              Anthropic",
        "myres.openai.azure.com,                         Azure OpenAI",
        "bedrock-runtime.us-east-1.amazonaws.com,        Amazon Bedrock",
        "bedrock-runtime-fips.us-gov-west-1.amazonaws.com, Amazon Bedrock",
        "my-model.us-east-1.aws.endpoints.huggingface.cloud, Hugging Face Inference Endpoints",
        "fakeapi.openai.com,",
        "api.openai.com.evil.example,",
        "openai.azure.com,",
        "www.google.com,",
    })
    void builtInListProviders(String name, String provider) {
        WatchlistMatcher matcher = new WatchlistMatcher(WatchlistFile.builtIn());

        WatchlistEntry entry = matcher.match(name);

        if (provider == null) {
            assertThat(entry).isNull();
        } else {
            assertThat(entry).isNotNull();
            assertThat(entry.provider).isEqualTo(provider);
        }
    }
}
