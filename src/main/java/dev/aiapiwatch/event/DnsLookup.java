package dev.aiapiwatch.event;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A {@code DnsRequest} event: a process on a host looked up a domain name. Flink serialises it with
 * {@link DnsLookupTypeInfo.Serializer}, so a new field must be added there too.
 */
@TypeInfo(DnsLookupTypeInfo.Factory.class)
public class DnsLookup {
    /** Falcon sensor id of the host. */
    public String aid;

    /** Falcon process id of the process that made the lookup, unique per {@link #aid}. */
    public String contextProcessId;

    /** The name as the sensor reported it, not normalised. */
    public String domainName;

    /** DNS record type as a number, for example {@code 1} for A and {@code 28} for AAAA. */
    public String requestType;

    /** Resolved IPv4 addresses, {@code ;}-separated with a trailing {@code ;}, or null. */
    public String ip4Records;

    /** Image name of the process, sent by newer sensor versions only. */
    public String contextBaseFileName;

    /** {@code Win}, {@code Lin} or {@code Mac}. */
    public String platform;

    /** Falcon event id ({@code id}). */
    public String eventId;

    /** Event time in epoch milliseconds. */
    public long timestamp;

    public DnsLookup() {}
}
