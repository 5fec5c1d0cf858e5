package dev.aiapiwatch.watchlist;

import dev.aiapiwatch.event.DnsLookup;

/**
 * A DNS lookup of a watched AI API domain, with the provider the watch list names for it. The same
 * type carries a confirmation: a copy of a lookup, with {@link #confirmedAddress} set, for a
 * connection of the same process to an address the lookup resolved to.
 */
public class AiLookup {
    public String aid;
    public String contextProcessId;

    /** The normalised name that was looked up. */
    public String domain;

    public String provider;

    /** Version of the watch list that matched. */
    public String watchlistVersion;

    /** Resolved IPv4 addresses as the sensor sent them, or null. */
    public String ip4Records;

    /** Image name of the process, from newer sensors only. */
    public String contextBaseFileName;

    public String platform;

    /** Lookup time in epoch milliseconds. */
    public long timestamp;

    /**
     * Remote IPv4 address of the connection that confirmed this lookup, or null on a plain lookup.
     */
    public String confirmedAddress;

    public AiLookup() {}

    public static AiLookup of(
            DnsLookup lookup, String domain, WatchlistEntry entry, String watchlistVersion) {
        AiLookup aiLookup = new AiLookup();
        aiLookup.aid = lookup.aid;
        aiLookup.contextProcessId = lookup.contextProcessId;
        aiLookup.domain = domain;
        aiLookup.provider = entry.provider;
        aiLookup.watchlistVersion = watchlistVersion;
        aiLookup.ip4Records = lookup.ip4Records;
        aiLookup.contextBaseFileName = lookup.contextBaseFileName;
        aiLookup.platform = lookup.platform;
        aiLookup.timestamp = lookup.timestamp;
        return aiLookup;
    }

    /**
     * Returns a copy of this lookup, with its own time, confirmed by a connection to {@code
     * address}.
     */
    public AiLookup confirmedBy(String address) {
        AiLookup confirmation = new AiLookup();
        confirmation.aid = aid;
        confirmation.contextProcessId = contextProcessId;
        confirmation.domain = domain;
        confirmation.provider = provider;
        confirmation.watchlistVersion = watchlistVersion;
        confirmation.ip4Records = ip4Records;
        confirmation.contextBaseFileName = contextBaseFileName;
        confirmation.platform = platform;
        confirmation.timestamp = timestamp;
        confirmation.confirmedAddress = address;
        return confirmation;
    }

    /** Returns whether this is a confirmation rather than a plain lookup. */
    public boolean isConfirmation() {
        return confirmedAddress != null;
    }
}
