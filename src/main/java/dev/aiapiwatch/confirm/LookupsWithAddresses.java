package dev.aiapiwatch.confirm;

import dev.aiapiwatch.watchlist.AiLookup;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the AI lookups that a connection can confirm: those with at least one IPv4 address in
 * {@code IP4Records}. Older and macOS sensors send no {@code IP4Records}, and lookups of AAAA or
 * CNAME-only answers have none, so their lookups are dropped here; they still reach the join. A
 * lookup becomes one input per address, since the pattern runs per address.
 */
public class LookupsWithAddresses implements FlatMapFunction<AiLookup, ConfirmationInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(AiLookup lookup, Collector<ConfirmationInput> out) {
        for (String address : Ip4Addresses.ofRecords(lookup.ip4Records)) {
            out.collect(ConfirmationInput.ofLookup(lookup, address));
        }
    }
}
