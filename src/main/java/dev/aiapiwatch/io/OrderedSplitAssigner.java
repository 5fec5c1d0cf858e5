package dev.aiapiwatch.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out file splits in path order. Falcon Data Replicator names its files by time, so reading
 * them in this order keeps event time rising across files; Flink's default assigner takes them in
 * no useful order, which would make events of earlier files arrive late.
 */
public class OrderedSplitAssigner implements FileSplitAssigner {

    private static final Comparator<FileSourceSplit> BY_PATH =
            Comparator.comparing((FileSourceSplit split) -> split.path().toString())
                    .thenComparingLong(FileSourceSplit::offset)
                    .thenComparing(FileSourceSplit::splitId);

    private final TreeSet<FileSourceSplit> splits = new TreeSet<>(BY_PATH);

    public OrderedSplitAssigner(Collection<FileSourceSplit> splits) {
        this.splits.addAll(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
