package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElasticsearchOptionsTest {

    @TempDir Path directory;

    private static ElasticsearchOptions parse(String... more) throws InvalidOptionException {
        List<String> args =
                new ArrayList<>(List.of("--elasticsearch-url", "http://127.0.0.1:9200"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).elasticsearch();
    }

    @Test
    void lifecyclePolicyRead() throws InvalidOptionException {
        assertThat(parse().ilmPolicy()).isNull();
        assertThat(parse("--elasticsearch-ilm-policy", "ai-api-watch-risk").ilmPolicy())
                .isEqualTo("ai-api-watch-risk");
    }

    @Test
    void invalidLifecyclePolicyRejected() {
        assertThatThrownBy(() -> parse("--elasticsearch-ilm-policy", "risk policy"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value 'risk policy' for --elasticsearch-ilm-policy")
                .hasMessageContaining("letters, digits");
    }

    @Test
    void defaultsApplied() throws InvalidOptionException {
        ElasticsearchOptions options = parse();

        assertThat(options.urls()).containsExactly("http://127.0.0.1:9200");
        assertThat(options.indexPrefix()).isEqualTo("ai-api-watch-risk");
        assertThat(options.username()).isNull();
        assertThat(options.caCertificate()).isNull();
        assertThat(options.templateMode()).isEqualTo(ElasticsearchOptions.TemplateMode.INSTALL);
        assertThat(options.bulkActions()).isEqualTo(500);
        assertThat(options.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxRetries()).isEqualTo(8);
    }

    @Test
    void severalUrlsAccepted() throws InvalidOptionException {
        ElasticsearchOptions options =
                parse("--elasticsearch-url", "https://es-2:9200,https://es-3:9200");

        assertThat(options.urls())
                .containsExactly("http://127.0.0.1:9200", "https://es-2:9200", "https://es-3:9200");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:9200",
                "ftp://host",
                "http://",
                "not a url",
                "http://127.0.0.1:9200/some/path",
                "http://127.0.0.1:9200?x=1"
            })
    void badUrlRejected(String url) {
        assertThatThrownBy(() -> JobOptions.parse(new String[] {"--elasticsearch-url", url}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --elasticsearch-url")
                .hasMessageContaining("an http or https URL with a host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AI-Watch", "-risk", "risk*", "a b"})
    void badIndexPrefixRejected(String prefix) {
        assertThatThrownBy(() -> parse("--elasticsearch-index-prefix", prefix))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(
                        "Invalid value '" + prefix + "' for --elasticsearch-index-prefix");
    }

    @Test
    void optionWithoutUrlRejected() {
        assertThatThrownBy(
                        () -> JobOptions.parse(new String[] {"--elasticsearch-username", "watch"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Elasticsearch options need --elasticsearch-url");
    }

    @Test
    void passwordFromFileFirstLine() throws IOException, InvalidOptionException {
        Path file = Files.writeString(directory.resolve("password"), "s3cret\nsecond line\n");

        ElasticsearchOptions options =
                parse(
                        "--elasticsearch-username",
                        "watch",
                        "--elasticsearch-password-file",
                        file.toString());

        assertThat(options.password(Map.of("ELASTICSEARCH_PASSWORD", "from-environment")))
                .isEqualTo("s3cret");
        assertThat(options.describe(Map.of())).contains("user watch").doesNotContain("s3cret");
    }

    @Test
    void passwordFromEnvironment() throws IOException, InvalidOptionException {
        ElasticsearchOptions options = parse("--elasticsearch-username", "watch");

        assertThat(options.password(Map.of("ELASTICSEARCH_PASSWORD", "from-environment")))
                .isEqualTo("from-environment");
        assertThat(options.password(Map.of())).isNull();
    }

    @Test
    void apiKeyOnlyWithoutUser() throws IOException, InvalidOptionException {
        assertThat(parse().apiKey(Map.of("ELASTICSEARCH_API_KEY", "a2V5"))).isEqualTo("a2V5");
        assertThat(
                        parse("--elasticsearch-username", "watch")
                                .apiKey(Map.of("ELASTICSEARCH_API_KEY", "a2V5")))
                .isNull();
    }

    @Test
    void credentialSourceNamesOptionOrVariable() throws IOException, InvalidOptionException {
        Path passwordFile = Files.writeString(directory.resolve("password"), "s3cret\n");
        Path apiKeyFile = Files.writeString(directory.resolve("api-key"), "a2V5\n");
        Map<String, String> apiKeyVariable = Map.of("ELASTICSEARCH_API_KEY", "a2V5");

        assertThat(
                        parse(
                                        "--elasticsearch-username",
                                        "watch",
                                        "--elasticsearch-password-file",
                                        passwordFile.toString())
                                .credentialSource(Map.of()))
                .isEqualTo("--elasticsearch-password-file " + passwordFile.toAbsolutePath());
        assertThat(parse("--elasticsearch-username", "watch").credentialSource(Map.of()))
                .isEqualTo("the environment variable ELASTICSEARCH_PASSWORD");
        assertThat(
                        parse("--elasticsearch-api-key-file", apiKeyFile.toString())
                                .credentialSource(Map.of()))
                .isEqualTo("--elasticsearch-api-key-file " + apiKeyFile.toAbsolutePath());
        assertThat(parse().credentialSource(apiKeyVariable))
                .isEqualTo("the environment variable ELASTICSEARCH_API_KEY");
        assertThat(parse().credentialSource(Map.of())).isNull();
    }

    @Test
    void descriptionNamesCredentialInUse() throws IOException, InvalidOptionException {
        Path apiKeyFile = Files.writeString(directory.resolve("api-key"), "a2V5\n");
        String settings = "nodes [http://127.0.0.1:9200], indices ai-api-watch-risk-yyyy.MM.dd, ";

        assertThat(parse().describe(Map.of("ELASTICSEARCH_API_KEY", "a2V5")))
                .isEqualTo(
                        settings
                                + "API key from the environment variable ELASTICSEARCH_API_KEY,"
                                + " template install");
        assertThat(parse().describe(Map.of()))
                .isEqualTo(settings + "no credentials, template install");
        assertThat(
                        parse("--elasticsearch-username", "watch")
                                .describe(Map.of("ELASTICSEARCH_PASSWORD", "s3cret")))
                .isEqualTo(
                        settings
                                + "user watch with the password from the environment variable"
                                + " ELASTICSEARCH_PASSWORD, template install");
        assertThat(
                        parse("--elasticsearch-username", "watch")
                                .describe(Map.of("ELASTICSEARCH_API_KEY", "a2V5")))
                .isEqualTo(
                        settings
                                + "user watch without a password (ELASTICSEARCH_PASSWORD is not"
                                + " set), template install");
        assertThat(parse("--elasticsearch-api-key-file", apiKeyFile.toString()).describe(Map.of()))
                .isEqualTo(
                        settings
                                + "API key from --elasticsearch-api-key-file "
                                + apiKeyFile.toAbsolutePath()
                                + ", template install");
    }

    @Test
    void unusedCredentialVariableNamed() throws InvalidOptionException {
        Map<String, String> apiKeyVariable = Map.of("ELASTICSEARCH_API_KEY", "a2V5");
        Map<String, String> passwordVariable = Map.of("ELASTICSEARCH_PASSWORD", "s3cret");

        assertThat(parse("--elasticsearch-username", "watch").unusedCredential(apiKeyVariable))
                .isEqualTo(
                        "ELASTICSEARCH_API_KEY is set but not used: --elasticsearch-username"
                                + " watch logs in with a password. Unset ELASTICSEARCH_API_KEY, or"
                                + " leave out --elasticsearch-username to log in with the API"
                                + " key.");
        assertThat(parse().unusedCredential(passwordVariable))
                .isEqualTo(
                        "ELASTICSEARCH_PASSWORD is set but not used, as --elasticsearch-username"
                                + " is not given. Give --elasticsearch-username to log in with that"
                                + " password, or unset ELASTICSEARCH_PASSWORD.");
        assertThat(parse("--elasticsearch-username", "watch").unusedCredential(passwordVariable))
                .isNull();
        assertThat(parse().unusedCredential(apiKeyVariable)).isNull();
        assertThat(parse().unusedCredential(Map.of("ELASTICSEARCH_PASSWORD", " "))).isNull();
    }

    @Test
    void emptySecretFileRejected() throws IOException, InvalidOptionException {
        Path file = Files.writeString(directory.resolve("api-key"), "\n");
        ElasticsearchOptions options = parse("--elasticsearch-api-key-file", file.toString());

        assertThatThrownBy(() -> options.apiKey(Map.of()))
                .isInstanceOf(MissingCredentialException.class)
                .hasMessage(
                        "the first line of "
                                + file.toAbsolutePath()
                                + " (--elasticsearch-api-key-file) is empty; write the API key on"
                                + " the first line of the file.");
    }

    @Test
    void pemCertificateAccepted() throws InvalidOptionException {
        Path certificate = Path.of("src/test/resources/certificates/test-ca.crt");

        ElasticsearchOptions options =
                parse("--elasticsearch-ca-certificate", certificate.toString());

        assertThat(options.caCertificate()).isEqualTo(certificate.toAbsolutePath().toString());
    }

    @Test
    void fileWithoutCertificateRejected() throws IOException {
        Path key = Files.writeString(directory.resolve("ca.key"), "not a certificate\n");

        assertThatThrownBy(() -> parse("--elasticsearch-ca-certificate", key.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith(
                        "Invalid value '"
                                + key.toAbsolutePath()
                                + "' for --elasticsearch-ca-certificate: expected a PEM file with"
                                + " the CA certificate");
    }

    @Test
    void userAndApiKeyTogetherRejected() throws IOException {
        Path file = Files.writeString(directory.resolve("api-key"), "a2V5\n");

        assertThatThrownBy(
                        () ->
                                parse(
                                        "--elasticsearch-username",
                                        "watch",
                                        "--elasticsearch-api-key-file",
                                        file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void passwordFileWithoutUserRejected() throws IOException {
        Path file = Files.writeString(directory.resolve("password"), "s3cret\n");

        assertThatThrownBy(() -> parse("--elasticsearch-password-file", file.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(
                        "--elasticsearch-password-file needs --elasticsearch-username");
    }

    @Test
    void badTemplateModeRejected() {
        assertThatThrownBy(() -> parse("--elasticsearch-template", "replace"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("install, check or skip");
    }

    @Test
    void outputFileWithElasticsearchRejected() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--elasticsearch-url",
                                            "http://127.0.0.1:9200",
                                            "--output",
                                            directory.resolve("r.ndjson").toString()
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("are alternatives");
    }
}
