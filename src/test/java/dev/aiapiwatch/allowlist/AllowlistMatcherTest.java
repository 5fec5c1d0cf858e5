package dev.aiapiwatch.allowlist;

import static dev.aiapiwatch.testing.TestAllowlists.entry;
import static dev.aiapiwatch.testing.TestAllowlists.lookup;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.WatchedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AllowlistMatcherTest {

    private final List<AllowlistEntry> expired = new ArrayList<>();

    @Test
    void hostMatchesAidOrHostName() {
        assertThat(matches(condition(AllowlistCondition.HOST, HOST_A.toUpperCase()))).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST, "ds-lab-04"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST, HOST_B))).isFalse();
        assertThat(matches(condition(AllowlistCondition.HOST, "ds-lab"))).isFalse();
    }

    @Test
    void hostGroupMatchesAidOrHostNamePattern() {
        HostGroup byAid = new HostGroup("by-aid", new String[] {HOST_A}, new String[0]);
        HostGroup byName = new HostGroup("by-name", new String[0], new String[] {"ds-*"});
        HostGroup other = new HostGroup("other", new String[] {HOST_B}, new String[] {"web-*"});
        AllowlistEntry entry = condition(AllowlistCondition.HOST_GROUP, "by-aid");

        assertThat(matches(entry, byAid)).isTrue();
        entry.hostGroup = "by-name";
        assertThat(matches(entry, byName)).isTrue();
        entry.hostGroup = "other";
        assertThat(matches(entry, other)).isFalse();
    }

    @Test
    void undefinedHostGroupMatchesNothing() {
        assertThat(matches(condition(AllowlistCondition.HOST_GROUP, "not-defined"))).isFalse();
    }

    @Test
    void hostNamePatternMatchesWholeName() {
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "ds-*"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "*-04"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "ds-lab-04*"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "lab-*"))).isFalse();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "ds-lab-0"))).isFalse();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "ds.lab*"))).isFalse();
    }

    @Test
    void userMatchesNameOrSid() {
        assertThat(matches(condition(AllowlistCondition.USER, "ALEX"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.USER, USER_SID.toLowerCase()))).isTrue();
        assertThat(matches(condition(AllowlistCondition.USER, "sam"))).isFalse();
    }

    @Test
    void processNameMatchesBaseName() {
        assertThat(matches(condition(AllowlistCondition.PROCESS_NAME, "Python.EXE"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.PROCESS_NAME, "python"))).isFalse();
        assertThat(matches(condition(AllowlistCondition.PROCESS_NAME, "pwsh.exe"))).isFalse();
    }

    @Test
    void parentProcessNameMatchesBaseName() {
        assertThat(matches(condition(AllowlistCondition.PARENT_PROCESS_NAME, "EXPLORER.exe")))
                .isTrue();
        assertThat(matches(condition(AllowlistCondition.PARENT_PROCESS_NAME, "winword.exe")))
                .isFalse();
    }

    @Test
    void commandLinePatternFoundAnywhere() {
        assertThat(matches(condition(AllowlistCondition.COMMAND_LINE_PATTERN, "--model gpt-4")))
                .isTrue();
        assertThat(
                        matches(
                                condition(
                                        AllowlistCondition.COMMAND_LINE_PATTERN,
                                        "^python\\.exe train")))
                .isTrue();
        assertThat(matches(condition(AllowlistCondition.COMMAND_LINE_PATTERN, "^train"))).isFalse();
        assertThat(matches(condition(AllowlistCondition.COMMAND_LINE_PATTERN, "TRAIN\\.PY")))
                .isFalse();
        assertThat(matches(condition(AllowlistCondition.COMMAND_LINE_PATTERN, "(?i)TRAIN\\.PY")))
                .isTrue();
    }

    @Test
    void commandLinePatternSeesRedactedText() {
        AttributedLookup lookup = lookup();
        lookup.process.commandLine = "curl -H \"Authorization: Bearer [REDACTED]\" https://api";

        AllowlistEntry secret = condition(AllowlistCondition.COMMAND_LINE_PATTERN, "Bearer sk-");
        AllowlistEntry marker =
                condition(AllowlistCondition.COMMAND_LINE_PATTERN, "Bearer \\[REDACTED\\]");

        assertThat(matches(secret, lookup)).isFalse();
        assertThat(matches(marker, lookup)).isTrue();
    }

    @Test
    void domainMatchesOnLabelBoundaries() {
        assertThat(matches(condition(AllowlistCondition.DOMAIN, "API.OpenAI.com."))).isTrue();
        assertThat(matches(condition(AllowlistCondition.DOMAIN, "*.openai.com"))).isTrue();
        assertThat(matches(condition(AllowlistCondition.DOMAIN, "openai.com"))).isFalse();
        assertThat(matches(condition(AllowlistCondition.DOMAIN, "api.anthropic.com"))).isFalse();

        AttributedLookup lookalike = lookup();
        lookalike.lookup.domain = "api.openai.com.evil.example";
        assertThat(matches(condition(AllowlistCondition.DOMAIN, "*.openai.com"), lookalike))
                .isFalse();
    }

    @Test
    void everyConditionMustHold() {
        AllowlistEntry entry = condition(AllowlistCondition.PROCESS_NAME, "python.exe");
        entry.user = "alex";
        entry.domain = "api.openai.com";
        assertThat(matches(entry)).isTrue();

        entry.user = "sam";
        assertThat(matches(entry)).isFalse();
    }

    @Test
    void missingProcessFieldsMatchNoCondition() {
        AttributedLookup nameOnly = lookup();
        WatchedProcess process = new WatchedProcess();
        process.processName = "python.exe";
        nameOnly.process = process;

        assertThat(matches(condition(AllowlistCondition.PROCESS_NAME, "python.exe"), nameOnly))
                .isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST, HOST_A), nameOnly)).isTrue();
        assertThat(matches(condition(AllowlistCondition.HOST, "ds-lab-04"), nameOnly)).isFalse();
        assertThat(matches(condition(AllowlistCondition.USER, "alex"), nameOnly)).isFalse();
        assertThat(matches(condition(AllowlistCondition.HOST_NAME_PATTERN, "*"), nameOnly))
                .isFalse();
        assertThat(matches(condition(AllowlistCondition.PARENT_PROCESS_NAME, "x.exe"), nameOnly))
                .isFalse();
        assertThat(matches(condition(AllowlistCondition.COMMAND_LINE_PATTERN, ".*"), nameOnly))
                .isFalse();
    }

    @Test
    void missingProcessMatchesLookupConditionsOnly() {
        AttributedLookup noProcess = lookup();
        noProcess.process = null;

        assertThat(matches(condition(AllowlistCondition.DOMAIN, "api.openai.com"), noProcess))
                .isTrue();
        assertThat(matches(condition(AllowlistCondition.PROCESS_NAME, "python.exe"), noProcess))
                .isFalse();
    }

    @Test
    void entryAppliesJustBeforeExpiry() {
        AllowlistEntry entry = condition(AllowlistCondition.PROCESS_NAME, "python.exe");
        AllowlistEntry valid = AllowlistValidator.validEntry(entry);
        AttributedLookup lookup = lookup();
        lookup.lookup.timestamp = valid.expiresAt - 1;

        assertThat(matches(entry, lookup)).isTrue();
        assertThat(expired).isEmpty();
    }

    @Test
    void entryExpiredAtItsInstant() {
        AllowlistEntry entry = condition(AllowlistCondition.PROCESS_NAME, "python.exe");
        AllowlistEntry valid = AllowlistValidator.validEntry(entry);
        AttributedLookup lookup = lookup();
        lookup.lookup.timestamp = valid.expiresAt;

        assertThat(matches(entry, lookup)).isFalse();
        assertThat(expired).extracting(e -> e.id).containsExactly("test");
    }

    @Test
    void firstMatchingEntryByIdWins() {
        AllowlistEntry later = entry("b-python");
        later.processName = "python.exe";
        AllowlistEntry earlier = entry("a-openai");
        earlier.domain = "api.openai.com";
        AllowlistEntry other = entry("0-other-host");
        other.host = HOST_B;
        Allowlist allowlist = Allowlist.of(List.of(), List.of(later, earlier, other));

        AllowlistEntry matched = new AllowlistMatcher(allowlist).match(lookup(), expired::add);

        assertThat(matched.id).isEqualTo("a-openai");
    }

    private static AllowlistEntry condition(AllowlistCondition condition, String value) {
        AllowlistEntry entry = entry("test");
        condition.setIn(entry, value);
        return entry;
    }

    private boolean matches(AllowlistEntry entry, HostGroup... groups) {
        return matches(entry, lookup(), groups);
    }

    private boolean matches(AllowlistEntry entry, AttributedLookup lookup, HostGroup... groups) {
        Allowlist allowlist = Allowlist.of(List.of(groups), List.of(entry));
        Consumer<AllowlistEntry> onExpired = expired::add;
        return new AllowlistMatcher(allowlist).match(lookup, onExpired) != null;
    }
}
