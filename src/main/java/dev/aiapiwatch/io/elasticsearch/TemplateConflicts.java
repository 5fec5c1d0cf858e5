package dev.aiapiwatch.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The start checks that the record indices get the job's index template: the template under its
 * name is one the job installed, and no template of higher priority matches the record indices.
 * Both read the templates with {@code GET /_index_template}, which {@code monitor} grants too.
 */
final class TemplateConflicts {

    /** The {@code _meta.managed_by} value of the job's template. */
    static final String MANAGED_BY = "ai-api-watch";

    private TemplateConflicts() {}

    /** Returns the installed template called {@code name}, or null when there is none. */
    static JsonNode installed(RestClient client, String name) throws IOException {
        try {
            Response response =
                    client.performRequest(new Request("GET", "/_index_template/" + name));
            JsonNode json = Json.mapper().readTree(EntityUtils.toString(response.getEntity()));
            JsonNode template = json.at("/index_templates/0/index_template");
            return template.isMissingNode() ? null : template;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Checks that {@code installed}, the template called {@code name}, is missing or was installed
     * by the job, so that installing never replaces someone else's template.
     */
    static void checkOwned(JsonNode installed, String name, ElasticsearchOptions options)
            throws IOException {
        if (installed == null || MANAGED_BY.equals(installed.at("/_meta/managed_by").asText())) {
            return;
        }
        throw new IOException(
                "the index template "
                        + name
                        + " in Elasticsearch was not installed by ai-api-watch (its"
                        + " _meta.managed_by is not "
                        + MANAGED_BY
                        + "), so the job "
                        + (options.templateMode() == ElasticsearchOptions.TemplateMode.INSTALL
                                ? "does not replace it"
                                : "cannot check it")
                        + ". Delete it with DELETE /_index_template/"
                        + name
                        + " if nothing else uses it, or write to other indices with "
                        + ElasticsearchOptions.INDEX_PREFIX
                        + ".");
    }

    /**
     * Checks that no other template of higher priority matches the record indices, which would give
     * a new index its settings and mappings instead of the job's.
     */
    static void checkApplies(RestClient client, String name, ElasticsearchOptions options)
            throws IOException {
        Response response = client.performRequest(new Request("GET", "/_index_template"));
        JsonNode templates =
                Json.mapper()
                        .readTree(EntityUtils.toString(response.getEntity()))
                        .path("index_templates");
        String conflict = conflict(templates, name, options.indexPrefix());
        if (conflict != null) {
            throw new IOException(conflict);
        }
    }

    /**
     * Returns the message for the template of highest priority among {@code templates} whose
     * patterns match some record index of {@code indexPrefix}, when it is not the one called {@code
     * name}, or null when the job's template applies to every record index.
     */
    static String conflict(JsonNode templates, String name, String indexPrefix) {
        JsonNode winner = null;
        long ownPriority = 0;
        for (JsonNode template : templates) {
            JsonNode body = template.path("index_template");
            if (!matchesSomeRecordIndex(body.path("index_patterns"), indexPrefix)) {
                continue;
            }
            long priority = body.path("priority").asLong(0);
            if (template.path("name").asText().equals(name)) {
                ownPriority = priority;
            }
            if (winner == null || priority > winner.at("/index_template/priority").asLong(0)) {
                winner = template;
            }
        }
        if (winner == null || winner.path("name").asText().equals(name)) {
            return null;
        }
        boolean dataStream = winner.at("/index_template/data_stream").isObject();
        return "the index template "
                + winner.path("name").asText()
                + " (priority "
                + winner.at("/index_template/priority").asLong(0)
                + ") matches record indices "
                + indexPrefix
                + "-yyyy.MM.dd with a higher priority than the job's template "
                + name
                + " (priority "
                + ownPriority
                + "), so new record indices would get its settings and mappings"
                + (dataStream ? " and become data streams, which reject the job's writes" : "")
                + ". Lower its priority below "
                + ownPriority
                + " or change its index_patterns, or write to other indices with "
                + ElasticsearchOptions.INDEX_PREFIX
                + ".";
    }

    /**
     * Returns whether one of {@code patterns}, with {@code *} for any characters, matches some
     * index name {@code <indexPrefix>-yyyy.MM.dd}: the daily indices the job writes.
     */
    static boolean matchesSomeRecordIndex(JsonNode patterns, String indexPrefix) {
        // The record index names, as characters and '#' for any digit.
        String shape = indexPrefix + "-####.##.##";
        for (JsonNode pattern : patterns) {
            if (intersects(pattern.asText(), shape)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether {@code glob} matches some string of {@code shape}, where '*' in the glob is
     * any characters and '#' in the shape any digit.
     */
    private static boolean intersects(String glob, String shape) {
        // matched[i][j]: the glob from i can match the shape from j.
        boolean[][] matched = new boolean[glob.length() + 1][shape.length() + 1];
        matched[glob.length()][shape.length()] = true;
        for (int i = glob.length() - 1; i >= 0; i--) {
            for (int j = shape.length(); j >= 0; j--) {
                char g = glob.charAt(i);
                if (g == '*') {
                    matched[i][j] = matched[i + 1][j] || (j < shape.length() && matched[i][j + 1]);
                } else if (j < shape.length()) {
                    char c = shape.charAt(j);
                    boolean same = c == '#' ? Character.isDigit(g) : c == g;
                    matched[i][j] = same && matched[i + 1][j + 1];
                }
            }
        }
        return matched[0][0];
    }
}
