package dev.aiapiwatch.process;

import java.io.Serializable;
import java.util.regex.Pattern;

/** Assigns a category to the processes whose image names match a regular expression. */
public final class ProcessRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ProcessCategory category;
    private final Pattern names;

    /**
     * @param names regular expression for the whole lower-case base name without a {@code .exe}
     *     extension
     */
    public ProcessRule(ProcessCategory category, String names) {
        this.category = category;
        this.names = Pattern.compile(names);
    }

    public ProcessCategory category() {
        return category;
    }

    /** Returns the regular expression for the lower-case base name without {@code .exe}. */
    public String names() {
        return names.pattern();
    }

    boolean matches(String stem) {
        return names.matcher(stem).matches();
    }

    @Override
    public String toString() {
        return category.label() + ": " + names.pattern();
    }
}
