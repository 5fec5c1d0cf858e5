package dev.aiapiwatch.confirm;

import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.watchlist.AiLookup;

/**
 * One input of the confirmation pattern: an AI lookup with one address it resolved to, or an
 * outbound TCP connection to an address. A lookup that resolved to several addresses becomes one
 * input per address. Lookups and connections are one type so that a single keyed stream, in
 * event-time order, feeds the pattern.
 */
public class ConfirmationInput {

    /** Falcon sensor id of the host. */
    public String aid;

    /** Falcon process id ({@code ContextProcessId}), unique per {@link #aid}. */
    public String processId;

    /** The lookup, or null for a connection. */
    public AiLookup lookup;

    /**
     * In canonical form: an address the lookup resolved to, or the remote address of the
     * connection.
     */
    public String address;

    public ConfirmationInput() {}

    public static ConfirmationInput ofLookup(AiLookup lookup, String resolvedAddress) {
        ConfirmationInput input = new ConfirmationInput();
        input.aid = lookup.aid;
        input.processId = lookup.contextProcessId;
        input.lookup = lookup;
        input.address = resolvedAddress;
        return input;
    }

    public static ConfirmationInput ofConnection(NetworkConnect connect, String remoteAddress) {
        ConfirmationInput input = new ConfirmationInput();
        input.aid = connect.aid;
        input.processId = connect.contextProcessId;
        input.address = remoteAddress;
        return input;
    }

    public boolean isLookup() {
        return lookup != null;
    }
}
