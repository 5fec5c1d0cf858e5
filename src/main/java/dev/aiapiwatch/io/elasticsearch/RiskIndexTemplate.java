package dev.aiapiwatch.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composable index template of the risk-record indices: explicit mappings (keyword for names
 * and ids, date for times, numbers for counts and weights, text with a keyword sub-field for
 * command lines) and strict dynamic mapping, so that a field the template does not know is an error
 * instead of a guessed type.
 */
public final class RiskIndexTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(RiskIndexTemplate.class);

    /** Version of the template body; raise it with every change to the mappings. */
    public static final int VERSION = 2;

    private static final String RESOURCE = "/elasticsearch/risk-index-template.json";

    private RiskIndexTemplate() {}

    /** Returns the template name for {@code indexPrefix}: the prefix itself. */
    public static String name(String indexPrefix) {
        return indexPrefix;
    }

    /** Returns the template body for the indices {@code <indexPrefix>-*}. */
    public static String body(String indexPrefix) throws IOException {
        return body(indexPrefix, null);
    }

    /**
     * Returns the template body for the indices {@code <indexPrefix>-*}, with {@code ilmPolicy} as
     * their lifecycle policy unless it is null.
     */
    public static String body(String indexPrefix, String ilmPolicy) throws IOException {
        String body;
        try (InputStream stream = RiskIndexTemplate.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IOException(
                        "index template " + RESOURCE + " is missing from the classpath");
            }
            body =
                    new String(stream.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("${INDEX_PREFIX}", indexPrefix)
                            .replace("${TEMPLATE_VERSION}", Integer.toString(VERSION));
        }
        if (ilmPolicy == null) {
            return body;
        }
        // NOTE: the Elasticsearch distribution of the tests has no ILM module, so no test runs a
        // cluster that applies the policy. The tests check the template body only.
        ObjectNode template = (ObjectNode) Json.mapper().readTree(body);
        ((ObjectNode) template.at("/template/settings")).put("index.lifecycle.name", ilmPolicy);
        return Json.mapper().writeValueAsString(template);
    }

    /**
     * Installs or checks the template as {@link ElasticsearchOptions#templateMode()} says, before
     * the job starts, so that a wrong URL, wrong credentials or a missing privilege stop the job
     * with a clear message instead of failing every bulk request later.
     *
     * @throws IOException with a message that names the problem and the fix
     */
    public static void prepare(ElasticsearchOptions options) throws IOException {
        if (options.templateMode() == ElasticsearchOptions.TemplateMode.SKIP) {
            LOG.info("Not checking the Elasticsearch index template, as requested");
            return;
        }
        String name = name(options.indexPrefix());
        try (RestClient client = ElasticsearchTransports.restClient(options)) {
            JsonNode template = TemplateConflicts.installed(client, name);
            TemplateConflicts.checkOwned(template, name, options);
            Integer installed = template == null ? null : version(template);
            if (options.templateMode() == ElasticsearchOptions.TemplateMode.CHECK) {
                checkInstalled(name, installed);
            } else {
                install(client, options, name, template, installed);
            }
            TemplateConflicts.checkApplies(client, name, options);
        } catch (ResponseException e) {
            String message = RejectedRequests.rejected(options, System.getenv(), e);
            if (options.ilmPolicy() != null && message.contains("index.lifecycle.name")) {
                message +=
                        " Elasticsearch rejected the lifecycle policy setting of "
                                + ElasticsearchOptions.ILM_POLICY
                                + " "
                                + options.ilmPolicy()
                                + ": install the policy with PUT /_ilm/policy/"
                                + options.ilmPolicy()
                                + " on a cluster with index lifecycle management, or leave out "
                                + ElasticsearchOptions.ILM_POLICY
                                + ".";
            }
            boolean mappingConflict =
                    e.getResponse().getStatusLine().getStatusCode() == 400
                            && e.getResponse().getRequestLine().getUri().contains("/_mapping");
            if (mappingConflict) {
                message +=
                        ". An index matching "
                                + options.indexPrefix()
                                + "-* has a field that template version "
                                + VERSION
                                + " maps differently, so it cannot take the job's records:"
                                + " reindex or delete that index, or write to other indices"
                                + " with "
                                + ElasticsearchOptions.INDEX_PREFIX
                                + ". The older template stays installed until the update"
                                + " succeeds.";
            }
            throw new IOException(message, e);
        } catch (IOException e) {
            String message = ConnectionErrors.unreachable(options, e);
            if (message == null) {
                throw e;
            }
            throw new IOException(message, e);
        }
    }

    /** Checks, for {@link ElasticsearchOptions.TemplateMode#CHECK}, the installed version. */
    private static void checkInstalled(String name, Integer installed) throws IOException {
        if (installed == null) {
            throw new IOException(
                    "the index template "
                            + name
                            + " is missing from Elasticsearch. Install it once with "
                            + ElasticsearchOptions.TEMPLATE
                            + " install, as a user with the manage_index_templates"
                            + " privilege.");
        }
        if (installed < VERSION) {
            throw new IOException(
                    "the index template "
                            + name
                            + " in Elasticsearch is version "
                            + installed
                            + ", older than version "
                            + VERSION
                            + " that this job writes; its strict mapping would reject"
                            + " the new fields. Install it with "
                            + ElasticsearchOptions.TEMPLATE
                            + " install, as a user with the role in "
                            + RejectedRequests.ROLE_FILE
                            + ".");
        }
        LOG.info("Elasticsearch index template {} version {} is installed", name, installed);
    }

    /**
     * Installs the template, for {@link ElasticsearchOptions.TemplateMode#INSTALL}, unless the
     * installed one is this version with the same policy, or newer.
     */
    private static void install(
            RestClient client,
            ElasticsearchOptions options,
            String name,
            JsonNode template,
            Integer installed)
            throws IOException {
        if (installed != null && installed > VERSION) {
            // A newer build installed it. Its mapping only adds fields, so this build's
            // records still fit, and installing the older version would reject the newer
            // build's fields while both run.
            LOG.warn(
                    "Elasticsearch index template {} is version {}, newer than version {} of"
                            + " this build; leaving it as it is",
                    name,
                    installed,
                    VERSION);
            return;
        }
        if (installed != null
                && installed == VERSION
                && Objects.equals(policy(template), options.ilmPolicy())) {
            LOG.info("Elasticsearch index template {} version {} is up to date", name, VERSION);
            return;
        }
        if (installed != null) {
            // Before the template, so that a failed update leaves the older version
            // installed and the next start tries again.
            updateExistingIndices(client, options.indexPrefix());
        }
        Request put = new Request("PUT", "/_index_template/" + name);
        put.setEntity(
                new NStringEntity(
                        body(options.indexPrefix(), options.ilmPolicy()),
                        ContentType.APPLICATION_JSON));
        client.performRequest(put);
        LOG.info(
                "Installed Elasticsearch index template {} version {} (was {})",
                name,
                VERSION,
                installed == null ? "missing" : "version " + installed);
    }

    /**
     * Adds the fields of this template version to the indices created from an older one, so that
     * the index of the current period accepts records with new fields at once. Elasticsearch
     * accepts new fields in a mapping update; it never changes existing ones.
     */
    private static void updateExistingIndices(RestClient client, String indexPrefix)
            throws IOException {
        JsonNode mappings = Json.mapper().readTree(body(indexPrefix)).at("/template/mappings");
        Request put = new Request("PUT", "/" + indexPrefix + "-*/_mapping");
        put.addParameter("allow_no_indices", "true");
        put.setEntity(
                new NStringEntity(
                        Json.mapper().writeValueAsString(mappings), ContentType.APPLICATION_JSON));
        client.performRequest(put);
        LOG.info(
                "Added the fields of template version {} to the indices {}-*",
                VERSION,
                indexPrefix);
    }

    /** Returns the lifecycle policy that an installed template sets, or null for none. */
    private static String policy(JsonNode template) {
        JsonNode settings = template.at("/template/settings");
        JsonNode policy = settings.at("/index/lifecycle/name");
        if (policy.isMissingNode()) {
            policy = settings.path("index.lifecycle.name");
        }
        return policy.isTextual() ? policy.asText() : null;
    }

    /** Returns the version of an installed template, or -1 when it has none. */
    private static int version(JsonNode template) {
        JsonNode version = template.path("version");
        return version.isNumber() ? version.asInt() : -1;
    }
}
