package dev.aiapiwatch.allowlist;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An allowlist entry: expected lookups that create no risk record, such as those of an approved
 * developer tool. Its conditions ({@link AllowlistCondition}) are null when not set, and a lookup
 * is suppressed only when every condition that is set is met and the lookup is timestamped before
 * {@link #expiresAt}.
 */
public class AllowlistEntry implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Unique name of the entry; the key of its messages and of its counter. */
    public String id;

    /** Team or person responsible for the entry. */
    public String owner;

    /** Expiry as configured: an ISO-8601 date or instant. */
    public String expires;

    /**
     * The instant {@link #expires} stands for, in epoch milliseconds, set when the entry is
     * validated. A lookup timestamped at or after it is not suppressed.
     */
    public long expiresAt;

    /** The reason the lookups are expected; optional. */
    public String reason;

    /** Falcon aid or host name, lower-case. */
    public String host;

    /** Name of a {@link HostGroup}. */
    public String hostGroup;

    /** Host-name glob in which {@code *} stands for any characters, lower-case. */
    public String hostNamePattern;

    /** User name or Windows SID, lower-case. */
    public String user;

    /** Base name of the process image, lower-case. */
    public String processName;

    /** Base name of the parent process image, lower-case. */
    public String parentProcessName;

    /** Java regular expression, found anywhere in the redacted command line. */
    public String commandLinePattern;

    /** Domain pattern in the syntax of the watch list, normalised. */
    public String domain;

    public AllowlistEntry() {}

    /** Returns the conditions this entry sets, in {@link AllowlistCondition} order. */
    public List<AllowlistCondition> conditions() {
        List<AllowlistCondition> conditions = new ArrayList<>();
        for (AllowlistCondition condition : AllowlistCondition.values()) {
            if (condition.valueIn(this) != null) {
                conditions.add(condition);
            }
        }
        return conditions;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(id).append(" (owner ").append(owner);
        text.append(", expires ").append(expires);
        for (AllowlistCondition condition : conditions()) {
            text.append(", ").append(condition.field()).append(' ');
            text.append(condition.valueIn(this));
        }
        return text.append(')').toString();
    }
}
