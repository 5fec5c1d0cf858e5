package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.AllowlistValidator;
import dev.aiapiwatch.allowlist.HostGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads allowlist files: one JSON object with the fields {@code hostGroups} and {@code entries},
 * arrays of the objects that {@link AllowlistJson} describes. Either may be left out. Errors name
 * the file and the position of the group or entry, with the fix.
 */
public final class AllowlistFile {

    private static final List<String> FIELDS = List.of("hostGroups", "entries");

    private AllowlistFile() {}

    /**
     * Reads the allowlist in {@code file}.
     *
     * @param requireDefinedHostGroups whether an entry that names a host group the file does not
     *     define is an error, as it is for the allowlist the job starts with
     * @throws IllegalArgumentException naming the file and the first invalid group or entry
     * @throws IOException when the file cannot be read
     */
    public static Allowlist read(Path file, boolean requireDefinedHostGroups) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        return read(content, file.toString(), requireDefinedHostGroups);
    }

    static Allowlist read(String content, String name, boolean requireDefinedHostGroups) {
        JsonNode json;
        try {
            json = Json.configReader().readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(
                    name
                            + " is not valid JSON: "
                            + e.getOriginalMessage()
                            + (at == null
                                    ? ""
                                    : " (line "
                                            + at.getLineNr()
                                            + ", column "
                                            + at.getColumnNr()
                                            + ")"),
                    e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(
                    name + " must contain one JSON object with \"hostGroups\" and \"entries\"");
        }
        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        name
                                + ": unknown field '"
                                + field
                                + "'; the fields are hostGroups and"
                                + " entries");
            }
        }
        List<HostGroup> groups = readGroups(name, array(name, json, "hostGroups"));
        List<AllowlistEntry> entries = readEntries(name, array(name, json, "entries"));
        if (requireDefinedHostGroups) {
            checkHostGroupsDefined(name, groups, entries);
        }
        return Allowlist.of(groups, entries);
    }

    private static List<HostGroup> readGroups(String name, List<JsonNode> objects) {
        List<HostGroup> groups = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            String where = name + ": hostGroups[" + i + "]";
            HostGroup group;
            try {
                group =
                        AllowlistValidator.validHostGroup(
                                AllowlistJson.readHostGroup(object(objects.get(i)), Set.of()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            Integer earlier = positions.putIfAbsent(group.name, i);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        where
                                + ": host group '"
                                + group.name
                                + "' is already defined at"
                                + " hostGroups["
                                + earlier
                                + "]; keep one of them");
            }
            groups.add(group);
        }
        return groups;
    }

    private static List<AllowlistEntry> readEntries(String name, List<JsonNode> objects) {
        List<AllowlistEntry> entries = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String where = name + ": entries[" + i + "]";
            JsonNode id = object.get("id");
            if (id != null && id.isTextual() && !id.textValue().isBlank()) {
                where += " (id '" + id.textValue().strip() + "')";
            }
            AllowlistEntry entry;
            try {
                entry =
                        AllowlistValidator.validEntry(
                                AllowlistJson.readEntry(object(object), Set.of()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            Integer earlier = positions.putIfAbsent(entry.id, i);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        where
                                + ": the id is already used by entries["
                                + earlier
                                + "]; give each"
                                + " entry its own id");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static void checkHostGroupsDefined(
            String name, List<HostGroup> groups, List<AllowlistEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            AllowlistEntry entry = entries.get(i);
            String group = entry.hostGroup;
            if (group != null && groups.stream().noneMatch(defined -> defined.name.equals(group))) {
                throw new IllegalArgumentException(
                        name
                                + ": entries["
                                + i
                                + "] (id '"
                                + entry.id
                                + "'): host group '"
                                + group
                                + "' is not defined; add it to \"hostGroups\" or fix the name");
            }
        }
    }

    private static List<JsonNode> array(String name, JsonNode json, String field) {
        JsonNode value = json.get(field);
        List<JsonNode> elements = new ArrayList<>();
        if (value == null || value.isNull()) {
            return elements;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(
                    name + ": \"" + field + "\" must be an array of objects");
        }
        value.forEach(elements::add);
        return elements;
    }

    private static JsonNode object(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, not " + json);
        }
        return json;
    }
}
