package dev.aiapiwatch.correlate;

import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;

/**
 * An AI lookup with the watched process that made it: the process of its start event, or for an
 * {@link Attribution#UNATTRIBUTED} lookup a process described by the lookup alone.
 */
public class AttributedLookup {
    public AiLookup lookup;
    public WatchedProcess process;
    public Attribution attribution = Attribution.PROCESS;

    public AttributedLookup() {}

    public AttributedLookup(AiLookup lookup, WatchedProcess process) {
        this.lookup = lookup;
        this.process = process;
    }

    /** Returns a lookup whose process start never arrived, described by {@code process}. */
    public static AttributedLookup unattributed(AiLookup lookup, WatchedProcess process) {
        AttributedLookup attributed = new AttributedLookup(lookup, process);
        attributed.attribution = Attribution.UNATTRIBUTED;
        return attributed;
    }

    public boolean isUnattributed() {
        return attribution == Attribution.UNATTRIBUTED;
    }
}
