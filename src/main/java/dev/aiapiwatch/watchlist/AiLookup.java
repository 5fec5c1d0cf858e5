package dev.aiapiwatch.watchlist;

import dev.aiapiwatch.event.DnsLookup;

/** A DNS lookup of a watched AI API domain, with the provider the watch list names for it. */
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
}
