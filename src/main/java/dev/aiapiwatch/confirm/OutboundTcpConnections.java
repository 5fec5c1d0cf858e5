package dev.aiapiwatch.confirm;

import dev.aiapiwatch.config.ConfirmSettings;
import dev.aiapiwatch.event.NetworkConnect;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the connections that can confirm a lookup: outbound ({@code ConnectionDirection} 0), TCP
 * ({@code Protocol} 6), to an allowed remote port, with a valid {@code RemoteAddressIP4}. It runs
 * before any keyBy, so that the other connections are never shuffled.
 */
public class OutboundTcpConnections implements FlatMapFunction<NetworkConnect, ConfirmationInput> {

    private static final long serialVersionUID = 1L;

    static final String OUTBOUND = "0";
    static final String TCP = "6";

    private final ConfirmSettings settings;

    public OutboundTcpConnections(ConfirmSettings settings) {
        this.settings = settings;
    }

    @Override
    public void flatMap(NetworkConnect connect, Collector<ConfirmationInput> out) {
        if (!OUTBOUND.equals(strip(connect.connectionDirection))
                || !TCP.equals(strip(connect.protocol))
                || !portAllowed(connect.remotePort)) {
            return;
        }
        String address = Ip4Addresses.canonical(connect.remoteAddressIp4);
        if (address != null) {
            out.collect(ConfirmationInput.ofConnection(connect, address));
        }
    }

    private boolean portAllowed(String remotePort) {
        if (settings.remotePorts().isEmpty()) {
            return true;
        }
        try {
            return settings.allowsPort(Integer.parseInt(strip(remotePort)));
        } catch (NumberFormatException e) {
            // A missing or malformed port matches no allowed port.
            return false;
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
