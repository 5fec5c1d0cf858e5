package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.WatchedProcess;
import java.util.Locale;

/**
 * The group a risk record summarises: host, user, process name, category, domain and parent process
 * name, as in the reference query. The host is the sensor id (aid), because most events carry no
 * host name. The user is the Windows SID when there is one, else the user name. Process names are
 * compared case-insensitively, as Windows treats them.
 */
public final class RiskGroupKey {

    private static final char SEPARATOR = '\u001f';

    private RiskGroupKey() {}

    public static String of(AttributedLookup attributed) {
        WatchedProcess process = attributed.process;
        return attributed.lookup.aid
                + SEPARATOR
                + nullToEmpty(userKey(process))
                + SEPARATOR
                + lowerCase(process.processName)
                + SEPARATOR
                + process.category.label()
                + SEPARATOR
                + attributed.lookup.domain
                + SEPARATOR
                + lowerCase(process.parentName);
    }

    static String userKey(WatchedProcess process) {
        return process.userSid != null ? process.userSid : process.userName;
    }

    private static String lowerCase(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
