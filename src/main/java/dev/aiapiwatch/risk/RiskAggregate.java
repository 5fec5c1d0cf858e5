package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import java.util.Arrays;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Reduces the attributed lookups of one group and window to a {@link RiskAccumulator}: lookup
 * count, maximum weight, first and last lookup time and up to five distinct command lines.
 */
public class RiskAggregate
        implements AggregateFunction<AttributedLookup, RiskAccumulator, RiskAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public RiskAccumulator createAccumulator() {
        return new RiskAccumulator();
    }

    @Override
    public RiskAccumulator add(AttributedLookup attributed, RiskAccumulator accumulator) {
        AiLookup lookup = attributed.lookup;
        WatchedProcess process = attributed.process;
        if (accumulator.lookupCount == 0) {
            accumulator.aid = lookup.aid;
            accumulator.platform = process.platform != null ? process.platform : lookup.platform;
            accumulator.userSid = process.userSid;
            accumulator.processName = process.processName;
            accumulator.parentName = process.parentName;
            accumulator.category = process.category.label();
            accumulator.domain = lookup.domain;
            accumulator.provider = lookup.provider;
        }
        if (accumulator.hostName == null) {
            accumulator.hostName = process.hostName;
        }
        if (accumulator.userName == null) {
            accumulator.userName = process.userName;
        }
        if (lookup.timestamp >= accumulator.lastSeen) {
            accumulator.watchlistVersion = lookup.watchlistVersion;
        }
        accumulator.lookupCount++;
        accumulator.maxWeight = Math.max(accumulator.maxWeight, process.category.weight());
        accumulator.firstSeen = Math.min(accumulator.firstSeen, lookup.timestamp);
        accumulator.lastSeen = Math.max(accumulator.lastSeen, lookup.timestamp);
        accumulator.commandLineSamples =
                withSample(accumulator.commandLineSamples, process.commandLine);
        return accumulator;
    }

    @Override
    public RiskAccumulator getResult(RiskAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public RiskAccumulator merge(RiskAccumulator a, RiskAccumulator b) {
        if (a.lookupCount == 0) {
            return b;
        }
        if (b.lookupCount == 0) {
            return a;
        }
        if (b.lastSeen > a.lastSeen) {
            a.watchlistVersion = b.watchlistVersion;
        }
        if (a.hostName == null) {
            a.hostName = b.hostName;
        }
        if (a.userName == null) {
            a.userName = b.userName;
        }
        a.lookupCount += b.lookupCount;
        a.maxWeight = Math.max(a.maxWeight, b.maxWeight);
        a.firstSeen = Math.min(a.firstSeen, b.firstSeen);
        a.lastSeen = Math.max(a.lastSeen, b.lastSeen);
        for (String sample : b.commandLineSamples) {
            a.commandLineSamples = withSample(a.commandLineSamples, sample);
        }
        return a;
    }

    private static String[] withSample(String[] samples, String commandLine) {
        if (commandLine == null
                || samples.length >= RiskAccumulator.MAX_COMMAND_LINE_SAMPLES
                || Arrays.asList(samples).contains(commandLine)) {
            return samples;
        }
        String[] extended = Arrays.copyOf(samples, samples.length + 1);
        extended[samples.length] = commandLine;
        return extended;
    }
}
