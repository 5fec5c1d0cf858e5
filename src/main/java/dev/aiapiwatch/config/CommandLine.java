package dev.aiapiwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits command-line arguments into option values, checked against a list of options. */
public final class CommandLine {

    private final Map<String, List<String>> values;

    private CommandLine(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value}, {@code --name=value} and {@code --flag} arguments.
     *
     * @throws InvalidOptionException for an unknown option, a missing value, or a repeated option
     *     that takes one value
     */
    public static CommandLine parse(String[] args, List<OptionSpec> specs)
            throws InvalidOptionException {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec spec : specs) {
            byName.put(spec.name(), spec);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals("-h")) {
                // The usual short form of --help.
                name = "--help";
            }
            OptionSpec spec = byName.get(name);
            if (spec == null) {
                String closest = ClosestName.among(name, byName.keySet());
                throw new InvalidOptionException(
                        "Unknown option '"
                                + name
                                + "'"
                                + (closest == null
                                        ? ". Valid options: "
                                                + String.join(", ", byName.keySet())
                                                + "."
                                        : "; did you mean " + closest + "?"));
            }
            String value;
            if (!spec.takesValue()) {
                if (equals > 0) {
                    throw new InvalidOptionException(
                            name + " takes no value, but got '" + arg.substring(equals + 1) + "'.");
                }
                value = "true";
            } else if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new InvalidOptionException(
                        "Missing value for "
                                + name
                                + ": expected "
                                + name
                                + " "
                                + spec.valueName()
                                + ".");
            }
            List<String> list = values.computeIfAbsent(name, key -> new ArrayList<>());
            if (!list.isEmpty() && !spec.repeatable()) {
                throw new InvalidOptionException(
                        name
                                + " is given twice ('"
                                + list.get(0)
                                + "' and '"
                                + value
                                + "'); give it once.");
            }
            list.add(value);
        }
        return new CommandLine(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Returns the value of a single-valued option, or {@code defaultValue} when it is absent. */
    public String value(String name, String defaultValue) {
        List<String> list = values.get(name);
        return list == null ? defaultValue : list.get(0);
    }

    /** Returns all values of a repeatable option in the order given, or an empty list. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }
}
