package dev.aiapiwatch.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A {@link JobCounter} split by a key, such as dead letters by reason. Each key gets a metric in
 * the subgroup {@code <keyName>=<key>} and an entry in a {@link CountsByKey} accumulator. Keys from
 * input data can be unbounded, so only keys from a known, small set should get metrics; for the
 * others pass {@code metricPerKey = false} and a single metric counts all keys.
 */
public final class KeyedJobCounter {

    private final MetricGroup group;
    private final String name;
    private final String keyName;
    private final boolean metricPerKey;
    private final CountsByKey accumulator = new CountsByKey();
    private final Map<String, Counter> metrics = new HashMap<>();
    private final Counter total;

    private KeyedJobCounter(MetricGroup group, String name, String keyName, boolean metricPerKey) {
        this.group = group;
        this.name = name;
        this.keyName = keyName;
        this.metricPerKey = metricPerKey;
        this.total = metricPerKey ? null : group.counter(name);
    }

    public static KeyedJobCounter register(
            RuntimeContext context, String name, String keyName, boolean metricPerKey) {
        KeyedJobCounter counter =
                new KeyedJobCounter(context.getMetricGroup(), name, keyName, metricPerKey);
        context.addAccumulator(name, counter.accumulator);
        return counter;
    }

    public void inc(String key) {
        accumulator.add(key);
        if (metricPerKey) {
            metrics.computeIfAbsent(key, k -> group.addGroup(keyName, k).counter(name)).inc();
        } else {
            total.inc();
        }
    }
}
