package dev.aiapiwatch.allowlist;

import java.io.Serializable;

/**
 * A named set of hosts that allowlist entries refer to with {@code hostGroup}: a host belongs to it
 * when its aid is one of {@link #aids} or its host name matches one of {@link #hostNamePatterns}.
 */
public class HostGroup implements Serializable {

    private static final long serialVersionUID = 1L;

    public String name;

    /** Falcon sensor ids, lower-case, sorted. */
    public String[] aids = new String[0];

    /** Host-name globs in which {@code *} stands for any characters, lower-case, sorted. */
    public String[] hostNamePatterns = new String[0];

    public HostGroup() {}

    public HostGroup(String name, String[] aids, String[] hostNamePatterns) {
        this.name = name;
        this.aids = aids;
        this.hostNamePatterns = hostNamePatterns;
    }

    @Override
    public String toString() {
        return name
                + " ("
                + aids.length
                + " aids, "
                + hostNamePatterns.length
                + " host-name patterns)";
    }
}
