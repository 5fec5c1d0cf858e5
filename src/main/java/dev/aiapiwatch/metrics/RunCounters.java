package dev.aiapiwatch.metrics;

/** Names of the job's counters, shared by the functions that count and the run summary. */
public final class RunCounters {

    /** Lines or records read from the telemetry inputs, blank and invalid ones included. */
    public static final String EVENTS_READ = "eventsRead";

    /** Ignored events, by event type. */
    public static final String EVENTS_IGNORED = "eventsIgnored";

    /** DnsRequest events. */
    public static final String DNS_LOOKUPS = "dnsLookups";

    /** NetworkConnectIP4 events. */
    public static final String NETWORK_CONNECTS = "networkConnects";

    /** Process start events. */
    public static final String PROCESS_STARTS = "processStarts";

    /** Process start events of watched tools. */
    public static final String WATCHED_PROCESS_STARTS = "watchedProcessStarts";

    /** Lookups of watched AI API domains. */
    public static final String AI_LOOKUPS = "aiLookups";

    /** AI lookups joined to their process. */
    public static final String ATTRIBUTED_LOOKUPS = "attributedLookups";

    /** AI lookups reported without a process start: none arrived within the join interval. */
    public static final String UNATTRIBUTED_LOOKUPS = "unattributedLookups";

    /** AI lookups made by processes that are not watched, such as browsers: not reported. */
    public static final String UNWATCHED_LOOKUPS = "unwatchedProcessLookups";

    /** Connections that confirmed an AI lookup. Each confirms at most one. */
    public static final String CONFIRMED_CONNECTIONS = "confirmedConnections";

    /**
     * Lookups and connections that reached the confirmation behind the watermark and were not
     * matched.
     */
    public static final String LATE_CONFIRMATION_INPUTS = "lateConfirmationInputs";

    /** Attributed lookups that an allowlist entry suppressed. */
    public static final String SUPPRESSED_LOOKUPS = "suppressedLookups";

    /**
     * Suppressed lookups by allowlist entry id; the metric subgroup is {@link #ALLOWLIST_ENTRY}.
     */
    public static final String SUPPRESSED_LOOKUPS_BY_ENTRY = "suppressedLookupsByEntry";

    /** Key name of the metric subgroup of {@link #SUPPRESSED_LOOKUPS_BY_ENTRY}. */
    public static final String ALLOWLIST_ENTRY = "allowlistEntry";

    /** Aidmaster entries and removals read. */
    public static final String AIDMASTER_ENTRIES = "aidmasterEntries";

    /** Userinfo entries and removals read. */
    public static final String USERINFO_ENTRIES = "userinfoEntries";

    /** Attributed lookups whose host name came from an aidmaster entry. */
    public static final String HOST_NAMES_FILLED = "hostNamesFilled";

    /** Attributed lookups whose user name came from a userinfo entry. */
    public static final String USER_NAMES_FILLED = "userNamesFilled";

    /** Risk record writes: the first write of each record and its updates. */
    public static final String RECORD_WRITES = "riskRecordWrites";

    /** Distinct risk records, one per group and window. */
    public static final String RECORDS = "riskRecords";

    /** Dead letters, by reason. */
    public static final String DEAD_LETTERS = "deadLetters";

    private RunCounters() {}
}
