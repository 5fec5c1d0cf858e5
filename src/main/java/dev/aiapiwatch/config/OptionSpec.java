package dev.aiapiwatch.config;

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
}
