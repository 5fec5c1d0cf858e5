package dev.aiapiwatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the stage that confirms AI lookups with network connections.
 *
 * @param within how long after a lookup a connection to one of its addresses confirms it. A
 *     connection exactly this long after the lookup still does.
 * @param remotePorts remote ports a confirming connection may use; empty for any port
 */
public record ConfirmSettings(Duration within, Set<Integer> remotePorts) implements Serializable {

    public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(2);

    public ConfirmSettings {
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("within must be positive, not " + within);
        }
        remotePorts = Set.copyOf(remotePorts);
    }

    /** Returns the defaults: {@link #DEFAULT_WITHIN} and any remote port. */
    public static ConfirmSettings defaults() {
        return new ConfirmSettings(DEFAULT_WITHIN, Set.of());
    }

    /** Returns whether a connection to {@code port} may confirm a lookup. */
    public boolean allowsPort(int port) {
        return remotePorts.isEmpty() || remotePorts.contains(port);
    }

    /** Returns the ports for logs: sorted and comma-separated, or {@code any}. */
    public String describePorts() {
        if (remotePorts.isEmpty()) {
            return "any";
        }
        StringBuilder text = new StringBuilder();
        for (int port : new TreeSet<>(remotePorts)) {
            text.append(text.length() == 0 ? "" : ",").append(port);
        }
        return text.toString();
    }
}
