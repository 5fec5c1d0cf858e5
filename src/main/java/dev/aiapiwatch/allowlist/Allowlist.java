package dev.aiapiwatch.allowlist;

import dev.aiapiwatch.detectionconfig.ContentVersion;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The allowlist: entries of expected lookups that create no risk record, the host groups they refer
 * to, and a version derived from their content, so that the same allowlist always has the same
 * version. Instances are not changed once built; the {@code with} methods return new ones.
 */
public class Allowlist implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validated entries, sorted by id, each id once. */
    public AllowlistEntry[] entries = new AllowlistEntry[0];

    /** Validated host groups, sorted by name, each name once. */
    public HostGroup[] hostGroups = new HostGroup[0];

    /** {@code al-} and the first 12 hex digits of the SHA-256 of the groups and entries. */
    public String version;

    public Allowlist() {}

    /** Returns an allowlist without entries or host groups. */
    public static Allowlist empty() {
        return of(List.of(), List.of());
    }

    /**
     * Builds an allowlist, validating every host group and entry. A later group or entry with the
     * name or id of an earlier one replaces it. Entries may name host groups that are not defined:
     * such a condition holds for no host until the group is defined.
     *
     * @throws IllegalArgumentException naming the first invalid group or entry
     */
    public static Allowlist of(Collection<HostGroup> groups, Collection<AllowlistEntry> entries) {
        TreeMap<String, HostGroup> groupsByName = new TreeMap<>();
        for (HostGroup group : groups) {
            HostGroup valid = AllowlistValidator.validHostGroup(group);
            groupsByName.put(valid.name, valid);
        }
        TreeMap<String, AllowlistEntry> entriesById = new TreeMap<>();
        for (AllowlistEntry entry : entries) {
            AllowlistEntry valid;
            try {
                valid = AllowlistValidator.validEntry(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        AllowlistValidator.describe(entry) + ": " + e.getMessage(), e);
            }
            entriesById.put(valid.id, valid);
        }
        Allowlist allowlist = new Allowlist();
        allowlist.hostGroups = groupsByName.values().toArray(new HostGroup[0]);
        allowlist.entries = entriesById.values().toArray(new AllowlistEntry[0]);
        allowlist.version = versionOf(allowlist.hostGroups, allowlist.entries);
        return allowlist;
    }

    /** Returns a new allowlist in which {@code entry} is added or replaces the entry of its id. */
    public Allowlist withEntry(AllowlistEntry entry) {
        List<AllowlistEntry> next = new ArrayList<>(Arrays.asList(entries));
        next.add(entry);
        return of(Arrays.asList(hostGroups), next);
    }

    /** Returns a new allowlist without the entry {@code id}; unchanged when there is none. */
    public Allowlist withoutEntry(String id) {
        List<AllowlistEntry> next = new ArrayList<>(Arrays.asList(entries));
        next.removeIf(entry -> entry.id.equals(id));
        return of(Arrays.asList(hostGroups), next);
    }

    /**
     * Returns a new allowlist in which {@code group} is added or replaces the group of its name.
     */
    public Allowlist withHostGroup(HostGroup group) {
        List<HostGroup> next = new ArrayList<>(Arrays.asList(hostGroups));
        next.add(group);
        return of(next, Arrays.asList(entries));
    }

    /** Returns a new allowlist without the host group {@code name}; its entries stay. */
    public Allowlist withoutHostGroup(String name) {
        List<HostGroup> next = new ArrayList<>(Arrays.asList(hostGroups));
        next.removeIf(group -> group.name.equals(name));
        return of(next, Arrays.asList(entries));
    }

    /** Returns the entry {@code id}, or null. */
    public AllowlistEntry entry(String id) {
        for (AllowlistEntry entry : entries) {
            if (entry.id.equals(id)) {
                return entry;
            }
        }
        return null;
    }

    /** Returns the host group {@code name}, or null. */
    public HostGroup hostGroup(String name) {
        for (HostGroup group : hostGroups) {
            if (group.name.equals(name)) {
                return group;
            }
        }
        return null;
    }

    /** Returns the entries that name a host group this allowlist does not define. */
    public List<AllowlistEntry> entriesWithUndefinedHostGroup() {
        List<AllowlistEntry> undefined = new ArrayList<>();
        for (AllowlistEntry entry : entries) {
            if (entry.hostGroup != null && hostGroup(entry.hostGroup) == null) {
                undefined.add(entry);
            }
        }
        return undefined;
    }

    public int size() {
        return entries.length;
    }

    private static String versionOf(HostGroup[] groups, AllowlistEntry[] entries) {
        List<String> lines = new ArrayList<>();
        for (HostGroup group : groups) {
            lines.add(
                    String.join(
                            "\u001f",
                            "group",
                            group.name,
                            String.join(",", group.aids),
                            String.join(",", group.hostNamePatterns)));
        }
        for (AllowlistEntry entry : entries) {
            List<String> fields = new ArrayList<>();
            fields.add("entry");
            fields.add(entry.id);
            fields.add(entry.owner);
            fields.add(Long.toString(entry.expiresAt));
            fields.add(entry.reason == null ? "" : entry.reason);
            for (AllowlistCondition condition : entry.conditions()) {
                fields.add(condition.field() + "=" + condition.valueIn(entry));
            }
            lines.add(String.join("\u001f", fields));
        }
        return ContentVersion.of("al-", lines);
    }
}
