package dev.aiapiwatch.detectionconfig;

import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.allowlist.HostGroup;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;

/**
 * A change to the detection config while the job runs: add, change or remove a watch-list pattern,
 * an allowlist entry or a host group. The watch-list match applies watch-list updates and the
 * allowlist stage applies allowlist and host-group updates, and each ignores the others. A message
 * that could not be read becomes an update with the operation {@link #INVALID}, so that it reaches
 * the dead letters.
 */
public class DetectionConfigUpdate {

    public static final String WATCHLIST = "watchlist";
    public static final String ALLOWLIST = "allowlist";
    public static final String HOST_GROUP = "host-group";

    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
    public static final String INVALID = "invalid";

    /**
     * {@link #WATCHLIST}, {@link #ALLOWLIST} or {@link #HOST_GROUP}, or null for an invalid message
     * whose type could not be read.
     */
    public String type;

    /** {@link #UPSERT}, {@link #DELETE} or {@link #INVALID}. */
    public String operation;

    /**
     * Target of the update: the watch-list pattern, the allowlist entry id or the host-group name.
     * With the type it forms the message key {@code <type>/<id>}.
     */
    public String id;

    /** Provider name for a watch-list {@link #UPSERT}. */
    public String provider;

    /** The entry, as received and not yet validated, for an allowlist {@link #UPSERT}. */
    public AllowlistEntry allowlistEntry;

    /** The group, as received and not yet validated, for a host-group {@link #UPSERT}. */
    public HostGroup hostGroup;

    /** Reason the message is {@link #INVALID}. */
    public String error;

    /** The message as received, kept for the dead letter if the update is rejected. */
    public String raw;

    /** Topic the message came from, or null. */
    public String origin;

    /** Kafka partition of the message, or -1. */
    public int partition = -1;

    /** Kafka offset of the message, or -1. */
    public long offset = -1;

    public DetectionConfigUpdate() {}

    public static DetectionConfigUpdate watchlistUpsert(String pattern, String provider) {
        DetectionConfigUpdate update = of(WATCHLIST, UPSERT, pattern);
        update.provider = provider;
        return update;
    }

    public static DetectionConfigUpdate watchlistDelete(String pattern) {
        return of(WATCHLIST, DELETE, pattern);
    }

    public static DetectionConfigUpdate allowlistUpsert(AllowlistEntry entry) {
        DetectionConfigUpdate update = of(ALLOWLIST, UPSERT, entry.id);
        update.allowlistEntry = entry;
        return update;
    }

    public static DetectionConfigUpdate allowlistDelete(String id) {
        return of(ALLOWLIST, DELETE, id);
    }

    public static DetectionConfigUpdate hostGroupUpsert(HostGroup group) {
        DetectionConfigUpdate update = of(HOST_GROUP, UPSERT, group.name);
        update.hostGroup = group;
        return update;
    }

    public static DetectionConfigUpdate hostGroupDelete(String name) {
        return of(HOST_GROUP, DELETE, name);
    }

    /**
     * Returns an invalid update of {@code type}, or of no type when the message's type could not be
     * read.
     */
    public static DetectionConfigUpdate invalid(String type, String error) {
        DetectionConfigUpdate update = of(type, INVALID, null);
        update.error = error;
        return update;
    }

    private static DetectionConfigUpdate of(String type, String operation, String id) {
        DetectionConfigUpdate update = new DetectionConfigUpdate();
        update.type = type;
        update.operation = operation;
        update.id = id;
        return update;
    }

    /**
     * Returns whether the watch-list match handles this update: watch-list updates, and invalid
     * messages of unknown type, so that exactly one operator sends each to the dead letters.
     */
    public boolean forWatchlist() {
        return type == null || WATCHLIST.equals(type);
    }

    /** Returns whether the allowlist stage handles this update: allowlist and host-group ones. */
    public boolean forAllowlist() {
        return ALLOWLIST.equals(type) || HOST_GROUP.equals(type);
    }

    public boolean isUpsert() {
        return UPSERT.equals(operation);
    }

    public boolean isInvalid() {
        return INVALID.equals(operation);
    }

    /** Returns the dead letter for this update, rejected because of {@code message}. */
    public DeadLetter toDeadLetter(String message) {
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.INVALID_CONFIG,
                        message,
                        raw != null ? raw : toString(),
                        origin != null ? origin : "config-updates",
                        offset);
        return partition >= 0 ? deadLetter.atKafkaPartition(partition) : deadLetter;
    }

    /**
     * Describes the update for log lines: its operation, type and id, or for a message that could
     * not be read, where it came from.
     */
    public String describe() {
        if (!isInvalid()) {
            return "update '" + this + "'";
        }
        if (origin == null) {
            return "invalid config message";
        }
        return "invalid config message at "
                + origin
                + (partition >= 0 ? " partition " + partition : "")
                + " offset "
                + offset;
    }

    @Override
    public String toString() {
        if (isInvalid()) {
            return "invalid " + (type == null ? "" : type + " ") + "update: " + error;
        }
        String target = type + " " + id;
        if (!isUpsert()) {
            return operation + " " + target;
        }
        return operation + " " + target + (WATCHLIST.equals(type) ? " (" + provider + ")" : "");
    }
}
