package dev.aiapiwatch.io;

import java.io.IOException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/**
 * A file format of newline-delimited records, {@code .gz} compressed or not, read whole by a {@link
 * LineFileReader}. A restored reader skips the lines its checkpoint counted as read.
 */
public abstract class LineFileFormat<T> implements BulkFormat<T, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    @Override
    public Reader<T> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return reader(split, 0);
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long linesRead =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return reader(split, linesRead);
    }

    /** Returns a reader of {@code split} that skips its first {@code linesToSkip} lines. */
    protected abstract Reader<T> reader(FileSourceSplit split, long linesToSkip) throws IOException;

    @Override
    public boolean isSplittable() {
        return false;
    }
}
