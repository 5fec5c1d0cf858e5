package dev.aiapiwatch.process;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The ordered rules that decide which processes are watched and in which category; the first rule
 * that matches wins. Names match the base name of the image case-insensitively and as a whole, with
 * or without {@code .exe}, so {@code curl}, {@code curl.exe} and {@code CURL.EXE} match while
 * {@code notpython.exe} does not.
 */
public final class ProcessRules implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<ProcessRule> rules;

    public ProcessRules(List<ProcessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Returns the rules of the reference hunting query, extended to the same tools on Linux and
     * macOS (python3, python3.11, pwsh, curl, wget, node) and to further Windows binaries that
     * fetch or run remote content. Browsers and all other processes are not watched.
     */
    public static ProcessRules builtIn() {
        return new ProcessRules(
                List.of(
                        new ProcessRule(
                                ProcessCategory.LOLBIN,
                                "mshta|regsvr32|rundll32|wmic|msbuild"
                                        + "|bitsadmin|msiexec|installutil|regasm|regsvcs|certutil"),
                        new ProcessRule(
                                ProcessCategory.SCRIPT_RUNTIME,
                                "python(\\d+(\\.\\d+)*)?|pythonw|py"
                                        + "|powershell|powershell_ise|pwsh|wscript|cscript"),
                        new ProcessRule(ProcessCategory.CLI_TRANSFER, "curl|wget"),
                        new ProcessRule(ProcessCategory.RUNTIME, "node|nodejs|cmd")));
    }

    /** Returns the category of a process with base name {@code baseName}, or null if unwatched. */
    public ProcessCategory classify(String baseName) {
        if (baseName == null) {
            return null;
        }
        String stem = baseName.toLowerCase(Locale.ROOT);
        if (stem.endsWith(".exe")) {
            stem = stem.substring(0, stem.length() - ".exe".length());
        }
        for (ProcessRule rule : rules) {
            if (rule.matches(stem)) {
                return rule.category();
            }
        }
        return null;
    }

    public List<ProcessRule> rules() {
        return rules;
    }
}
