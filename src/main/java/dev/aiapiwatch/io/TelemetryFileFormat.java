package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads newline-delimited Falcon JSON files, {@code .gz} compressed or not, and parses each line
 * into a {@link FalconEvent} right in the source, so that timestamps and watermarks come from the
 * source and each dead letter records its file and line. Files are not split; a checkpoint stores
 * the number of lines read, and a restored reader skips that many.
 */
public class TelemetryFileFormat implements BulkFormat<FalconEvent, FileSourceSplit> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFileFormat.class);

    /** Lines parsed per batch handed to the source reader. */
    private static final int BATCH_SIZE = 512;

    private final FalconEventParser parser;

    public TelemetryFileFormat(FalconEventParser parser) {
        this.parser = parser;
    }

    @Override
    public Reader<FalconEvent> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new TelemetryReader(split, 0);
    }

    @Override
    public Reader<FalconEvent> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long linesRead =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new TelemetryReader(split, linesRead);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FalconEvent> getProducedType() {
        return TypeInformation.of(FalconEvent.class);
    }

    /**
     * Reads one file. A file that cannot be opened or read to its end (a truncated {@code .gz},
     * say) ends with a dead letter naming the file and the error, and the job goes on with the
     * other files.
     */
    private final class TelemetryReader implements BulkFormat.Reader<FalconEvent> {

        private final String origin;
        private LineReader lines;
        private IOException failure;
        private boolean finished;
        private long linesRead;

        TelemetryReader(FileSourceSplit split, long linesToSkip) {
            Path path = split.path();
            this.origin = path.getPath();
            try {
                InputStream stream = path.getFileSystem().open(path);
                if (path.getName().endsWith(".gz")) {
                    stream = new GZIPInputStream(stream, 64 * 1024);
                }
                lines = new LineReader(stream, parser.maxLineLength(), DeadLetter.MAX_RAW_LENGTH);
                while (linesRead < linesToSkip && lines.next() != null) {
                    linesRead++;
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        @Override
        public RecordIterator<FalconEvent> readBatch() {
            if (finished) {
                return null;
            }
            FalconEvent[] batch = new FalconEvent[BATCH_SIZE];
            long linesBefore = linesRead;
            int count = 0;
            try {
                LineReader.Line line;
                while (failure == null && count < BATCH_SIZE && (line = lines.next()) != null) {
                    linesRead++;
                    batch[count++] = line.parse(parser, origin, linesRead);
                }
            } catch (IOException e) {
                failure = e;
            }
            if (failure != null && count < BATCH_SIZE) {
                LOG.warn(
                        "Stopped reading {} after line {}: {}",
                        origin,
                        linesRead,
                        failure.toString());
                linesRead++;
                batch[count++] = unreadable(failure, linesRead);
                finished = true;
            }
            if (count == 0) {
                finished = true;
                return null;
            }
            ArrayResultIterator<FalconEvent> iterator = new ArrayResultIterator<>();
            iterator.set(batch, count, CheckpointedPosition.NO_OFFSET, linesBefore);
            return iterator;
        }

        private FalconEvent unreadable(IOException error, long position) {
            return FalconEvent.of(
                    DeadLetter.of(
                            DeadLetterReason.UNREADABLE_FILE,
                            "cannot read "
                                    + origin
                                    + " after line "
                                    + (position - 1)
                                    + ", so the rest of the file is skipped: "
                                    + error,
                            "",
                            origin,
                            position));
        }

        @Override
        public void close() throws IOException {
            if (lines != null) {
                lines.close();
            }
        }
    }
}
