package dev.aiapiwatch.metrics;

import java.util.HashMap;
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

    /**
     * Counts by key. Each count is an array, so counting a known key takes one hash lookup and no
     * allocation. Reports read a sorted copy, built on request.
     */
    private HashMap<String, long[]> counts = new HashMap<>();

    @Override
    public void add(String key) {
        add(key, 1);
    }

    public void add(String key, long count) {
        long[] current = counts.get(key);
        if (current != null) {
            current[0] += count;
            return;
        }
        int namedKeys = counts.size() - (counts.containsKey(OTHER_KEYS) ? 1 : 0);
        boolean kept = key.equals(OTHER_KEYS) || namedKeys < MAX_KEYS;
        counts.computeIfAbsent(kept ? key : OTHER_KEYS, newKey -> new long[1])[0] += count;
    }

    /** The counts by key, sorted by key. */
    @Override
    public TreeMap<String, Long> getLocalValue() {
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count[0]));
        return sorted;
    }

    @Override
    public void resetLocal() {
        counts = new HashMap<>();
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
        counts.forEach((key, count) -> copy.counts.put(key, count.clone()));
        return copy;
    }

    @Override
    public String toString() {
        return getLocalValue().toString();
    }
}
