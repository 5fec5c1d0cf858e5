package dev.aiapiwatch.secrets;

import static dev.aiapiwatch.secrets.SecretRedactor.MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

    /**
     * A made-up token in no provider's format, so that only the rule for the surrounding header or
     * assignment can find it.
     */
    private static final String TOKEN = "Zq7TestOnlyNotReal0123456789wXyV";

    /** Made-up keys in each documented provider format. */
    static Stream<String> providerKeys() {
        return Stream.of(
                "sk-T3stOnlyNotReal0123456789abcdefABCDEF0123456789",
                "sk-proj-T3stOnlyNotReal0123456789abcdef_ABCDEF-0123456789",
                "sk-ant-api03-T3stOnlyNotReal0123456789abcdef_ABCDEF-0123456789",
                "hf_T3stOnlyNotReal0123456789abcdefAB",
                "AIzaSyT3stOnlyNotReal0123456789_abc-DEF",
                "gsk_T3stOnlyNotReal0123456789abcdefABCDEF0123456789abcd",
                "xai-T3stOnlyNotReal0123456789abcdefABCDEF0123456789",
                "pplx-T3stOnlyNotReal0123456789abcdefABCDEF01234567",
                "r8_T3stOnlyNotReal0123456789abcdefABCDEF0",
                "nvapi-T3stOnlyNotReal0123456789abcdef_ABCDEF-0123456789",
                "AKIAT3STONLYN0TREAL7");
    }

    @ParameterizedTest
    @MethodSource("providerKeys")
    void providerKeyAloneRedacted(String key) {
        String commandLine = "client.exe --model gpt-4o " + key + " --verbose";

        String redacted = SecretRedactor.redact(commandLine);

        assertThat(redacted).isEqualTo("client.exe --model gpt-4o " + MARKER + " --verbose");
    }

    @ParameterizedTest
    @MethodSource("providerKeys")
    void providerKeyInQuotesRedacted(String key) {
        String script = "python -c \"from openai import OpenAI; OpenAI('" + key + "')\"";

        String redacted = SecretRedactor.redact(script);

        assertThat(redacted).doesNotContain(fragmentsOf(key));
        assertThat(redacted).contains("OpenAI('" + MARKER + "')");
    }

    @Test
    void shortAwsKeyIdKept() {
        // AKIA followed by 15 characters is not an access key id.
        String text = "aws s3 ls --profile AKIAT3STONLYN0TREAL";

        assertThat(SecretRedactor.redact(text)).isSameAs(text);
    }

    static Stream<Arguments> passedSecrets() {
        return Stream.of(
                Arguments.of(
                        "curl bearer header",
                        "curl https://api.openai.com/v1/models -H \"Authorization: Bearer "
                                + TOKEN
                                + "\"",
                        "curl https://api.openai.com/v1/models -H \"Authorization: Bearer "
                                + MARKER
                                + "\""),
                Arguments.of(
                        "bearer header in single quotes",
                        "curl -H 'authorization: bearer " + TOKEN + "' https://api.groq.com",
                        "curl -H 'authorization: bearer " + MARKER + "' https://api.groq.com"),
                Arguments.of(
                        "PowerShell hashtable, quoted key",
                        "Invoke-RestMethod -Headers @{ \"Authorization\" = \"Bearer "
                                + TOKEN
                                + "\" } -Uri https://api.openai.com/v1/models",
                        "Invoke-RestMethod -Headers @{ \"Authorization\" = \"Bearer "
                                + MARKER
                                + "\" } -Uri https://api.openai.com/v1/models"),
                Arguments.of(
                        "PowerShell hashtable, bare key",
                        "iwr -Headers @{Authorization='Bearer " + TOKEN + "'} $uri",
                        "iwr -Headers @{Authorization='Bearer " + MARKER + "'} $uri"),
                Arguments.of(
                        "bearer without header name",
                        "http GET api.mistral.ai/v1/models \"Bearer " + TOKEN + "\"",
                        "http GET api.mistral.ai/v1/models \"Bearer " + MARKER + "\""),
                Arguments.of(
                        "x-api-key header",
                        "curl -H \"x-api-key: "
                                + TOKEN
                                + "\" https://api.anthropic.com/v1/messages",
                        "curl -H \"x-api-key: "
                                + MARKER
                                + "\" https://api.anthropic.com/v1/messages"),
                Arguments.of(
                        "api-key header",
                        "curl -H 'api-key: " + TOKEN + "' https://res.openai.azure.com/openai",
                        "curl -H 'api-key: " + MARKER + "' https://res.openai.azure.com/openai"),
                Arguments.of(
                        "cmd set",
                        "cmd /c set MISTRAL_API_KEY=" + TOKEN + "&& python chat.py",
                        "cmd /c set MISTRAL_API_KEY=" + MARKER + "&& python chat.py"),
                Arguments.of(
                        "bash export",
                        "bash -c \"export OPENAI_API_KEY=" + TOKEN + "; python chat.py\"",
                        "bash -c \"export OPENAI_API_KEY=" + MARKER + "; python chat.py\""),
                Arguments.of(
                        "bash export, quoted value",
                        "export TOGETHER_API_KEY='" + TOKEN + "'",
                        "export TOGETHER_API_KEY='" + MARKER + "'"),
                Arguments.of(
                        "PowerShell env assignment",
                        "pwsh -c \"$env:OPENAI_API_KEY='" + TOKEN + "'; python chat.py\"",
                        "pwsh -c \"$env:OPENAI_API_KEY='" + MARKER + "'; python chat.py\""),
                Arguments.of(
                        "python keyword argument",
                        "python -c 'import cohere; cohere.Client(api_key=\"" + TOKEN + "\")'",
                        "python -c 'import cohere; cohere.Client(api_key=\"" + MARKER + "\")'"),
                Arguments.of(
                        "JSON field",
                        "node send.js '{\"apiKey\": \"" + TOKEN + "\", \"model\": \"m\"}'",
                        "node send.js '{\"apiKey\": \"" + MARKER + "\", \"model\": \"m\"}'"),
                Arguments.of(
                        "--api-key value",
                        "llm --api-key " + TOKEN + " \"hello\"",
                        "llm --api-key " + MARKER + " \"hello\""),
                Arguments.of(
                        "--api-key=value",
                        "aichat --api-key=" + TOKEN + " --model x",
                        "aichat --api-key=" + MARKER + " --model x"),
                Arguments.of(
                        "--token value",
                        "hf-cli upload --token " + TOKEN + " model/",
                        "hf-cli upload --token " + MARKER + " model/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passedSecrets")
    void passedSecretRedacted(String description, String text, String expected) {
        String redacted = SecretRedactor.redact(text);

        assertThat(redacted).isEqualTo(expected);
        assertThat(redacted).doesNotContain(fragmentsOf(TOKEN));
    }

    @Test
    void escapedQuotedValueRedacted() {
        // A JSON body on a Windows command line, with its inner quotes escaped by backslashes.
        String text = "curl -d \"{\\\"api_key\\\": \\\"" + TOKEN + "\\\"}\" https://api.x.ai";

        String redacted = SecretRedactor.redact(text);

        assertThat(redacted).doesNotContain(fragmentsOf(TOKEN));
    }

    @Test
    void twoSecretsBothRedacted() {
        String other = "Other0TestOnlyNotReal0123456789";
        String text = "curl -H \"x-api-key: " + TOKEN + "\" -H \"Authorization: Bearer " + other;

        String redacted = SecretRedactor.redact(text);

        assertThat(redacted).doesNotContain(fragmentsOf(TOKEN));
        assertThat(redacted).doesNotContain(fragmentsOf(other));
        assertThat(redacted)
                .isEqualTo(
                        "curl -H \"x-api-key: "
                                + MARKER
                                + "\" -H \"Authorization: Bearer "
                                + MARKER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "curl -H \"Authorization: Bearer $OPENAI_API_KEY\" https://api.openai.com/v1/models",
                "curl -H \"Authorization: Bearer ${OPENAI_API_KEY}\" https://api.openai.com",
                "iwr -Headers @{Authorization=\"Bearer $env:OPENAI_API_KEY\"} $uri",
                "curl -H \"Authorization: Bearer %OPENAI_API_KEY%\" https://api.openai.com",
                "curl -H \"x-api-key: $ANTHROPIC_API_KEY\" https://api.anthropic.com",
                "cmd /c set OPENAI_API_KEY=%SAVED_OPENAI_KEY%",
                "export OPENAI_API_KEY=$SAVED_OPENAI_KEY",
                "$env:OPENAI_API_KEY = $env:SAVED_OPENAI_KEY",
                "llm --api-key $OPENAI_API_KEY \"hello\"",
                "llm --api-key=%OPENAI_API_KEY% \"hello\""
            })
    void variableReferenceKept(String text) {
        assertThat(SecretRedactor.redact(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv",
                "python -m pip install openai",
                "curl https://api.openai.com/v1/models",
                "powershell.exe -NoProfile -File C:\\scripts\\report.ps1",
                ""
            })
    void textWithoutSecretSameInstance(String text) {
        assertThat(SecretRedactor.redact(text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "python -m pip install openai",
                "curl --silent https://example.org/data/17",
                "C:\\Windows\\system32\\svchost.exe -k netsvcs"
            })
    void quickCheckPassesPlainCommandLines(String text) {
        assertThat(SecretRedactor.mayContainSecret(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "curl -H \"AUTHORIZATION: Basic x\"",
                "set MY_APIKEY=1",
                "--Token abc",
                "sk-x",
                "x AIzaSy",
                "nvapi-x",
                "BEARER x"
            })
    void quickCheckFlagsEveryTrigger(String text) {
        assertThat(SecretRedactor.mayContainSecret(text)).isTrue();
    }

    @Test
    void nullStaysNull() {
        assertThat(SecretRedactor.redact(null)).isNull();
    }

    @Test
    void redactingTwiceChangesNothing() {
        String once = SecretRedactor.redact("set OPENAI_API_KEY=" + TOKEN);

        assertThat(SecretRedactor.redact(once)).isEqualTo(once);
    }

    @Test
    void longWordRunRedactedQuickly() {
        // A command line of 32,767 characters that ends in one long run of letters.
        String commandLine = "powershell -c " + "a".repeat(32_767 - 14);

        String redacted =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10), () -> SecretRedactor.redact(commandLine));

        assertThat(redacted).isSameAs(commandLine);
    }

    /** Every 6-character piece of {@code key}: none of them may survive redaction. */
    private static String[] fragmentsOf(String key) {
        List<String> fragments = new ArrayList<>();
        for (int start = 0; start + 6 <= key.length(); start++) {
            fragments.add(key.substring(start, start + 6));
        }
        return fragments.toArray(new String[0]);
    }
}
