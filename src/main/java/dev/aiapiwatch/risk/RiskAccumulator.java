package dev.aiapiwatch.risk;

/** Running figures of one risk group in one window, and the names that describe the group. */
public class RiskAccumulator {

    /** Most command lines kept as samples per record. */
    public static final int MAX_COMMAND_LINE_SAMPLES = 5;

    /** Most destination addresses kept per record. */
    public static final int MAX_DESTINATION_IPS = 10;

    public long lookupCount;
    public int maxWeight = -1;

    /** Time of the first lookup, epoch milliseconds. */
    public long firstSeen = Long.MAX_VALUE;

    /** Time of the last lookup, epoch milliseconds. */
    public long lastSeen = Long.MIN_VALUE;

    /**
     * Up to {@link #MAX_COMMAND_LINE_SAMPLES} distinct redacted command lines, first seen first.
     */
    public String[] commandLineSamples = new String[0];

    /** Connections that confirmed a lookup of the group in the window. */
    public long confirmedConnections;

    /**
     * Up to {@link #MAX_DESTINATION_IPS} distinct addresses of the confirming connections, first
     * seen first.
     */
    public String[] destinationIps = new String[0];

    public String aid;
    public String hostName;
    public String platform;
    public String userName;
    public String userSid;
    public String processName;
    public String parentName;
    public String category;
    public String domain;
    public String provider;

    /** {@code process} or {@code unattributed}; see {@code Attribution}. */
    public String attribution;

    /** Whether a command line of the group held a secret before it was redacted. */
    public boolean apiKeySeen;

    /** Whether a process image of the group lies in a folder users can write to. */
    public boolean userWritableImage;

    /** Watch-list version of the latest lookup added. */
    public String watchlistVersion;

    public RiskAccumulator() {}
}
