package dev.aiapiwatch.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One command-line option: {@code --name VALUE}, or {@code --name} alone when {@link #valueName} is
 * null.
 */
public final class OptionSpec {

    private final String name;
    private final String valueName;
    private final String description;
    private final boolean repeatable;

    private OptionSpec(String name, String valueName, String description, boolean repeatable) {
        this.name = name;
        this.valueName = valueName;
        this.description = description;
        this.repeatable = repeatable;
    }

    public static OptionSpec withValue(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description, false);
    }

    public static OptionSpec repeatable(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, description, true);
    }

    public static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, description, false);
    }

    /** Returns the option as written, with its leading {@code --}. */
    public String name() {
        return name;
    }

    public String valueName() {
        return valueName;
    }

    public boolean takesValue() {
        return valueName != null;
    }

    public boolean repeatable() {
        return repeatable;
    }

    public String description() {
        return description;
    }

    /** Returns the option as a usage line shows it: {@code --name VALUE} or {@code --name}. */
    public String usage() {
        return valueName == null ? name : name + " " + valueName;
    }

    /** Returns the help entries of the options: each usage, then its description wrapped. */
    public static String help(List<OptionSpec> specs) {
        StringBuilder text = new StringBuilder();
        for (OptionSpec spec : specs) {
            spec.appendHelp(text);
        }
        return text.toString();
    }

    /** Appends this option's usage line and its description, wrapped at 74 characters. */
    public void appendHelp(StringBuilder text) {
        text.append("  ").append(usage()).append('\n');
        for (String wrapped : wrap(description, 74)) {
            text.append("      ").append(wrapped).append('\n');
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        if (current.length() > 0) {
            lines.add(current.toString());
        }
        return lines;
    }
}
