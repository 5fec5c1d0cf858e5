package dev.aiapiwatch.watchlist;

import java.util.Locale;

/** Normalises DNS names before they are matched or reported. */
public final class DomainNames {

    private DomainNames() {}

    /**
     * Lower-cases {@code name}, trims white space and strips one trailing dot (the root label of a
     * fully qualified name). Returns an empty string for null.
     */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }
}
