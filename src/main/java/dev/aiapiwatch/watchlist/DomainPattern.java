package dev.aiapiwatch.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A watch-list pattern: an exact DNS name such as {@code api.openai.com}, or a name in which {@code
 * *} stands for one or more whole labels, such as {@code *.openai.azure.com} or {@code
 * bedrock-runtime.*.amazonaws.com}. Matching works on whole labels, so a pattern never matches a
 * mere substring: {@code api.openai.com} matches neither {@code fakeapi.openai.com} nor {@code
 * api.openai.com.evil.example}.
 */
public final class DomainPattern {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    /** Minimum number of literal labels in a pattern, so that {@code *.com} is rejected. */
    private static final int MIN_LITERAL_LABELS = 2;

    private final String text;
    private final String[] labels;
    private final int literalLabels;
    private final String literalSuffix;

    private DomainPattern(String text, String[] labels) {
        this.text = text;
        this.labels = labels;
        int literals = 0;
        for (String label : labels) {
            if (!label.equals("*")) {
                literals++;
            }
        }
        this.literalLabels = literals;
        this.literalSuffix = literalSuffix(labels);
    }

    /**
     * Parses and validates a pattern, after {@link DomainNames#normalize normalising} it.
     *
     * @throws IllegalArgumentException with a message that describes what is wrong with the pattern
     */
    public static DomainPattern parse(String pattern) {
        String normalized = DomainNames.normalize(pattern);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        String[] labels = normalized.split("\\.", -1);
        int literals = 0;
        for (String label : labels) {
            if (label.equals("*")) {
                continue;
            }
            if (label.contains("*")) {
                throw new IllegalArgumentException(
                        "'*' must stand alone as a whole label, as in *.example.com, not in '"
                                + label
                                + "'");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + label
                                + "' is not a DNS label (letters, digits, '-' and '_', 1 to 63"
                                + " characters)");
            }
            literals++;
        }
        if (literals < MIN_LITERAL_LABELS) {
            throw new IllegalArgumentException(
                    "a pattern needs at least " + MIN_LITERAL_LABELS + " labels besides '*'");
        }
        if (labels[labels.length - 1].equals("*") || labels[labels.length - 2].equals("*")) {
            throw new IllegalArgumentException(
                    "the last two labels must not be '*', so that the pattern stays inside one"
                            + " registered domain, as in *.openai.azure.com");
        }
        return new DomainPattern(normalized, labels);
    }

    public boolean isExact() {
        return literalLabels == labels.length;
    }

    /**
     * Number of labels that are not {@code *}; more literal labels make a pattern more specific.
     */
    public int literalLabels() {
        return literalLabels;
    }

    /**
     * Returns whether the normalised {@code name} matches; a name with an empty label never does.
     */
    public boolean matches(String name) {
        if (!name.endsWith(literalSuffix) || name.startsWith(".") || name.contains("..")) {
            return false;
        }
        return matchLabels(name.split("\\.", -1), 0, 0);
    }

    private boolean matchLabels(String[] name, int namePosition, int patternPosition) {
        if (patternPosition == labels.length) {
            return namePosition == name.length;
        }
        String label = labels[patternPosition];
        if (!label.equals("*")) {
            return namePosition < name.length
                    && name[namePosition].equals(label)
                    && matchLabels(name, namePosition + 1, patternPosition + 1);
        }
        // '*' takes one or more labels; try each length.
        for (int end = namePosition + 1; end <= name.length; end++) {
            if (matchLabels(name, end, patternPosition + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the labels after the last '*' with their leading dot, for a cheap test before the
     * full match.
     */
    private static String literalSuffix(String[] labels) {
        List<String> tail = new ArrayList<>();
        for (int i = labels.length - 1; i >= 0 && !labels[i].equals("*"); i--) {
            tail.add(0, labels[i]);
        }
        String suffix = String.join(".", tail);
        if (tail.isEmpty() || tail.size() == labels.length) {
            return suffix;
        }
        return "." + suffix;
    }

    @Override
    public String toString() {
        return text;
    }
}
