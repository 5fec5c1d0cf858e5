package dev.aiapiwatch.allowlist;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.DomainPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An allowlist compiled for matching: patterns compiled and host groups resolved once, when the
 * allowlist changes. A field that a lookup lacks (a process known only by name has no user, say)
 * fails every condition on that field.
 */
public final class AllowlistMatcher {

    /** Stands in for a missing process: every field null. Never changed. */
    private static final WatchedProcess NO_PROCESS = new WatchedProcess();

    private final AllowlistEntry[] entries;
    private final List<List<Predicate<AttributedLookup>>> conditions = new ArrayList<>();

    public AllowlistMatcher(Allowlist allowlist) {
        this.entries = allowlist.entries;
        for (AllowlistEntry entry : entries) {
            List<Predicate<AttributedLookup>> compiled = new ArrayList<>();
            for (AllowlistCondition condition : entry.conditions()) {
                compiled.add(compile(condition, condition.valueIn(entry), allowlist));
            }
            conditions.add(compiled);
        }
    }

    /**
     * Returns the first entry, in id order, that is active at the lookup's event time and whose
     * conditions all hold, or null. Each entry that has expired by the lookup's time is passed to
     * {@code onExpired} instead.
     */
    public AllowlistEntry match(AttributedLookup attributed, Consumer<AllowlistEntry> onExpired) {
        long time = attributed.lookup.timestamp;
        for (int i = 0; i < entries.length; i++) {
            AllowlistEntry entry = entries[i];
            if (time >= entry.expiresAt) {
                onExpired.accept(entry);
            } else if (allHold(conditions.get(i), attributed)) {
                return entry;
            }
        }
        return null;
    }

    private static boolean allHold(
            List<Predicate<AttributedLookup>> conditions, AttributedLookup attributed) {
        for (Predicate<AttributedLookup> condition : conditions) {
            if (!condition.test(attributed)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<AttributedLookup> compile(
            AllowlistCondition condition, String value, Allowlist allowlist) {
        switch (condition) {
            case HOST:
                return lookup ->
                        value.equalsIgnoreCase(lookup.lookup.aid)
                                || value.equalsIgnoreCase(process(lookup).hostName);
            case HOST_GROUP:
                return hostGroup(allowlist.hostGroup(value));
            case HOST_NAME_PATTERN:
                Pattern hostName = HostNameGlob.compile(value);
                return lookup -> matches(hostName, process(lookup).hostName);
            case USER:
                return lookup ->
                        value.equalsIgnoreCase(process(lookup).userName)
                                || value.equalsIgnoreCase(process(lookup).userSid);
            case PROCESS_NAME:
                return lookup -> value.equalsIgnoreCase(process(lookup).processName);
            case PARENT_PROCESS_NAME:
                return lookup -> value.equalsIgnoreCase(process(lookup).parentName);
            case COMMAND_LINE_PATTERN:
                Pattern commandLine = Pattern.compile(value);
                return lookup -> {
                    String text = process(lookup).commandLine;
                    return text != null && commandLine.matcher(text).find();
                };
            default:
                DomainPattern domain = DomainPattern.parse(value);
                return lookup ->
                        lookup.lookup.domain != null && domain.matches(lookup.lookup.domain);
        }
    }

    /** Returns a condition that holds for the hosts of {@code group}, or for none when null. */
    private static Predicate<AttributedLookup> hostGroup(HostGroup group) {
        if (group == null) {
            return lookup -> false;
        }
        Set<String> aids = new HashSet<>(Arrays.asList(group.aids));
        List<Pattern> hostNames = new ArrayList<>();
        for (String glob : group.hostNamePatterns) {
            hostNames.add(HostNameGlob.compile(glob));
        }
        return lookup -> {
            String aid = lookup.lookup.aid;
            if (aid != null && aids.contains(aid.toLowerCase(Locale.ROOT))) {
                return true;
            }
            String hostName = process(lookup).hostName;
            for (Pattern pattern : hostNames) {
                if (matches(pattern, hostName)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean matches(Pattern pattern, String text) {
        return text != null && pattern.matcher(text).matches();
    }

    private static WatchedProcess process(AttributedLookup lookup) {
        return lookup.process != null ? lookup.process : NO_PROCESS;
    }
}
