package dev.aiapiwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsByKeyTest {

    /** Returns counts with keys key-000 to key-099, each counted once. */
    private static CountsByKey full() {
        CountsByKey counts = new CountsByKey();
        for (int i = 0; i < CountsByKey.MAX_KEYS; i++) {
            counts.add(String.format("key-%03d", i));
        }
        return counts;
    }

    @Test
    void addCountsPerKey() {
        CountsByKey counts = new CountsByKey();

        counts.add("invalid_json");
        counts.add("invalid_json");
        counts.add("missing_aid");
        counts.add("invalid_json", 5);

        assertThat(counts.getLocalValue()).containsEntry("invalid_json", 7L);
        assertThat(counts.getLocalValue()).containsEntry("missing_aid", 1L);
        assertThat(counts.getLocalValue()).hasSize(2);
    }

    @Test
    void keysBeyondCapCountedAsOther() {
        CountsByKey counts = full();

        counts.add("late-1");
        counts.add("late-2", 4);

        assertThat(counts.getLocalValue()).doesNotContainKeys("late-1", "late-2");
        assertThat(counts.getLocalValue()).containsEntry(CountsByKey.OTHER_KEYS, 5L);
        assertThat(counts.getLocalValue()).hasSize(CountsByKey.MAX_KEYS + 1);
    }

    @Test
    void knownKeyCountedAfterCap() {
        CountsByKey counts = full();

        counts.add("key-042");

        assertThat(counts.getLocalValue()).containsEntry("key-042", 2L);
        assertThat(counts.getLocalValue()).doesNotContainKey(CountsByKey.OTHER_KEYS);
    }

    @Test
    void mergeAddsCounts() {
        CountsByKey target = new CountsByKey();
        target.add("x", 1);
        target.add("y", 2);
        CountsByKey other = new CountsByKey();
        other.add("y", 3);
        other.add("z", 4);

        target.merge(other);

        assertThat(target.getLocalValue()).containsEntry("x", 1L);
        assertThat(target.getLocalValue()).containsEntry("y", 5L);
        assertThat(target.getLocalValue()).containsEntry("z", 4L);
        assertThat(other.getLocalValue()).containsEntry("y", 3L);
        assertThat(other.getLocalValue()).hasSize(2);
    }

    @Test
    void mergeRespectsCap() {
        CountsByKey target = full();
        CountsByKey other = new CountsByKey();
        other.add("new", 3);
        other.add("key-000", 2);

        target.merge(other);

        assertThat(target.getLocalValue()).doesNotContainKey("new");
        assertThat(target.getLocalValue()).containsEntry(CountsByKey.OTHER_KEYS, 3L);
        assertThat(target.getLocalValue()).containsEntry("key-000", 3L);
    }

    @Test
    void cloneIsIndependent() {
        CountsByKey original = new CountsByKey();
        original.add("a");

        CountsByKey copy = original.clone();
        copy.add("a");
        copy.add("b");
        original.add("c");

        assertThat(original.getLocalValue()).containsOnlyKeys("a", "c");
        assertThat(original.getLocalValue()).containsEntry("a", 1L);
        assertThat(copy.getLocalValue()).containsOnlyKeys("a", "b");
        assertThat(copy.getLocalValue()).containsEntry("a", 2L);
    }

    @Test
    void resetLocalClearsCounts() {
        CountsByKey counts = full();

        counts.resetLocal();
        counts.add("a");

        assertThat(counts.getLocalValue()).containsOnlyKeys("a");
    }

    @Test
    void mergedOtherUsesNoNamedSlot() {
        CountsByKey full = new CountsByKey();
        for (int i = 0; i < CountsByKey.MAX_KEYS - 1; i++) {
            full.add("key-" + i);
        }
        CountsByKey other = new CountsByKey();
        other.add(CountsByKey.OTHER_KEYS, 5);

        full.merge(other);
        full.add("last-named-key");

        assertThat(full.getLocalValue()).containsEntry(CountsByKey.OTHER_KEYS, 5L);
        assertThat(full.getLocalValue()).containsEntry("last-named-key", 1L);
    }
}
