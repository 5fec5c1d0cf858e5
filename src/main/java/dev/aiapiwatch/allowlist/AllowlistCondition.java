package dev.aiapiwatch.allowlist;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The conditions an allowlist entry can set, by their field name in the allowlist JSON. An entry
 * suppresses a lookup only when every condition it sets holds.
 */
public enum AllowlistCondition {
    HOST("host"),
    HOST_GROUP("hostGroup"),
    HOST_NAME_PATTERN("hostNamePattern"),
    USER("user"),
    PROCESS_NAME("processName"),
    PARENT_PROCESS_NAME("parentProcessName"),
    COMMAND_LINE_PATTERN("commandLinePattern"),
    DOMAIN("domain");

    private final String field;

    AllowlistCondition(String field) {
        this.field = field;
    }

    /** Returns the JSON field name, for example {@code processName}. */
    public String field() {
        return field;
    }

    /** Returns the condition with the JSON field name {@code field}, or null. */
    public static AllowlistCondition byField(String field) {
        for (AllowlistCondition condition : values()) {
            if (condition.field.equals(field)) {
                return condition;
            }
        }
        return null;
    }

    /** Returns every field name, comma-separated, for error messages. */
    public static String fieldList() {
        return Arrays.stream(values())
                .map(AllowlistCondition::field)
                .collect(Collectors.joining(", "));
    }

    /** Returns the value {@code entry} sets for this condition, or null. */
    public String valueIn(AllowlistEntry entry) {
        switch (this) {
            case HOST:
                return entry.host;
            case HOST_GROUP:
                return entry.hostGroup;
            case HOST_NAME_PATTERN:
                return entry.hostNamePattern;
            case USER:
                return entry.user;
            case PROCESS_NAME:
                return entry.processName;
            case PARENT_PROCESS_NAME:
                return entry.parentProcessName;
            case COMMAND_LINE_PATTERN:
                return entry.commandLinePattern;
            default:
                return entry.domain;
        }
    }

    /** Sets this condition of {@code entry} to {@code value}; null removes it. */
    public void setIn(AllowlistEntry entry, String value) {
        switch (this) {
            case HOST:
                entry.host = value;
                break;
            case HOST_GROUP:
                entry.hostGroup = value;
                break;
            case HOST_NAME_PATTERN:
                entry.hostNamePattern = value;
                break;
            case USER:
                entry.user = value;
                break;
            case PROCESS_NAME:
                entry.processName = value;
                break;
            case PARENT_PROCESS_NAME:
                entry.parentProcessName = value;
                break;
            case COMMAND_LINE_PATTERN:
                entry.commandLinePattern = value;
                break;
            default:
                entry.domain = value;
        }
    }
}
