package dev.aiapiwatch.confirm;

import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.watchlist.AiLookup;

/**
 * One input of the confirmation pattern: an AI lookup with the addresses it resolved to, or an
 * outbound TCP connection. Lookups and connections are one type so that a single keyed stream, in
 * event-time order, feeds the pattern.
 */
public class ConfirmationInput {

    /** Falcon sensor id of the host. */
    public String aid;

    /** Falcon process id ({@code ContextProcessId}), unique per {@link #aid}. */
    public String processId;

    /** The lookup, or null for a connection. */
    public AiLookup lookup;

    /** Addresses the lookup resolved to, in canonical form; empty for a connection. */
    public String[] resolvedAddresses = new String[0];

    /** Remote address of the connection in canonical form, or null for a lookup. */
    public String remoteAddress;

    public ConfirmationInput() {}

    public static ConfirmationInput ofLookup(AiLookup lookup, String[] resolvedAddresses) {
        ConfirmationInput input = new ConfirmationInput();
        input.aid = lookup.aid;
        input.processId = lookup.contextProcessId;
        input.lookup = lookup;
        input.resolvedAddresses = resolvedAddresses;
        return input;
    }

    public static ConfirmationInput ofConnection(NetworkConnect connect, String remoteAddress) {
        ConfirmationInput input = new ConfirmationInput();
        input.aid = connect.aid;
        input.processId = connect.contextProcessId;
        input.remoteAddress = remoteAddress;
        return input;
    }

    public boolean isLookup() {
        return lookup != null;
    }

    /** Returns whether the lookup resolved to {@code address}; false for a connection. */
    public boolean resolvedTo(String address) {
        for (String resolved : resolvedAddresses) {
            if (resolved.equals(address)) {
                return true;
            }
        }
        return false;
    }
}
