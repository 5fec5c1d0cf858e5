package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one newline-delimited file for a {@link BulkFormat}, {@code .gz} compressed or not, and
 * turns each line into a record. The checkpointed position of a record is its line number, so a
 * restored reader skips that many lines. A file that cannot be opened or read to its end (a
 * truncated {@code .gz}, say) ends with a dead letter naming the file and the error, and the job
 * goes on with the other files.
 */
final class LineFileReader<T> implements BulkFormat.Reader<T> {

    private static final Logger LOG = LoggerFactory.getLogger(LineFileReader.class);

    /** Lines parsed per batch handed to the source reader. */
    private static final int BATCH_SIZE = 512;

    /** Turns a line into a record, or into null for a line that is no record and no error. */
    @FunctionalInterface
    interface LineParser<T> {
        T parse(LineReader.Line line, String origin, long position);
    }

    private final String origin;
    private final LineParser<T> parser;
    private final Function<DeadLetter, T> deadLetterRecord;
    private final IntFunction<T[]> newArray;
    private LineReader lines;
    private IOException failure;
    private boolean finished;
    private long linesRead;

    /**
     * @param deadLetterRecord wraps the dead letter of an unreadable file into a record
     */
    LineFileReader(
            FileSourceSplit split,
            long linesToSkip,
            int maxLineLength,
            LineParser<T> parser,
            Function<DeadLetter, T> deadLetterRecord,
            IntFunction<T[]> newArray) {
        Path path = split.path();
        this.origin = path.getPath();
        this.parser = parser;
        this.deadLetterRecord = deadLetterRecord;
        this.newArray = newArray;
        try {
            InputStream stream = path.getFileSystem().open(path);
            if (path.getName().endsWith(".gz")) {
                stream = new GZIPInputStream(stream, 64 * 1024);
            }
            lines = new LineReader(stream, maxLineLength, DeadLetter.MAX_RAW_LENGTH);
            while (linesRead < linesToSkip && lines.next() != null) {
                linesRead++;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public BulkFormat.RecordIterator<T> readBatch() {
        if (finished) {
            return null;
        }
        T[] batch = newArray.apply(BATCH_SIZE);
        long linesBefore = linesRead;
        int count = 0;
        try {
            LineReader.Line line;
            while (failure == null && count < BATCH_SIZE && (line = lines.next()) != null) {
                linesRead++;
                T record = parser.parse(line, origin, linesRead);
                if (record != null) {
                    batch[count++] = record;
                } else if (count == 0) {
                    linesBefore = linesRead;
                } else {
                    // The position of a record is its line number only if no line in the batch
                    // was skipped, so a skipped line ends the batch.
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        if (failure != null && count < BATCH_SIZE) {
            LOG.warn("Stopped reading {} after line {}: {}", origin, linesRead, failure.toString());
            linesRead++;
            batch[count++] = deadLetterRecord.apply(unreadable(failure, linesRead));
            finished = true;
        }
        if (count == 0) {
            finished = true;
            return null;
        }
        ArrayResultIterator<T> iterator = new ArrayResultIterator<>();
        iterator.set(batch, count, CheckpointedPosition.NO_OFFSET, linesBefore);
        return iterator;
    }

    private DeadLetter unreadable(IOException error, long position) {
        return DeadLetter.of(
                DeadLetterReason.UNREADABLE_FILE,
                "cannot read "
                        + origin
                        + " after line "
                        + (position - 1)
                        + ", so the rest of the file is skipped: "
                        + error,
                "",
                origin,
                position);
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
