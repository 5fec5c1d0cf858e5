package dev.aiapiwatch.confirm;

import dev.aiapiwatch.watchlist.AiLookup;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a match of {@link ConfirmationPattern} into a confirmation: a copy of the lookup, with its
 * own time, and the address of the connection. CEP stamps the output record with the connection's
 * time; the join and the risk windows use the lookup time in the record.
 */
public class ConfirmedLookups extends PatternProcessFunction<ConfirmationInput, AiLookup> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processMatch(
            Map<String, List<ConfirmationInput>> match, Context context, Collector<AiLookup> out) {
        AiLookup lookup = match.get(ConfirmationPattern.LOOKUP).get(0).lookup;
        String address = match.get(ConfirmationPattern.CONNECTION).get(0).address;
        out.collect(lookup.confirmedBy(address));
    }
}
