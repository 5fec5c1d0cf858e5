package dev.aiapiwatch.config;

import java.util.Collection;

/** Finds the known name that a mistyped one was probably meant to be. */
public final class ClosestName {

    /** Names this many edits or more away are not suggested. */
    private static final int MAX_DISTANCE = 4;

    private ClosestName() {}

    /** Returns the name of {@code known} closest to {@code name}, or null when none is close. */
    public static String among(String name, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Returns the Levenshtein distance: the fewest insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
