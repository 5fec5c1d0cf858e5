package dev.aiapiwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AllowlistFileTest {

    /** The example of the README. */
    static final String EXAMPLE =
            """
            {
              "hostGroups": [
                {"name": "data-science",
                 "aids": ["4f9c2a61d3b84e0fa6c1e7b25d8f3a90"],
                 "hostNamePatterns": ["ds-*", "jupyter-*"]}
              ],
              "entries": [
                {"id": "ds-notebooks",
                 "owner": "ds-platform@example.com",
                 "expires": "2027-03-31",
                 "reason": "Approved notebooks call the OpenAI API",
                 "match": {"hostGroup": "data-science", "processName": "python.exe",
                           "domain": "api.openai.com"}},
                {"id": "secops-scanner",
                 "owner": "secops@example.com",
                 "expires": "2026-12-31T18:00:00Z",
                 "match": {"user": "svc-scanner", "commandLinePattern": "--probe-ai\\\\b"}}
              ]
            }
            """;

    @Test
    void exampleRead() {
        Allowlist allowlist = AllowlistFile.read(EXAMPLE, "allow.json", true);

        assertThat(allowlist.hostGroups).hasSize(1);
        assertThat(allowlist.hostGroup("data-science").hostNamePatterns)
                .containsExactly("ds-*", "jupyter-*");
        assertThat(allowlist.entries)
                .extracting(entry -> entry.id)
                .containsExactly("ds-notebooks", "secops-scanner");
        AllowlistEntry notebooks = allowlist.entry("ds-notebooks");
        assertThat(notebooks.hostGroup).isEqualTo("data-science");
        assertThat(notebooks.domain).isEqualTo("api.openai.com");
        assertThat(notebooks.expiresAt)
                .isEqualTo(Instant.parse("2027-04-01T00:00:00Z").toEpochMilli());
        assertThat(allowlist.entry("secops-scanner").commandLinePattern).isEqualTo("--probe-ai\\b");
    }

    @Test
    void emptyObjectIsEmptyAllowlist() {
        assertThat(AllowlistFile.read("{}", "allow.json", true).version)
                .isEqualTo(Allowlist.empty().version);
    }

    @Test
    void invalidJsonNamesFileAndPosition() {
        assertThatThrownBy(() -> AllowlistFile.read("{\n  \"entries\": [,]\n}", "allow.json", true))
                .hasMessageStartingWith("allow.json is not valid JSON: ")
                .hasMessageEndingWith("(line 2, column 15)");
    }

    @Test
    void notAnObjectRejected() {
        assertThatThrownBy(() -> AllowlistFile.read("[]", "allow.json", true))
                .hasMessage(
                        "allow.json must contain one JSON object with \"hostGroups\" and"
                                + " \"entries\"");
    }

    @Test
    void unknownTopFieldRejected() {
        assertThatThrownBy(() -> AllowlistFile.read("{\"entry\": []}", "allow.json", true))
                .hasMessage(
                        "allow.json: unknown field 'entry'; the fields are hostGroups and entries");
    }

    @Test
    void repeatedFieldRejected() {
        assertThatThrownBy(
                        () ->
                                AllowlistFile.read(
                                        "{\"entries\": [], \"entries\": []}", "allow.json", true))
                .hasMessageContaining("Duplicate field 'entries'");
    }

    @Test
    void missingOwnerNamesFileAndEntry() {
        String file =
                "{\"entries\": [{\"id\": \"ok\", \"owner\": \"o\", \"expires\": \"2027-01-01\","
                        + " \"match\": {\"host\": \"h\"}}, {\"id\": \"ds-notebooks\", \"expires\":"
                        + " \"2027-01-01\", \"match\": {\"host\": \"h\"}}]}";

        assertThatThrownBy(() -> AllowlistFile.read(file, "allow.json", true))
                .hasMessageStartingWith(
                        "allow.json: entries[1] (id 'ds-notebooks'): missing \"owner\"; name the"
                                + " team or person");
    }

    @Test
    void misspeltConditionNamesEntry() {
        String file =
                "{\"entries\": [{\"id\": \"x\", \"owner\": \"o\", \"expires\": \"2027-01-01\","
                        + " \"match\": {\"processname\": \"python.exe\"}}]}";

        assertThatThrownBy(() -> AllowlistFile.read(file, "allow.json", true))
                .hasMessageStartingWith(
                        "allow.json: entries[0] (id 'x'): unknown condition 'processname' in"
                                + " \"match\"; use host, hostGroup");
    }

    @Test
    void repeatedIdRejected() {
        String entry =
                "{\"id\": \"x\", \"owner\": \"o\", \"expires\": \"2027-01-01\", \"match\":"
                        + " {\"host\": \"h\"}}";

        assertThatThrownBy(
                        () ->
                                AllowlistFile.read(
                                        "{\"entries\": [" + entry + ", " + entry + "]}",
                                        "allow.json",
                                        true))
                .hasMessage(
                        "allow.json: entries[1] (id 'x'): the id is already used by entries[0];"
                                + " give each entry its own id");
    }

    @Test
    void repeatedHostGroupRejected() {
        String group = "{\"name\": \"lab\", \"aids\": [\"a\"]}";

        assertThatThrownBy(
                        () ->
                                AllowlistFile.read(
                                        "{\"hostGroups\": [" + group + ", " + group + "]}",
                                        "allow.json",
                                        true))
                .hasMessage(
                        "allow.json: hostGroups[1]: host group 'lab' is already defined at"
                                + " hostGroups[0]; keep one of them");
    }

    @Test
    void emptyHostGroupRejected() {
        assertThatThrownBy(
                        () ->
                                AllowlistFile.read(
                                        "{\"hostGroups\": [{\"name\": \"lab\"}]}",
                                        "allow.json",
                                        true))
                .hasMessage(
                        "allow.json: hostGroups[0]: host group 'lab' lists no \"aids\" and no"
                                + " \"hostNamePatterns\"; add at least one");
    }

    @Test
    void unknownHostGroupRejectedAtStart() {
        String file =
                "{\"entries\": [{\"id\": \"x\", \"owner\": \"o\", \"expires\": \"2027-01-01\","
                        + " \"match\": {\"hostGroup\": \"lab\"}}]}";

        assertThatThrownBy(() -> AllowlistFile.read(file, "allow.json", true))
                .hasMessage(
                        "allow.json: entries[0] (id 'x'): host group 'lab' is not defined; add it"
                                + " to \"hostGroups\" or fix the name");
        assertThat(AllowlistFile.read(file, "allow.json", false).entriesWithUndefinedHostGroup())
                .extracting(entry -> entry.id)
                .containsExactly("x");
    }

    @Test
    void entryWithoutConditionRejected() {
        String file =
                "{\"entries\": [{\"id\": \"x\", \"owner\": \"o\", \"expires\": \"2027-01-01\"}]}";

        assertThatThrownBy(() -> AllowlistFile.read(file, "allow.json", true))
                .hasMessageStartingWith(
                        "allow.json: entries[0] (id 'x'): no condition in \"match\", so the entry"
                                + " would suppress every lookup");
    }

    @Test
    void badRegexNamesEntry() {
        String file =
                "{\"entries\": [{\"id\": \"x\", \"owner\": \"o\", \"expires\": \"2027-01-01\","
                        + " \"match\": {\"commandLinePattern\": \"[a-\"}}]}";

        assertThatThrownBy(() -> AllowlistFile.read(file, "allow.json", true))
                .hasMessageStartingWith(
                        "allow.json: entries[0] (id 'x'): \"commandLinePattern\" '[a-' is not a"
                                + " valid Java regular expression");
    }

    @Test
    void entryNotAnObjectRejected() {
        assertThatThrownBy(() -> AllowlistFile.read("{\"entries\": [\"x\"]}", "allow.json", true))
                .hasMessage("allow.json: entries[0]: expected a JSON object, not \"x\"");
    }
}
