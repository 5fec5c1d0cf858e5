package dev.aiapiwatch.allowlist;

import static dev.aiapiwatch.testing.TestAllowlists.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    @Test
    void entryNormalised() {
        AllowlistEntry entry = entry(" ds-notebooks ");
        entry.processName = " Python.EXE ";
        entry.domain = "API.OpenAI.com.";
        entry.user = "ALEX";
        entry.reason = "  ";

        AllowlistEntry valid = AllowlistValidator.validEntry(entry);

        assertThat(valid.id).isEqualTo("ds-notebooks");
        assertThat(valid.processName).isEqualTo("python.exe");
        assertThat(valid.domain).isEqualTo("api.openai.com");
        assertThat(valid.user).isEqualTo("alex");
        assertThat(valid.reason).isNull();
        assertThat(valid.expiresAt).isEqualTo(Instant.parse("2027-04-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void missingOwnerRejected() {
        AllowlistEntry entry = withProcess(entry("x"));
        entry.owner = null;

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageStartingWith("missing \"owner\"")
                .hasMessageContaining("\"owner\": \"secops@example.com\"");
    }

    @Test
    void missingExpiryRejected() {
        AllowlistEntry entry = withProcess(entry("x"));
        entry.expires = " ";

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageStartingWith("missing \"expires\"")
                .hasMessageContaining("\"2027-03-31\"");
    }

    @Test
    void invalidExpiryRejected() {
        AllowlistEntry entry = withProcess(entry("x"));
        entry.expires = "next year";

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageContaining("'next year' is neither an ISO-8601 date nor an instant");
    }

    @Test
    void entryWithoutConditionRejected() {
        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry("x")))
                .hasMessageContaining("no condition in \"match\"")
                .hasMessageContaining("suppress every lookup")
                .hasMessageContaining("processName");
    }

    @Test
    void invalidCommandLinePatternRejected() {
        AllowlistEntry entry = entry("x");
        entry.commandLinePattern = "train(.py";

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageContaining("'train(.py' is not a valid Java regular expression")
                .hasMessageContaining("Unclosed group");
    }

    @Test
    void processNameWithDirectoryRejected() {
        AllowlistEntry entry = entry("x");
        entry.processName = "C:\\Python312\\python.exe";

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageContaining("contains a directory; give the base name only");
    }

    @Test
    void invalidDomainRejected() {
        AllowlistEntry entry = entry("x");
        entry.domain = "*.com";

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageStartingWith("\"domain\" '*.com' is invalid");
    }

    @Test
    void invalidIdRejected() {
        AllowlistEntry entry = withProcess(entry("data science"));

        assertThatThrownBy(() -> AllowlistValidator.validEntry(entry))
                .hasMessageContaining("id 'data science' is invalid");
    }

    @Test
    void emptyHostGroupRejected() {
        HostGroup group = new HostGroup("empty", new String[0], new String[] {});

        assertThatThrownBy(() -> AllowlistValidator.validHostGroup(group))
                .hasMessageContaining("host group 'empty' lists no \"aids\"");
    }

    @Test
    void invalidEntryNamedInAllowlistMessage() {
        AllowlistEntry entry = withProcess(entry("ds-notebooks"));
        entry.owner = null;

        assertThatThrownBy(() -> Allowlist.of(List.of(), List.of(entry)))
                .hasMessageStartingWith("allowlist entry 'ds-notebooks': missing \"owner\"");
    }

    @Test
    void undefinedHostGroupReported() {
        AllowlistEntry entry = entry("x");
        entry.hostGroup = "data-science";

        Allowlist allowlist = Allowlist.of(List.of(), List.of(entry));

        assertThat(allowlist.entriesWithUndefinedHostGroup())
                .extracting(e -> e.id)
                .containsExactly("x");
    }

    @Test
    void versionDependsOnContentOnly() {
        AllowlistEntry first = withProcess(entry("a"));
        AllowlistEntry second = withProcess(entry("b"));
        AllowlistEntry sameExpiry = withProcess(entry("b"));
        sameExpiry.expires = "2027-04-01T02:00:00+02:00";

        Allowlist forward = Allowlist.of(List.of(), List.of(first, second));
        Allowlist backward = Allowlist.of(List.of(), List.of(second, first));
        Allowlist sameInstant = Allowlist.of(List.of(), List.of(first, sameExpiry));

        assertThat(forward.version).startsWith("al-").hasSize(15);
        assertThat(backward.version).isEqualTo(forward.version);
        assertThat(sameInstant.version).isEqualTo(forward.version);
        assertThat(Allowlist.of(List.of(), List.of(first)).version).isNotEqualTo(forward.version);
    }

    @Test
    void withAndWithoutEntryChangeVersion() {
        Allowlist empty = Allowlist.empty();

        Allowlist added = empty.withEntry(withProcess(entry("a")));
        AllowlistEntry changed = withProcess(entry("a"));
        changed.owner = "secops@example.com";
        Allowlist replaced = added.withEntry(changed);
        Allowlist removed = replaced.withoutEntry("a");

        assertThat(added.size()).isEqualTo(1);
        assertThat(added.version).isNotEqualTo(empty.version);
        assertThat(replaced.size()).isEqualTo(1);
        assertThat(replaced.entry("a").owner).isEqualTo("secops@example.com");
        assertThat(replaced.version).isNotEqualTo(added.version);
        assertThat(removed.size()).isZero();
        assertThat(removed.version).isEqualTo(empty.version);
        assertThat(added.entry("a").owner).isEqualTo("ds-platform@example.com");
    }

    @Test
    void hostGroupChangesVersion() {
        Allowlist empty = Allowlist.empty();
        HostGroup group = new HostGroup("lab", new String[] {"AAAA"}, new String[] {"DS-*"});

        Allowlist withGroup = empty.withHostGroup(group);

        assertThat(withGroup.version).isNotEqualTo(empty.version);
        assertThat(withGroup.hostGroup("lab").aids).containsExactly("aaaa");
        assertThat(withGroup.hostGroup("lab").hostNamePatterns).containsExactly("ds-*");
        assertThat(withGroup.withoutHostGroup("lab").version).isEqualTo(empty.version);
    }

    private static AllowlistEntry withProcess(AllowlistEntry entry) {
        entry.processName = "python.exe";
        return entry;
    }
}
