package dev.aiapiwatch.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * An accumulator that counts occurrences per key, such as dead letters per reason. Once it counts
 * {@link #MAX_KEYS} keys, further new keys are counted under {@link #OTHER_KEYS}, so that a feed
 * with unbounded key values (random event type names, say) cannot grow it without limit.
 */
public class CountsByKey implements Accumulator<String, TreeMap<String, Long>> {

    private static final long serialVersionUID = 1L;

    public static final int MAX_KEYS = 100;
    public static final String OTHER_KEYS = "(other)";

    private TreeMap<String, Long> counts = new TreeMap<>();

    @Override
    public void add(String key) {
        add(key, 1);
    }

    public void add(String key, long count) {
        Long current = counts.get(key);
        if (current != null) {
            counts.put(key, current + count);
            return;
        }
        int namedKeys = counts.size() - (counts.containsKey(OTHER_KEYS) ? 1 : 0);
        boolean kept = counts.containsKey(key) || key.equals(OTHER_KEYS) || namedKeys < MAX_KEYS;
        String counted = kept ? key : OTHER_KEYS;
        counts.merge(counted, count, Long::sum);
    }

    @Override
    public TreeMap<String, Long> getLocalValue() {
        return counts;
    }

    @Override
    public void resetLocal() {
        counts = new TreeMap<>();
    }

    @Override
    public void merge(Accumulator<String, TreeMap<String, Long>> other) {
        for (Map.Entry<String, Long> entry : other.getLocalValue().entrySet()) {
            add(entry.getKey(), entry.getValue());
        }
    }

    @Override
    public CountsByKey clone() {
        CountsByKey copy = new CountsByKey();
        copy.counts = new TreeMap<>(counts);
        return copy;
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
