package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedRequestsTest {

    private static final String URL = "https://es-1:9200";
    private static final String REASON =
            "action [indices:data/write/bulk] is unauthorized for user [watch], this action is"
                    + " granted by the index privileges [create_doc,create,delete,index,write,all]";

    @TempDir Path directory;

    private static ElasticsearchOptions options(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--elasticsearch-url", URL));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).elasticsearch();
    }

    @Test
    void unauthorizedUserNamesPasswordSource() throws Exception {
        String message =
                RejectedRequests.rejected(
                        options("--elasticsearch-username", "watch"),
                        Map.of(),
                        "GET /_index_template/ai-api-watch-risk",
                        401,
                        "unable to authenticate user [watch]");

        assertThat(message)
                .isEqualTo(
                        "Elasticsearch at ["
                                + URL
                                + "] rejected user watch with the password from the environment"
                                + " variable ELASTICSEARCH_PASSWORD (401 Unauthorized to GET"
                                + " /_index_template/ai-api-watch-risk). Check that user watch"
                                + " exists and is enabled, and that the environment variable"
                                + " ELASTICSEARCH_PASSWORD holds its current password.");
    }

    @Test
    void unauthorizedApiKeyNamesFile() throws Exception {
        Path apiKey = Files.writeString(directory.resolve("api-key"), "a2V5\n");

        String message =
                RejectedRequests.rejected(
                        options("--elasticsearch-api-key-file", apiKey.toString()),
                        Map.of(),
                        "POST /_bulk of 3 documents",
                        401,
                        "unable to authenticate with provided credentials");

        assertThat(message)
                .startsWith("Elasticsearch at [" + URL + "] rejected the API key from")
                .contains("--elasticsearch-api-key-file " + apiKey.toAbsolutePath())
                .contains("(401 Unauthorized to POST /_bulk of 3 documents)")
                .endsWith("holds a valid API key that has not expired or been invalidated.");
    }

    @Test
    void unauthorizedWithoutCredentialsNamesOptions() throws Exception {
        String message =
                RejectedRequests.rejected(
                        options(), Map.of(), "GET /_index_template/x", 401, "missing credentials");

        assertThat(message)
                .isEqualTo(
                        "Elasticsearch at ["
                                + URL
                                + "] requires authentication (401 Unauthorized to GET"
                                + " /_index_template/x). Give a user with --elasticsearch-username"
                                + " and its password, or an API key with"
                                + " --elasticsearch-api-key-file.");
    }

    @Test
    void forbiddenPassesPrivilegesOn() throws Exception {
        String message =
                RejectedRequests.rejected(
                        options("--elasticsearch-username", "watch"),
                        Map.of(),
                        "POST /_bulk of 2 documents",
                        403,
                        REASON);

        assertThat(message)
                .isEqualTo(
                        "Elasticsearch denied user watch the request POST /_bulk of 2 documents"
                                + " (403 Forbidden): "
                                + REASON
                                + ". Grant user watch one of these privileges; the role in"
                                + " deploy/elasticsearch/ai-api-watch-role.json has every"
                                + " privilege the job needs.");
    }

    @Test
    void forbiddenWithOtherPrefixNamesIndices() throws Exception {
        String message =
                RejectedRequests.rejected(
                        options(
                                "--elasticsearch-username",
                                "watch",
                                "--elasticsearch-index-prefix",
                                "soc-ai"),
                        Map.of(),
                        "POST /_bulk of 2 documents",
                        403,
                        REASON);

        assertThat(message)
                .endsWith(
                        "the role in deploy/elasticsearch/ai-api-watch-role.json has every"
                                + " privilege the job needs, once its index names are changed to"
                                + " soc-ai-* for --elasticsearch-index-prefix soc-ai.");
    }

    @Test
    void forbiddenTemplateInstallOffersCheckMode() throws Exception {
        String request = "GET /_index_template/ai-api-watch-risk";

        String install =
                RejectedRequests.rejected(
                        options("--elasticsearch-username", "watch"), Map.of(), request, 403, "x");
        String check =
                RejectedRequests.rejected(
                        options(
                                "--elasticsearch-username",
                                "watch",
                                "--elasticsearch-template",
                                "check"),
                        Map.of(),
                        request,
                        403,
                        "x");

        assertThat(install)
                .endsWith(
                        " Or, once an administrator has installed the template, run with"
                                + " --elasticsearch-template check, which needs monitor instead"
                                + " of manage_index_templates.");
        assertThat(check).endsWith("has every privilege the job needs.");
    }

    @Test
    void forbiddenBulkRequestExplained() throws Exception {
        ErrorResponse response =
                ErrorResponse.of(
                        error ->
                                error.status(403)
                                        .error(
                                                cause ->
                                                        cause.type("security_exception")
                                                                .reason(REASON)));
        CompletionException failure =
                new CompletionException(new ElasticsearchException("es/bulk", response));

        String message =
                RejectedRequests.deniedBulkRequest(
                        options("--elasticsearch-username", "watch"), Map.of(), failure, 1);

        assertThat(message)
                .startsWith(
                        "Elasticsearch denied user watch the request POST /_bulk of 1 document"
                                + " (403 Forbidden): "
                                + REASON);
    }

    @Test
    void otherBulkFailuresLeftToRetries() throws Exception {
        ErrorResponse unavailable =
                ErrorResponse.of(
                        error ->
                                error.status(503)
                                        .error(cause -> cause.type("unavailable").reason("busy")));

        assertThat(
                        RejectedRequests.deniedBulkRequest(
                                options(),
                                Map.of(),
                                new ElasticsearchException("es/bulk", unavailable),
                                1))
                .isNull();
        assertThat(
                        RejectedRequests.deniedBulkRequest(
                                options(), Map.of(), new ConnectException("refused"), 1))
                .isNull();
    }
}
