package dev.aiapiwatch.allowlist;

import dev.aiapiwatch.watchlist.DomainPattern;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates allowlist entries and host groups, and normalises them so that equal content gives an
 * equal allowlist version. Messages state what is wrong and how to fix it, and callers add which
 * entry or file it is.
 */
public final class AllowlistValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String NAME_RULE = "1 to 100 letters, digits, '.', '_', ':' or '-'";

    private AllowlistValidator() {}

    /** Returns {@code allowlist entry 'id'}, or a description of an entry without an id. */
    public static String describe(AllowlistEntry entry) {
        return entry.id == null
                ? "allowlist entry without an id"
                : "allowlist entry '" + entry.id + "'";
    }

    /**
     * Returns a validated, normalised copy of {@code entry}, with {@link AllowlistEntry#expiresAt}
     * set.
     *
     * @throws IllegalArgumentException saying what is wrong and how to fix it
     */
    public static AllowlistEntry validEntry(AllowlistEntry entry) {
        AllowlistEntry valid = new AllowlistEntry();
        valid.id = strip(entry.id);
        if (valid.id == null) {
            throw new IllegalArgumentException(
                    "missing \"id\"; give each entry a unique id of " + NAME_RULE);
        }
        checkName("id", valid.id);

        valid.owner = strip(entry.owner);
        if (valid.owner == null) {
            throw new IllegalArgumentException(
                    "missing \"owner\"; name the team or person responsible for the entry, as in"
                            + " \"owner\": \"secops@example.com\"");
        }
        valid.expires = strip(entry.expires);
        if (valid.expires == null) {
            throw new IllegalArgumentException("missing \"expires\"; give " + Expiry.EXAMPLES);
        }
        valid.expiresAt = Expiry.parse(valid.expires);
        valid.reason = strip(entry.reason);

        for (AllowlistCondition condition : AllowlistCondition.values()) {
            String value = condition.valueIn(entry);
            if (value != null) {
                condition.setIn(valid, normalize(condition, value));
            }
        }

        if (valid.conditions().isEmpty()) {
            throw new IllegalArgumentException(
                    "no condition in \"match\", so the entry would suppress every lookup; set at"
                            + " least one of "
                            + AllowlistCondition.fieldList());
        }
        return valid;
    }

    /**
     * Returns a validated copy of {@code group} with its aids and patterns lower-cased, without
     * repeats and sorted.
     *
     * @throws IllegalArgumentException saying what is wrong and how to fix it
     */
    public static HostGroup validHostGroup(HostGroup group) {
        String name = strip(group.name);
        if (name == null) {
            throw new IllegalArgumentException(
                    "host group without a \"name\"; give it a name of " + NAME_RULE);
        }
        checkName("host group name", name);
        String[] aids = lowerCaseSet(name, "aids", group.aids);
        String[] patterns = lowerCaseSet(name, "hostNamePatterns", group.hostNamePatterns);
        if (aids.length == 0 && patterns.length == 0) {
            throw new IllegalArgumentException(
                    "host group '"
                            + name
                            + "' lists no \"aids\" and no \"hostNamePatterns\"; add at least one");
        }
        return new HostGroup(name, aids, patterns);
    }

    private static String normalize(AllowlistCondition condition, String value) {
        String stripped = strip(value);
        if (stripped == null) {
            throw new IllegalArgumentException(
                    "\"" + condition.field() + "\" is empty; remove it or give a value");
        }
        switch (condition) {
            case HOST_GROUP:
                checkName("hostGroup", stripped);
                return stripped;
            case PROCESS_NAME:
            case PARENT_PROCESS_NAME:
                if (stripped.contains("\\") || stripped.contains("/")) {
                    throw new IllegalArgumentException(
                            "\""
                                    + condition.field()
                                    + "\" '"
                                    + stripped
                                    + "' contains a directory; give the base name only, such as"
                                    + " python.exe");
                }
                return stripped.toLowerCase(Locale.ROOT);
            case COMMAND_LINE_PATTERN:
                checkRegex(stripped);
                return stripped;
            case DOMAIN:
                try {
                    return DomainPattern.parse(stripped).toString();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "\"domain\" '" + stripped + "' is invalid: " + e.getMessage(), e);
                }
            default:
                return stripped.toLowerCase(Locale.ROOT);
        }
    }

    private static void checkRegex(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "\"commandLinePattern\" '"
                            + regex
                            + "' is not a valid Java regular expression ("
                            + e.getDescription()
                            + " near index "
                            + e.getIndex()
                            + "); fix it, or quote literal text as \\Q...\\E",
                    e);
        }
    }

    private static void checkName(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' is invalid; use " + NAME_RULE);
        }
    }

    private static String[] lowerCaseSet(String group, String field, String[] values) {
        TreeSet<String> set = new TreeSet<>();
        for (String value : values == null ? new String[0] : values) {
            String stripped = strip(value);
            if (stripped == null) {
                throw new IllegalArgumentException(
                        "host group '" + group + "' has an empty value in \"" + field + "\"");
            }
            set.add(stripped.toLowerCase(Locale.ROOT));
        }
        return set.toArray(new String[0]);
    }

    private static String strip(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
