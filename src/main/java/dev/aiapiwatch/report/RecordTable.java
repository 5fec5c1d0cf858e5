package dev.aiapiwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The risk records of an output file as a text table, highest risk score first, then highest
 * weight, then most lookups. Of the lines that share an id, the last one is the record's final
 * state. An unattributed record shows {@code ?} after its process name, or alone without one.
 */
public final class RecordTable {

    private static final String[] HEADERS = {
        "SCORE",
        "WEIGHT",
        "LOOKUPS",
        "CONFIRMED",
        "CATEGORY",
        "PROCESS",
        "PARENT",
        "HOST",
        "USER",
        "DOMAIN",
        "PROVIDER",
        "FIRST SEEN"
    };
    private static final int MAX_COLUMN_WIDTH = 36;

    private final List<JsonNode> records;

    private RecordTable(List<JsonNode> records) {
        this.records = records;
    }

    /** Reads the final state of each record in {@code file}. */
    public static RecordTable read(Path file) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode record = Json.mapper().readTree(line);
                    byId.put(record.path("id").asText(), record);
                }
            }
        }
        List<JsonNode> records = new ArrayList<>(byId.values());
        records.sort(
                Comparator.comparingInt((JsonNode r) -> r.at("/event/risk_score").asInt())
                        .reversed()
                        .thenComparing(
                                Comparator.comparingInt(
                                                (JsonNode r) -> r.at("/ai_api/risk_weight").asInt())
                                        .reversed())
                        .thenComparing(
                                Comparator.comparingLong(
                                                (JsonNode r) ->
                                                        r.at("/ai_api/dns_query_count").asLong())
                                        .reversed())
                        .thenComparing(r -> r.path("@timestamp").asText()));
        return new RecordTable(records);
    }

    public int size() {
        return records.size();
    }

    /** Prints at most {@code limit} records. */
    public void print(PrintStream out, int limit) {
        if (records.isEmpty()) {
            out.println("No risk records.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (JsonNode record : records.subList(0, Math.min(limit, records.size()))) {
            rows.add(row(record));
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.printf(
                Locale.ROOT,
                "Top risk records (%d of %d, by score, then weight, then lookups):%n",
                rows.size() - 1,
                records.size());
        for (String[] row : rows) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String[] row(JsonNode record) {
        String user = record.at("/user/name").asText(record.at("/user/id").asText(""));
        String host = record.at("/host/name").asText(record.at("/host/id").asText(""));
        String process = record.at("/process/name").asText("");
        if ("unattributed".equals(record.at("/ai_api/attribution").asText())) {
            process = process.isEmpty() ? "?" : process + " ?";
        }
        return new String[] {
            record.at("/event/risk_score").asText(),
            record.at("/ai_api/risk_weight").asText(),
            record.at("/ai_api/dns_query_count").asText(),
            record.at("/ai_api/confirmed_connections").asText(),
            record.at("/ai_api/process_category").asText(),
            cell(process),
            cell(record.at("/process/parent/name").asText("")),
            cell(host),
            cell(user),
            cell(record.at("/dns/question/name").asText("")),
            cell(record.at("/ai_api/provider").asText("")),
            record.path("@timestamp").asText()
        };
    }

    /**
     * Returns {@code value}, or its start and end around "..." when it is too long. The end stays,
     * because values often differ there: the account number of a SID, the domain of a host name.
     */
    static String cell(String value) {
        if (value.length() <= MAX_COLUMN_WIDTH) {
            return value;
        }
        int start = (MAX_COLUMN_WIDTH - 3) / 2;
        int end = MAX_COLUMN_WIDTH - 3 - start;
        // Dots next to the cut would run into "..." and read as part of it.
        String head = value.substring(0, start).replaceAll("\\.+$", "");
        String tail = value.substring(value.length() - end).replaceAll("^\\.+", "");
        return head + "..." + tail;
    }
}
