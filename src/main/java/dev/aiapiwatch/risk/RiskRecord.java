package dev.aiapiwatch.risk;

/**
 * One risk record: what one group did in one window. Fields map to Elastic Common Schema names when
 * written as JSON (see {@code RiskRecordJson}); times are epoch milliseconds here.
 */
public class RiskRecord {

    /** Deterministic id from the group and window; see {@link RecordIds}. */
    public String id;

    /** {@code event.start}: time of the first lookup. */
    public long firstSeen;

    /** {@code event.end}: time of the last lookup. */
    public long lastSeen;

    /** {@code host.id}: the Falcon sensor id (aid). */
    public String hostId;

    /**
     * {@code host.name}: the ComputerName of a process event, else of the aidmaster entry of the
     * aid, else null.
     */
    public String hostName;

    /** {@code host.os.type}: windows, linux or macos, when known. */
    public String hostOsType;

    /** {@code user.id}: the Windows SID when known. */
    public String userId;

    /**
     * {@code user.name}: the UserName of a process event (Linux and macOS), else of the userinfo
     * entry of the SID, else null.
     */
    public String userName;

    public String processName;
    public String parentProcessName;

    /** {@code dns.question.name}: the normalised domain. */
    public String domain;

    public String provider;
    public String processCategory;
    public int riskWeight;
    public long dnsQueryCount;
    public String[] commandLineSamples;

    /** {@code ai_api.confirmed_connections}: connections that confirmed a lookup. */
    public long confirmedConnections;

    /** {@code destination.ip}: distinct addresses of the confirming connections, at most ten. */
    public String[] destinationIps;

    public long windowStart;
    public long windowEnd;

    /** {@code ai_api.attribution}: {@code process} or {@code unattributed}. */
    public String attribution;

    /** {@code event.risk_score}: 0 to 100, see {@link RiskScore}. */
    public int riskScore;

    /** {@code event.severity}: 21, 47, 73 or 99. */
    public int severity;

    /** {@code ai_api.risk_factors}: the factors that raised the score. */
    public String[] riskFactors;

    /** {@code rule.version}: version of the watch list that produced the record. */
    public String ruleVersion;

    public RiskRecord() {}
}
