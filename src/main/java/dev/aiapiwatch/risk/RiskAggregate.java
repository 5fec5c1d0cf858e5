package dev.aiapiwatch.risk;

import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.process.ImageNames;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.watchlist.AiLookup;
import java.util.Arrays;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Reduces the attributed lookups of one group and window to a {@link RiskAccumulator}: lookup
 * count, maximum weight, first and last lookup time, up to five distinct command lines, and the
 * signs that {@link RiskScore} weighs. Confirmations count apart: each adds a confirmed connection
 * and its address, and changes none of the lookup figures.
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
        if (isEmpty(accumulator)) {
            accumulator.aid = lookup.aid;
            accumulator.platform = process.platform != null ? process.platform : lookup.platform;
            accumulator.userSid = process.userSid;
            accumulator.processName = process.processName;
            accumulator.parentName = process.parentName;
            accumulator.category = process.category.label();
            accumulator.domain = lookup.domain;
            accumulator.provider = lookup.provider;
            accumulator.attribution = attributed.attribution.label();
        }
        if (accumulator.hostName == null) {
            accumulator.hostName = process.hostName;
        }
        if (accumulator.userName == null) {
            accumulator.userName = process.userName;
        }
        accumulator.maxWeight = Math.max(accumulator.maxWeight, process.category.weight());
        if (lookup.isConfirmation()) {
            accumulator.confirmedConnections++;
            accumulator.destinationIps =
                    withDistinct(
                            accumulator.destinationIps,
                            lookup.confirmedAddress,
                            RiskAccumulator.MAX_DESTINATION_IPS);
            return accumulator;
        }
        if (lookup.timestamp >= accumulator.lastSeen) {
            accumulator.watchlistVersion = lookup.watchlistVersion;
        }
        accumulator.lookupCount++;
        accumulator.firstSeen = Math.min(accumulator.firstSeen, lookup.timestamp);
        accumulator.lastSeen = Math.max(accumulator.lastSeen, lookup.timestamp);
        accumulator.commandLineSamples =
                withDistinct(
                        accumulator.commandLineSamples,
                        process.commandLine,
                        RiskAccumulator.MAX_COMMAND_LINE_SAMPLES);
        accumulator.apiKeySeen |= process.commandLineHadSecret;
        accumulator.userWritableImage |= ImageNames.inUserWritableFolder(process.executable);
        return accumulator;
    }

    @Override
    public RiskAccumulator getResult(RiskAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public RiskAccumulator merge(RiskAccumulator a, RiskAccumulator b) {
        if (isEmpty(a)) {
            return b;
        }
        if (isEmpty(b)) {
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
        a.apiKeySeen |= b.apiKeySeen;
        a.userWritableImage |= b.userWritableImage;
        for (String sample : b.commandLineSamples) {
            a.commandLineSamples =
                    withDistinct(
                            a.commandLineSamples, sample, RiskAccumulator.MAX_COMMAND_LINE_SAMPLES);
        }
        a.confirmedConnections += b.confirmedConnections;
        for (String address : b.destinationIps) {
            a.destinationIps =
                    withDistinct(a.destinationIps, address, RiskAccumulator.MAX_DESTINATION_IPS);
        }
        return a;
    }

    /** Returns whether nothing, neither a lookup nor a confirmation, was added. */
    private static boolean isEmpty(RiskAccumulator accumulator) {
        return accumulator.lookupCount == 0 && accumulator.confirmedConnections == 0;
    }

    /** Returns {@code values} with {@code value} appended, unless null, present or at the limit. */
    private static String[] withDistinct(String[] values, String value, int limit) {
        if (value == null || values.length >= limit || Arrays.asList(values).contains(value)) {
            return values;
        }
        String[] extended = Arrays.copyOf(values, values.length + 1);
        extended[values.length] = value;
        return extended;
    }
}
