package dev.aiapiwatch.allowlist;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies allowlist and host-group updates, and logs what they changed. */
final class AllowlistUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(AllowlistUpdates.class);

    private AllowlistUpdates() {}

    /** Returns {@code current} with {@code update}, an allowlist or host-group update, applied. */
    static Allowlist apply(Allowlist current, DetectionConfigUpdate update) {
        boolean hostGroup = DetectionConfigUpdate.HOST_GROUP.equals(update.type);
        if (update.isUpsert()) {
            return hostGroup
                    ? current.withHostGroup(update.hostGroup)
                    : current.withEntry(update.allowlistEntry);
        }
        return hostGroup ? current.withoutHostGroup(update.id) : current.withoutEntry(update.id);
    }

    /**
     * Logs the version change from {@code current} to {@code next}, and each entry that names a
     * host group that {@code next} no longer or not yet defines.
     */
    static void logChange(Allowlist current, Allowlist next, DetectionConfigUpdate update) {
        if (next.version.equals(current.version)) {
            LOG.info("Allowlist {} unchanged by '{}'", current.version, update);
        } else {
            LOG.info(
                    "Allowlist {} -> {} after '{}': {} entries, {} host groups",
                    current.version,
                    next.version,
                    update,
                    next.size(),
                    next.hostGroups.length);
        }
        Set<String> undefinedBefore = new HashSet<>();
        for (AllowlistEntry entry : current.entriesWithUndefinedHostGroup()) {
            undefinedBefore.add(entry.id + "/" + entry.hostGroup);
        }
        for (AllowlistEntry entry : next.entriesWithUndefinedHostGroup()) {
            if (!undefinedBefore.contains(entry.id + "/" + entry.hostGroup)) {
                LOG.warn(
                        "Allowlist entry '{}' names host group '{}', which is not defined; the"
                                + " entry suppresses nothing until a host-group message defines"
                                + " it",
                        entry.id,
                        entry.hostGroup);
            }
        }
    }
}
