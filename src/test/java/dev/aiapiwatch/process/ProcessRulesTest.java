package dev.aiapiwatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessRulesTest {

    private final ProcessRules rules = ProcessRules.builtIn();

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        // The reference hunting query's names and weights.
        "mshta.exe,       LOLBin,        3",
        "regsvr32.exe,    LOLBin,        3",
        "rundll32.exe,    LOLBin,        3",
        "wmic.exe,        LOLBin,        3",
        "msbuild.exe,     LOLBin,        3",
        "python.exe,      ScriptRuntime, 2",
        "powershell.exe,  ScriptRuntime, 2",
        "pwsh.exe,        ScriptRuntime, 2",
        "wscript.exe,     ScriptRuntime, 2",
        "cscript.exe,     ScriptRuntime, 2",
        "curl.exe,        CLI_Transfer,  1",
        "wget.exe,        CLI_Transfer,  1",
        "node.exe,        Runtime,       0",
        "cmd.exe,         Runtime,       0",
        // Case, missing .exe and Linux or macOS names.
        "WMIC.exe,        LOLBin,        3",
        "Python.EXE,      ScriptRuntime, 2",
        "python3.exe,     ScriptRuntime, 2",
        "python3,         ScriptRuntime, 2",
        "python3.11,      ScriptRuntime, 2",
        "pwsh,            ScriptRuntime, 2",
        "curl,            CLI_Transfer,  1",
        "CURL.EXE,        CLI_Transfer,  1",
        "wget,            CLI_Transfer,  1",
        "node,            Runtime,       0",
        // Further Windows binaries that fetch or run remote content.
        "bitsadmin.exe,   LOLBin,        3",
        "msiexec.exe,     LOLBin,        3",
        "installutil.exe, LOLBin,        3",
        "regasm.exe,      LOLBin,        3",
        "regsvcs.exe,     LOLBin,        3",
        "certutil.exe,    LOLBin,        3",
    })
    void watchedNameClassified(String baseName, String label, int weight) {
        ProcessCategory category = rules.classify(baseName);

        assertThat(category).isNotNull();
        assertThat(category.label()).isEqualTo(label);
        assertThat(category.weight()).isEqualTo(weight);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "notpython.exe",
                "chrome.exe",
                "msedge.exe",
                "firefox",
                "pip.exe",
                "python.exe.bak",
                "pythonista.exe",
                "curl.exe.exe",
                "svchost.exe",
                ".exe"
            })
    void otherNameNotWatched(String baseName) {
        assertThat(rules.classify(baseName)).isNull();
    }

    @Test
    void firstMatchingRuleWins() {
        ProcessRules overlapping =
                new ProcessRules(
                        List.of(
                                new ProcessRule(ProcessCategory.LOLBIN, "curl"),
                                new ProcessRule(ProcessCategory.CLI_TRANSFER, "curl|wget")));

        assertThat(overlapping.classify("curl.exe")).isEqualTo(ProcessCategory.LOLBIN);
        assertThat(overlapping.classify("wget.exe")).isEqualTo(ProcessCategory.CLI_TRANSFER);
    }

    @Test
    void ruleMatchesWholeName() {
        ProcessRules single =
                new ProcessRules(List.of(new ProcessRule(ProcessCategory.RUNTIME, "node")));

        assertThat(single.classify("nodemon.exe")).isNull();
        assertThat(single.classify("xnode")).isNull();
    }
}
