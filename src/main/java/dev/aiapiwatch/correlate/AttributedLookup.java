package dev.aiapiwatch.correlate;

import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;

/** An AI lookup joined to the watched process that made it. */
public class AttributedLookup {
    public AiLookup lookup;
    public WatchedProcess process;

    public AttributedLookup() {}

    public AttributedLookup(AiLookup lookup, WatchedProcess process) {
        this.lookup = lookup;
        this.process = process;
    }
}
