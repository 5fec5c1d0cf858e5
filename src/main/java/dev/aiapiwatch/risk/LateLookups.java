package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.watchlist.AiLookup;

/** Turns attributed lookups and confirmations that missed their window into dead letters. */
public final class LateLookups {

    /** {@link DeadLetter#origin} of late lookups. */
    public static final String ORIGIN = "risk-windows";

    private LateLookups() {}

    /**
     * Returns a dead letter whose raw text is the lookup rebuilt as a Falcon DnsRequest line, or a
     * confirmation rebuilt as a NetworkConnectIP4 line, so that it can be replayed.
     */
    public static DeadLetter toDeadLetter(AttributedLookup late, long windowSizeMillis) {
        AiLookup lookup = late.lookup;
        long windowStart = lookup.timestamp - Math.floorMod(lookup.timestamp, windowSizeMillis);
        String message =
                (lookup.isConfirmation()
                                ? "connection to " + lookup.confirmedAddress + " confirming the "
                                : "")
                        + "lookup of "
                        + lookup.domain
                        + " by "
                        + late.process.processName
                        + " at "
                        + Json.formatTime(lookup.timestamp)
                        + " arrived after its window "
                        + Json.formatTime(windowStart)
                        + " had closed";
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.LATE_EVENT,
                        message,
                        lookup.isConfirmation() ? asNetworkConnect(lookup) : asDnsRequest(lookup),
                        ORIGIN,
                        DeadLetter.UNKNOWN_POSITION);
        deadLetter.eventTime = lookup.timestamp;
        return deadLetter;
    }

    private static String asDnsRequest(AiLookup lookup) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("event_simpleName", "DnsRequest");
                    json.writeStringField("aid", lookup.aid);
                    json.writeStringField("ContextProcessId", lookup.contextProcessId);
                    json.writeStringField("DomainName", lookup.domain);
                    if (lookup.ip4Records != null) {
                        json.writeStringField("IP4Records", lookup.ip4Records);
                    }
                    if (lookup.platform != null) {
                        json.writeStringField("event_platform", lookup.platform);
                    }
                    json.writeStringField("timestamp", Long.toString(lookup.timestamp));
                    json.writeEndObject();
                });
    }

    /**
     * Rebuilds a confirmation as the outbound TCP connection that made it. NOTE: the line carries
     * the lookup's time and no port, because the confirmation does not keep the connection's.
     * Replayed after the lookup's DnsRequest line, it confirms that lookup again unless {@code
     * --confirm-ports} is set.
     */
    private static String asNetworkConnect(AiLookup confirmation) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("event_simpleName", "NetworkConnectIP4");
                    json.writeStringField("aid", confirmation.aid);
                    json.writeStringField("ContextProcessId", confirmation.contextProcessId);
                    json.writeStringField("RemoteAddressIP4", confirmation.confirmedAddress);
                    json.writeStringField("Protocol", "6");
                    json.writeStringField("ConnectionDirection", "0");
                    if (confirmation.platform != null) {
                        json.writeStringField("event_platform", confirmation.platform);
                    }
                    json.writeStringField("timestamp", Long.toString(confirmation.timestamp));
                    json.writeEndObject();
                });
    }
}
