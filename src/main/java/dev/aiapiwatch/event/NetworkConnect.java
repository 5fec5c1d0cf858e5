package dev.aiapiwatch.event;

/** A {@code NetworkConnectIP4} event: a process opened an IPv4 connection. */
public class NetworkConnect {
    public String aid;
    public String contextProcessId;
    public String remoteAddressIp4;
    public String remotePort;

    /** IP protocol number, {@code 6} for TCP. */
    public String protocol;

    /** {@code 0} for outbound, {@code 1} for inbound. */
    public String connectionDirection;

    /** Event time in epoch milliseconds. */
    public long timestamp;

    public NetworkConnect() {}
}
