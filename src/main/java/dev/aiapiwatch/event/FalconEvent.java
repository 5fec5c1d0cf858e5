package dev.aiapiwatch.event;

/**
 * One line of Falcon telemetry after parsing. {@link #kind} tells which payload field is set; the
 * others are null. Sources emit this union type so that timestamps and per-split watermarks are
 * assigned once, at the source, before the router splits the stream by kind.
 */
public class FalconEvent {

    /** Timestamp of lines that carry no event time: ignored and invalid lines. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public EventKind kind;

    /** Event time in epoch milliseconds, or {@link #NO_TIMESTAMP}. */
    public long timestamp = NO_TIMESTAMP;

    public DnsLookup dnsLookup;
    public ProcessStart processStart;
    public NetworkConnect networkConnect;
    public DeadLetter deadLetter;

    /** Why an {@link EventKind#IGNORED} line was ignored: its event type or a description. */
    public String ignoredType;

    public FalconEvent() {}

    public static FalconEvent of(DnsLookup lookup) {
        FalconEvent event = new FalconEvent();
        event.kind = EventKind.DNS_REQUEST;
        event.timestamp = lookup.timestamp;
        event.dnsLookup = lookup;
        return event;
    }

    public static FalconEvent of(ProcessStart process) {
        FalconEvent event = new FalconEvent();
        event.kind = EventKind.PROCESS_START;
        event.timestamp = process.timestamp;
        event.processStart = process;
        return event;
    }

    public static FalconEvent of(NetworkConnect connect) {
        FalconEvent event = new FalconEvent();
        event.kind = EventKind.NETWORK_CONNECT;
        event.timestamp = connect.timestamp;
        event.networkConnect = connect;
        return event;
    }

    public static FalconEvent of(DeadLetter deadLetter) {
        FalconEvent event = new FalconEvent();
        event.kind = EventKind.INVALID;
        event.deadLetter = deadLetter;
        return event;
    }

    public static FalconEvent ignored(String type) {
        FalconEvent event = new FalconEvent();
        event.kind = EventKind.IGNORED;
        event.ignoredType = type;
        return event;
    }
}
