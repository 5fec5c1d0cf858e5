package dev.aiapiwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;

/**
 * Messages for requests that Elasticsearch rejected with an error status, which name the request,
 * the option involved and the fix. A message names the user and where its password or API key comes
 * from, never the credential itself.
 */
final class RejectedRequests {

    /** The role with every privilege the job needs, for the default index prefix. */
    static final String ROLE_FILE = "deploy/elasticsearch/ai-api-watch-role.json";

    private RejectedRequests() {}

    /**
     * Returns the message for {@code request} that failed with {@code status}. For 401 it names the
     * credentials, and for 403 the privilege in Elasticsearch's {@code reason}, which lists the
     * privileges that grant the request.
     */
    static String rejected(
            ElasticsearchOptions options,
            Map<String, String> environment,
            String request,
            int status,
            String reason) {
        String source = options.credentialSource(environment);
        String nodes = "Elasticsearch at " + options.urls();
        if (status == 401 && source == null) {
            return nodes
                    + " requires authentication (401 Unauthorized to "
                    + request
                    + "). Give a user with "
                    + ElasticsearchOptions.USERNAME
                    + " and its password, or an API key with "
                    + ElasticsearchOptions.API_KEY_FILE
                    + ".";
        }
        if (status == 401 && options.username() != null) {
            return nodes
                    + " rejected user "
                    + options.username()
                    + " with the password from "
                    + source
                    + " (401 Unauthorized to "
                    + request
                    + "). Check that user "
                    + options.username()
                    + " exists and is enabled, and that "
                    + source
                    + " holds its current password.";
        }
        if (status == 401) {
            return nodes
                    + " rejected the API key from "
                    + source
                    + " (401 Unauthorized to "
                    + request
                    + "). Check that "
                    + source
                    + " holds a valid API key that has not expired or been invalidated.";
        }
        if (status == 403) {
            String who =
                    options.username() != null
                            ? "user " + options.username()
                            : source != null ? "the API key" : "the anonymous user";
            String message =
                    "Elasticsearch denied "
                            + who
                            + " the request "
                            + request
                            + " (403 Forbidden): "
                            + reason
                            + ". Grant "
                            + who
                            + " one of these privileges; the role in "
                            + ROLE_FILE
                            + " has every privilege the job needs"
                            + (options.indexPrefix()
                                            .equals(ElasticsearchOptions.DEFAULT_INDEX_PREFIX)
                                    ? "."
                                    : ", once its index names are changed to "
                                            + options.indexPrefix()
                                            + "-* for --elasticsearch-index-prefix "
                                            + options.indexPrefix()
                                            + ".");
            boolean installingTemplate =
                    request.contains("/_index_template/")
                            && options.templateMode() == ElasticsearchOptions.TemplateMode.INSTALL;
            if (installingTemplate) {
                message +=
                        " Or, once an administrator has installed the template, run with "
                                + ElasticsearchOptions.TEMPLATE
                                + " check, which needs monitor instead of manage_index_templates.";
            }
            return message;
        }
        return "Elasticsearch returned status " + status + " to " + request + ": " + reason;
    }

    /** Returns the message for a response with an error status, as {@link #rejected} does. */
    static String rejected(
            ElasticsearchOptions options, Map<String, String> environment, ResponseException e) {
        String request =
                e.getResponse().getRequestLine().getMethod()
                        + " "
                        + e.getResponse().getRequestLine().getUri();
        return rejected(
                options,
                environment,
                request,
                e.getResponse().getStatusLine().getStatusCode(),
                reason(e));
    }

    /**
     * Returns the message for a bulk request of {@code documents} documents that failed as a whole
     * with 401 or 403, or null for any other error, which a retry may cure.
     */
    static String deniedBulkRequest(
            ElasticsearchOptions options,
            Map<String, String> environment,
            Throwable error,
            int documents) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        int status = 0;
        String reason = cause.getMessage();
        if (cause instanceof ElasticsearchException) {
            ElasticsearchException response = (ElasticsearchException) cause;
            status = response.status();
            if (response.error() != null && response.error().reason() != null) {
                reason = response.error().reason();
            }
        } else if (cause instanceof TransportException) {
            status = ((TransportException) cause).statusCode();
        }
        if (status != 401 && status != 403) {
            return null;
        }
        return rejected(
                options,
                environment,
                "POST /_bulk of " + documents + (documents == 1 ? " document" : " documents"),
                status,
                reason);
    }

    /** Returns the {@code error.reason} of the response body, or its status line. */
    private static String reason(ResponseException e) {
        try {
            if (e.getResponse().getEntity() != null) {
                JsonNode body =
                        Json.mapper().readTree(EntityUtils.toString(e.getResponse().getEntity()));
                JsonNode reason = body.at("/error/reason");
                if (reason.isTextual()) {
                    return reason.asText();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // The status line below still names the failure.
        }
        return e.getResponse().getStatusLine().toString();
    }
}
