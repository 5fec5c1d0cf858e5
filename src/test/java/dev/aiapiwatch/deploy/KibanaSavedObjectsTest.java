package dev.aiapiwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.io.elasticsearch.RiskIndexTemplate;
import dev.aiapiwatch.io.elasticsearch.RiskRecordDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kibana saved objects in deploy/kibana are well formed, reference each other and use only
 * aggregatable fields of the index template that the job installs. No Kibana runs in the tests, so
 * no test imports them into a real Kibana.
 */
class KibanaSavedObjectsTest {

    private static final Path SAVED_OBJECTS = Path.of("deploy/kibana/ai-api-watch.ndjson");

    /** Lens's pseudo-field of the count operation, which counts documents. */
    private static final String RECORDS_FIELD = "___records___";

    /** Width of the Kibana dashboard grid, in columns. */
    private static final int GRID_COLUMNS = 48;

    /**
     * Attributes that the dashboard saved-object schema of Kibana 8.x (schema v1 in the dashboard
     * plugin) allows. It rejects any other attribute.
     */
    private static final Set<String> DASHBOARD_ATTRIBUTES =
            Set.of(
                    "title",
                    "description",
                    "kibanaSavedObjectMeta",
                    "timeRestore",
                    "timeFrom",
                    "timeTo",
                    "refreshInterval",
                    "controlGroupInput",
                    "panelsJSON",
                    "optionsJSON",
                    "hits",
                    "version");

    /** Lens data type that each aggregatable mapping type has. */
    private static final Map<String, String> LENS_DATA_TYPES =
            Map.ofEntries(
                    Map.entry("keyword", "string"),
                    Map.entry("constant_keyword", "string"),
                    Map.entry("long", "number"),
                    Map.entry("integer", "number"),
                    Map.entry("short", "number"),
                    Map.entry("byte", "number"),
                    Map.entry("double", "number"),
                    Map.entry("float", "number"),
                    Map.entry("half_float", "number"),
                    Map.entry("scaled_float", "number"),
                    Map.entry("date", "date"),
                    Map.entry("date_nanos", "date"),
                    Map.entry("ip", "ip"),
                    Map.entry("boolean", "boolean"));

    /**
     * Lens operations that need a numeric field. The others used here (terms, last value, min, max,
     * date histogram) return values of the field's type, except unique count, which returns a
     * number.
     */
    private static final Set<String> NUMERIC_OPERATIONS =
            Set.of("sum", "average", "median", "percentile", "standard_deviation");

    /** A KQL clause that starts with a field name and a comparison. */
    private static final Pattern KQL_CLAUSE =
            Pattern.compile("^\\s*(?:not\\s+)?\\(?\\s*([@\\w.]+)\\s*(?::|<=|>=|<|>)");

    private static final Pattern KQL_CONNECTIVE =
            Pattern.compile("\\s+(?:and|or)\\s+", Pattern.CASE_INSENSITIVE);

    private static List<JsonNode> objects;
    private static JsonNode dataView;
    private static JsonNode dashboard;
    private static List<JsonNode> panels;
    private static Map<String, String> templateFields;

    @BeforeAll
    static void readFiles() throws IOException {
        objects = new ArrayList<>();
        List<String> lines = Files.readAllLines(SAVED_OBJECTS);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("line %d", i + 1).isNotBlank();
            objects.add(Json.configReader().readTree(lines.get(i)));
        }
        dataView = onlyObjectOfType("index-pattern");
        dashboard = onlyObjectOfType("dashboard");
        panels = new ArrayList<>();
        parseEmbedded(dashboard.at("/attributes/panelsJSON")).forEach(panels::add);

        String template = RiskIndexTemplate.body(ElasticsearchOptions.DEFAULT_INDEX_PREFIX);
        templateFields = new LinkedHashMap<>();
        collectFields(
                Json.mapper().readTree(template).at("/template/mappings/properties"),
                "",
                templateFields);
    }

    @Test
    void everyLineIsSavedObject() {
        assertThat(objects).hasSize(2);
        Set<String> keys = new HashSet<>();
        for (JsonNode object : objects) {
            assertThat(object.isObject()).as("saved object %s", object).isTrue();
            assertThat(object.path("type").isTextual()).as("type of %s", object).isTrue();
            assertThat(object.path("id").asText()).as("id of %s", object).isNotBlank();
            assertThat(object.path("attributes").isObject())
                    .as("attributes of %s", key(object))
                    .isTrue();
            assertThat(object.path("references").isArray())
                    .as("references of %s", key(object))
                    .isTrue();
            assertThat(keys.add(key(object))).as("unique %s", key(object)).isTrue();
        }
    }

    @Test
    void referencesPointToObjectsInFile() {
        Set<String> keys = new HashSet<>();
        objects.forEach(object -> keys.add(key(object)));
        for (JsonNode object : objects) {
            for (JsonNode reference : object.path("references")) {
                assertThat(keys)
                        .as("target of reference %s in %s", reference, key(object))
                        .contains(key(reference));
            }
        }
        for (JsonNode panel : panels) {
            for (JsonNode reference : panel.at("/embeddableConfig/attributes/references")) {
                assertThat(keys)
                        .as("target of reference %s in panel %s", reference, panelIndex(panel))
                        .contains(key(reference));
            }
        }
    }

    @Test
    void dataViewMatchesDefaultIndices() throws IOException {
        String title = dataView.at("/attributes/title").asText();
        JsonNode template =
                Json.mapper()
                        .readTree(
                                RiskIndexTemplate.body(ElasticsearchOptions.DEFAULT_INDEX_PREFIX));
        String dailyIndex =
                RiskRecordDocuments.indexName(
                        ElasticsearchOptions.DEFAULT_INDEX_PREFIX,
                        Instant.parse("2026-11-02T10:00:00Z").toEpochMilli());

        assertThat(title).isEqualTo("ai-api-watch-risk-*");
        assertThat(title).isEqualTo(template.at("/index_patterns/0").asText());
        assertThat(template.path("index_patterns")).hasSize(1);
        assertThat(dailyIndex).matches(title.replace("*", ".*"));
        assertThat(dataView.at("/attributes/timeFieldName").asText()).isEqualTo("@timestamp");
    }

    /**
     * Kibana replaces the references inside a by-value Lens panel with the dashboard's references
     * named {@code <panelIndex>:<name>}, and drops those that have no match, which leaves the panel
     * without a data view.
     */
    @Test
    void lensReferencesMatchDashboard() {
        Map<String, JsonNode> dashboardReferences = new LinkedHashMap<>();
        for (JsonNode reference : dashboard.path("references")) {
            dashboardReferences.put(reference.path("name").asText(), reference);
        }
        Set<String> expectedNames = new HashSet<>();
        for (JsonNode panel : panels) {
            JsonNode attributes = panel.at("/embeddableConfig/attributes");
            Set<String> innerNames = new HashSet<>();
            for (JsonNode inner : attributes.path("references")) {
                String name = panelIndex(panel) + ":" + inner.path("name").asText();
                innerNames.add(inner.path("name").asText());
                expectedNames.add(name);
                assertThat(dashboardReferences).as("dashboard references").containsKey(name);
                assertThat(key(dashboardReferences.get(name))).as(name).isEqualTo(key(inner));
            }
            for (String layerId : fieldNames(formBasedLayers(panel))) {
                String name = "indexpattern-datasource-layer-" + layerId;
                assertThat(innerNames)
                        .as("references of panel %s", panelIndex(panel))
                        .contains(name);
            }
        }
        assertThat(dashboardReferences.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);
        for (JsonNode reference : dashboardReferences.values()) {
            assertThat(key(reference)).isEqualTo(key(dataView));
        }
    }

    @Test
    void lensFieldsExistInTemplate() throws IOException {
        for (JsonNode panel : panels) {
            JsonNode layers = formBasedLayers(panel);
            for (String layerId : fieldNames(layers)) {
                JsonNode columns = layers.path(layerId).path("columns");
                for (String columnId : fieldNames(columns)) {
                    JsonNode column = columns.path(columnId);
                    String field = column.path("sourceField").asText();
                    String where = panelIndex(panel) + "/" + columnId;
                    if (field.equals(RECORDS_FIELD)) {
                        assertThat(column.path("operationType").asText())
                                .as(where)
                                .isEqualTo("count");
                        continue;
                    }
                    String fieldType = LENS_DATA_TYPES.get(aggregatableType(field, where));
                    String operation = column.path("operationType").asText();
                    if (NUMERIC_OPERATIONS.contains(operation)) {
                        assertThat(fieldType)
                                .as("type of %s (%s)", where, field)
                                .isEqualTo("number");
                    }
                    String resultType = fieldType;
                    if (operation.equals("unique_count")
                            || NUMERIC_OPERATIONS.contains(operation)) {
                        resultType = "number";
                    }
                    assertThat(column.path("dataType").asText())
                            .as("data type of %s (%s of %s)", where, operation, field)
                            .isEqualTo(resultType);
                }
            }
            List<String> fields = new ArrayList<>();
            collectFieldReferences(panel.at("/embeddableConfig/attributes/state"), fields);
            for (String field : fields) {
                aggregatableType(field, panelIndex(panel));
            }
        }
        List<String> dashboardFields = new ArrayList<>();
        collectFieldReferences(
                parseEmbedded(dashboard.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON")),
                dashboardFields);
        for (String field : dashboardFields) {
            aggregatableType(field, "dashboard query");
        }
        aggregatableType(dataView.at("/attributes/timeFieldName").asText(), "data view");
    }

    @Test
    void lensAccessorsNameColumns() {
        for (JsonNode panel : panels) {
            JsonNode layers = formBasedLayers(panel);
            assertThat(fieldNames(layers)).as("layers of %s", panelIndex(panel)).hasSize(1);
            String layerId = fieldNames(layers).get(0);
            JsonNode layer = layers.path(layerId);
            List<String> columnIds = fieldNames(layer.path("columns"));
            List<String> columnOrder = new ArrayList<>();
            layer.path("columnOrder").forEach(id -> columnOrder.add(id.asText()));
            assertThat(columnOrder).containsExactlyInAnyOrderElementsOf(columnIds);

            JsonNode visualization = panel.at("/embeddableConfig/attributes/state/visualization");
            List<String> accessors = new ArrayList<>();
            collectAccessors(visualization, accessors);
            for (JsonNode column : layer.path("columns")) {
                JsonNode orderBy = column.at("/params/orderBy/columnId");
                if (!orderBy.isMissingNode()) {
                    accessors.add(orderBy.asText());
                }
            }
            assertThat(accessors).as("accessors of %s", panelIndex(panel)).isNotEmpty();
            assertThat(columnIds).as("columns of %s", panelIndex(panel)).containsAll(accessors);

            List<String> visualizationLayers = new ArrayList<>();
            collectValues(visualization, "layerId", visualizationLayers);
            assertThat(visualizationLayers)
                    .as("layer of %s", panelIndex(panel))
                    .containsOnly(layerId);
        }
    }

    @Test
    void dashboardPanelsFitGrid() {
        assertThat(panels)
                .extracting(panel -> panel.path("title").asText())
                .containsExactly(
                        "Records",
                        "Hosts",
                        "Highest risk score",
                        "Records with confirmed connections",
                        "Records over time by severity",
                        "Records by provider",
                        "Top hosts by risk score",
                        "Top users by risk score",
                        "Records by process category",
                        "Confirmed connections by destination IP",
                        "Highest-scoring records");
        Set<String> indexes = new HashSet<>();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridData");
            assertThat(panel.path("type").asText()).isEqualTo("lens");
            assertThat(indexes.add(panelIndex(panel))).as("unique %s", panelIndex(panel)).isTrue();
            assertThat(grid.path("i").asText()).isEqualTo(panelIndex(panel));
            assertThat(grid.path("x").asInt()).isNotNegative();
            assertThat(grid.path("w").asInt()).isPositive();
            assertThat(grid.path("h").asInt()).isPositive();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                    .as("right edge of %s", panelIndex(panel))
                    .isLessThanOrEqualTo(GRID_COLUMNS);
            for (JsonNode other : panels) {
                if (other != panel) {
                    assertThat(overlap(grid, other.path("gridData")))
                            .as("%s overlaps %s", panelIndex(panel), panelIndex(other))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void dashboardAttributesAreKnownToKibana() throws IOException {
        JsonNode attributes = dashboard.path("attributes");

        assertThat(fieldNames(attributes)).allMatch(DASHBOARD_ATTRIBUTES::contains);
        assertThat(attributes.path("title").asText()).isNotBlank();
        assertThat(parseEmbedded(attributes.path("optionsJSON")).isObject()).isTrue();
        assertThat(parseEmbedded(attributes.path("panelsJSON")).isArray()).isTrue();
        assertThat(attributes.path("timeRestore").asBoolean()).isTrue();
        assertThat(attributes.path("timeFrom").asText()).isEqualTo("now-7d");
        JsonNode searchSource =
                parseEmbedded(attributes.at("/kibanaSavedObjectMeta/searchSourceJSON"));
        assertThat(searchSource.at("/query/language").asText()).isEqualTo("kuery");
    }

    /** Returns the mapping type of {@code field}, failing unless it is aggregatable. */
    private static String aggregatableType(String field, String where) {
        String type = templateFields.get(field);
        if (type == null) {
            fail("%s uses the field %s, which the index template does not map", where, field);
        }
        if (!LENS_DATA_TYPES.containsKey(type)) {
            fail("%s uses the field %s of type %s, which is not aggregatable", where, field, type);
        }
        return type;
    }

    /** Collects {@code path -> type} for every field and sub-field of a mapping. */
    private static void collectFields(
            JsonNode properties, String prefix, Map<String, String> fields) {
        for (String name : fieldNames(properties)) {
            JsonNode mapping = properties.path(name);
            String path = prefix + name;
            if (mapping.has("type")) {
                fields.put(path, mapping.path("type").asText());
                for (String sub : fieldNames(mapping.path("fields"))) {
                    fields.put(
                            path + "." + sub,
                            mapping.path("fields").path(sub).path("type").asText());
                }
            }
            if (mapping.has("properties")) {
                collectFields(mapping.path("properties"), path + ".", fields);
            }
        }
    }

    /**
     * Collects the fields that Lens state names outside the columns' source fields: the sort field
     * of last-value columns and the fields of KQL queries.
     */
    private static void collectFieldReferences(JsonNode node, List<String> fields) {
        collectValues(node, "sortField", fields);
        List<JsonNode> queries = new ArrayList<>();
        collectQueries(node, queries);
        for (JsonNode query : queries) {
            fields.addAll(kqlFields(query.path("query").asText()));
        }
    }

    private static void collectQueries(JsonNode node, List<JsonNode> queries) {
        if (node.isObject() && node.path("query").isTextual() && node.has("language")) {
            assertThat(node.path("language").asText())
                    .as("language of %s", node)
                    .isEqualTo("kuery");
            queries.add(node);
        }
        node.forEach(child -> collectQueries(child, queries));
    }

    /**
     * Returns the field names of a KQL query made of {@code field op value} clauses joined by
     * {@code and} or {@code or}, and fails on any other form so that no field goes unchecked.
     */
    private static List<String> kqlFields(String query) {
        List<String> fields = new ArrayList<>();
        if (query.isBlank()) {
            return fields;
        }
        for (String clause : KQL_CONNECTIVE.split(query)) {
            Matcher matcher = KQL_CLAUSE.matcher(clause);
            if (!matcher.find()) {
                fail("KQL clause '%s' of query '%s' does not start with a field", clause, query);
            }
            fields.add(matcher.group(1));
        }
        return fields;
    }

    /** Collects the column ids that a Lens visualization state shows. */
    private static void collectAccessors(JsonNode node, List<String> accessors) {
        for (String key :
                List.of(
                        "metricAccessor",
                        "xAccessor",
                        "splitAccessor",
                        "accessors",
                        "primaryGroups",
                        "metrics",
                        "columnId")) {
            collectValues(node, key, accessors);
        }
    }

    /** Collects the text values under {@code key} anywhere in {@code node}, arrays included. */
    private static void collectValues(JsonNode node, String key, List<String> values) {
        if (node.isObject() && node.has(key)) {
            JsonNode value = node.path(key);
            if (value.isArray()) {
                value.forEach(item -> values.add(item.asText()));
            } else if (value.isTextual()) {
                values.add(value.asText());
            }
        }
        node.forEach(child -> collectValues(child, key, values));
    }

    private static JsonNode formBasedLayers(JsonNode panel) {
        JsonNode layers =
                panel.at("/embeddableConfig/attributes/state/datasourceStates/formBased/layers");
        assertThat(layers.isObject()).as("form-based layers of %s", panelIndex(panel)).isTrue();
        return layers;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static JsonNode onlyObjectOfType(String type) {
        List<JsonNode> matches =
                objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
        assertThat(matches).as("saved objects of type %s", type).hasSize(1);
        return matches.get(0);
    }

    /** Parses a JSON document that Kibana stores as a string attribute. */
    private static JsonNode parseEmbedded(JsonNode text) throws IOException {
        assertThat(text.isTextual()).as("embedded JSON %s", text).isTrue();
        return Json.configReader().readTree(text.asText());
    }

    private static String key(JsonNode object) {
        return object.path("type").asText() + "/" + object.path("id").asText();
    }

    private static String panelIndex(JsonNode panel) {
        return panel.path("panelIndex").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
