package dev.aiapiwatch.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WatchlistFileTest {

    private static final String NAME = "team-watchlist.csv";

    private static Watchlist read(String text) throws IOException {
        return WatchlistFile.read(new StringReader(text), NAME);
    }

    private static List<String> patternsOf(Watchlist watchlist) {
        return Arrays.stream(watchlist.entries).map(entry -> entry.pattern).toList();
    }

    @Test
    void commentsAndBlankLinesSkipped() throws IOException {
        String text =
                "# Team list\n"
                        + "\n"
                        + "api.openai.com,OpenAI\n"
                        + "   # indented comment\n"
                        + "  \t \n"
                        + "  *.OpenAI.azure.com , Azure OpenAI  \n";

        Watchlist watchlist = read(text);

        assertThat(watchlist.entries)
                .containsExactly(
                        new WatchlistEntry("api.openai.com", "OpenAI"),
                        new WatchlistEntry("*.openai.azure.com", "Azure OpenAI"));
    }

    @Test
    void windowsLineEndingsRead() throws IOException {
        Watchlist watchlist = read("# list\r\napi.openai.com,OpenAI\r\napi.x.ai,xAI\r\n");

        assertThat(watchlist.entries)
                .containsExactly(
                        new WatchlistEntry("api.openai.com", "OpenAI"),
                        new WatchlistEntry("api.x.ai", "xAI"));
    }

    @Test
    void providerMayContainComma() throws IOException {
        Watchlist watchlist = read("api.ai21.com,AI21 Labs, Ltd\n");

        assertThat(watchlist.entries[0].provider).isEqualTo("AI21 Labs, Ltd");
    }

    @Test
    void invalidPatternNamesLine() {
        String text = "# list\napi.openai.com,OpenAI\n\n*.com,Everything\n";

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NAME + " line 4:")
                .hasMessageContaining("'*.com'");
    }

    @Test
    void missingCommaNamesLine() {
        String text = "api.openai.com,OpenAI\napi.anthropic.com Anthropic\n";

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NAME + " line 2:")
                .hasMessageContaining("expected 'pattern,provider'")
                .hasMessageContaining("'api.anthropic.com Anthropic'");
    }

    @Test
    void missingProviderNamesLine() {
        assertThatThrownBy(() -> read("api.openai.com,  \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NAME + " line 1:")
                .hasMessageContaining("no provider name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n# and another\n"})
    void noEntriesRejected(String text) {
        assertThatThrownBy(() -> read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NAME + " contains no entries");
    }

    @Test
    void readFileNamesPathInError(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("watchlist.csv");
        Files.writeString(file, "api.openai.com,OpenAI\napi*.x.com,Bad\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WatchlistFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " line 2:");
    }

    @Test
    void readFileReturnsEntries(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("watchlist.csv");
        Files.writeString(file, "api.openai.com,OpenAI\n", StandardCharsets.UTF_8);

        assertThat(WatchlistFile.read(file).entries)
                .containsExactly(new WatchlistEntry("api.openai.com", "OpenAI"));
    }

    @ParameterizedTest
    @CsvSource({
        // The reference hunting query's endpoints.
        "api.openai.com,                     OpenAI",
        "api.anthropic.com,                  Anthropic",
        "generativelanguage.googleapis.com,  Google Gemini API",
        "api.cohere.ai,                      Cohere",
        "api-inference.huggingface.co,       Hugging Face",
        "api.mistral.ai,                     Mistral AI",
        "api.together.xyz,                   Together AI",
        "api.groq.com,                       Groq",
        "api.perplexity.ai,                  Perplexity",
        "api.replicate.com,                  Replicate",
        "api.stability.ai,                   Stability AI",
        "api.ai21.com,                       AI21 Labs",
        "inference.azure.com,                Microsoft Azure AI",
        // Additions of the built-in list.
        "*.openai.azure.com,                 Azure OpenAI",
        "api.deepseek.com,                   DeepSeek",
        "api.x.ai,                           xAI",
        "openrouter.ai,                      OpenRouter",
        "bedrock-runtime.*.amazonaws.com,    Amazon Bedrock",
        "aiplatform.googleapis.com,          Google Vertex AI",
        "router.huggingface.co,              Hugging Face",
    })
    void builtInContainsDomain(String pattern, String provider) {
        Watchlist builtIn = WatchlistFile.builtIn();

        assertThat(builtIn.entries).contains(new WatchlistEntry(pattern, provider));
    }

    @Test
    void builtInFileNoDuplicates() throws IOException {
        // Watchlist.of keeps the last of two equal patterns, so a duplicate line would silently
        // drop a provider.
        List<String> lines;
        try (InputStream stream =
                WatchlistFile.class.getResourceAsStream("/watchlist/ai-api-domains.csv")) {
            lines = new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        long entryLines =
                lines.stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .count();

        assertThat(patternsOf(WatchlistFile.builtIn())).hasSize((int) entryLines);
    }

    @Test
    void builtInVersionStable() {
        String version = WatchlistFile.builtIn().version;

        assertThat(version).matches("wl-[0-9a-f]{12}");
        assertThat(WatchlistFile.builtIn().version).isEqualTo(version);
    }

    @Test
    void duplicatePatternNamesBothLines() {
        String text = "api.openai.com,OpenAI\n# comment\nAPI.OpenAI.com.,OpenAI again\n";

        assertThatThrownBy(() -> read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NAME + " line 3")
                .hasMessageContaining("already on line 1");
    }
}
