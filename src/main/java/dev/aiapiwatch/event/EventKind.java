package dev.aiapiwatch.event;

/** What a parsed telemetry line turned out to be. */
public enum EventKind {
    /** A {@code DnsRequest} event. */
    DNS_REQUEST,
    /** A {@code ProcessRollup2} or {@code SyntheticProcessRollup2} event. */
    PROCESS_START,
    /** A {@code NetworkConnectIP4} event. */
    NETWORK_CONNECT,
    /** A well-formed line the detection does not use: another event type or a blank line. */
    IGNORED,
    /** A line that cannot be used; it goes to the dead letters. */
    INVALID
}
