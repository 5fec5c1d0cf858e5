package dev.aiapiwatch.process;

import java.util.Locale;
import java.util.Set;

/**
 * Parent processes that should not start a watched tool: Office applications and mail clients (a
 * macro or an attachment), script hosts (a dropped script), and the service control manager
 * starting an interactive tool (a service installed to run it).
 */
public final class SuspiciousParents {

    private static final Set<String> DOCUMENT_AND_MAIL_APPLICATIONS =
            Set.of(
                    "winword.exe",
                    "excel.exe",
                    "powerpnt.exe",
                    "msaccess.exe",
                    "mspub.exe",
                    "onenote.exe",
                    "visio.exe",
                    "outlook.exe",
                    "olk.exe",
                    "hxoutlook.exe",
                    "thunderbird.exe",
                    "thunderbird",
                    "mail");

    private static final Set<String> SCRIPT_HOSTS =
            Set.of("wscript.exe", "cscript.exe", "mshta.exe");

    private static final String SERVICE_CONTROL_MANAGER = "services.exe";

    private SuspiciousParents() {}

    /**
     * Whether {@code parentName} should not start a tool of {@code category}. Names compare
     * case-insensitively by base name.
     */
    public static boolean isSuspicious(String parentName, ProcessCategory category) {
        String parent = ImageNames.baseName(parentName, null);
        if (parent == null) {
            return false;
        }
        parent = parent.toLowerCase(Locale.ROOT);
        if (DOCUMENT_AND_MAIL_APPLICATIONS.contains(parent) || SCRIPT_HOSTS.contains(parent)) {
            return true;
        }
        return parent.equals(SERVICE_CONTROL_MANAGER) && isInteractive(category);
    }

    /** Tools a person runs at a prompt, as opposed to LOLBins that services also start. */
    private static boolean isInteractive(ProcessCategory category) {
        return category == ProcessCategory.SCRIPT_RUNTIME
                || category == ProcessCategory.CLI_TRANSFER
                || category == ProcessCategory.RUNTIME;
    }
}
