package dev.aiapiwatch.confirm;

import java.time.Duration;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The CEP pattern that confirms a lookup: per (aid, process id, address), an AI lookup that
 * resolved to the address followed, within the confirmation time, by a connection to it.
 */
public final class ConfirmationPattern {

    /** Name of the lookup in a match. */
    public static final String LOOKUP = "lookup";

    /** Name of the connection in a match. */
    public static final String CONNECTION = "connection";

    private ConfirmationPattern() {}

    /**
     * Returns the pattern for connections at most {@code within} after their lookup, bounds
     * included.
     */
    public static Pattern<ConfirmationInput, ?> create(Duration within) {
        // With skip-past-last-event, once a connection completes a match, every partial match
        // that started before it is dropped. A connection after three lookups of its address
        // completes three partial matches, and only the one of the earliest lookup is emitted, so
        // a connection counts once. The other strategies emit all three, because each lookup
        // starts its own partial match and they prune by start event only. Lookups waiting for
        // other addresses are under other keys and keep waiting.
        AfterMatchSkipStrategy oneMatchPerConnection = AfterMatchSkipStrategy.skipPastLastEvent();

        // CEP times a partial match out when an event comes at least the window after its start,
        // so the window excludes its end. Event times are whole milliseconds, so one millisecond
        // more includes a connection exactly `within` after the lookup.
        Duration window = within.plusMillis(1);

        return Pattern.<ConfirmationInput>begin(LOOKUP, oneMatchPerConnection)
                .where(SimpleCondition.of(ConfirmationInput::isLookup))
                .followedBy(CONNECTION)
                .where(new ToResolvedAddress())
                .within(window);
    }

    /**
     * Accepts a connection to the address of the lookup of the partial match. The key already
     * contains the address, so this check only keeps a collision of two hashed keys from confirming
     * anything.
     */
    static final class ToResolvedAddress extends IterativeCondition<ConfirmationInput> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(ConfirmationInput input, Context<ConfirmationInput> context)
                throws Exception {
            if (input.isLookup()) {
                return false;
            }
            for (ConfirmationInput lookup : context.getEventsForPattern(LOOKUP)) {
                if (lookup.address.equals(input.address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Puts lookups before connections of the same millisecond. The operator sorts its input by time
     * only, and lookups and connections arrive on different channels, so without this a connection
     * in the lookup's millisecond would confirm it or not by chance.
     */
    public static final class LookupsFirst implements EventComparator<ConfirmationInput> {

        private static final long serialVersionUID = 1L;

        @Override
        public int compare(ConfirmationInput first, ConfirmationInput second) {
            return Boolean.compare(second.isLookup(), first.isLookup());
        }
    }
}
