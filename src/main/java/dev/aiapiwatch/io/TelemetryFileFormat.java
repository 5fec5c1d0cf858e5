package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads newline-delimited Falcon JSON files, {@code .gz} compressed or not, and parses each line
 * into a {@link FalconEvent} right in the source, so that timestamps and watermarks come from the
 * source and each dead letter records its file and line. Files are not split; a checkpoint stores
 * the number of lines read, and a restored reader skips that many.
 */
public class TelemetryFileFormat implements BulkFormat<FalconEvent, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

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

    private final class TelemetryReader implements BulkFormat.Reader<FalconEvent> {

        private final LineReader lines;
        private final String origin;
        private long linesRead;

        TelemetryReader(FileSourceSplit split, long linesToSkip) throws IOException {
            Path path = split.path();
            InputStream stream = path.getFileSystem().open(path);
            if (path.getName().endsWith(".gz")) {
                stream = new GZIPInputStream(stream, 64 * 1024);
            }
            this.lines =
                    new LineReader(
                            new InputStreamReader(stream, StandardCharsets.UTF_8),
                            parser.maxLineLength(),
                            DeadLetter.MAX_RAW_LENGTH);
            this.origin = path.toString();
            while (linesRead < linesToSkip && lines.next() != null) {
                linesRead++;
            }
        }

        @Override
        public RecordIterator<FalconEvent> readBatch() throws IOException {
            FalconEvent[] batch = new FalconEvent[BATCH_SIZE];
            long linesBefore = linesRead;
            int count = 0;
            LineReader.Line line;
            while (count < BATCH_SIZE && (line = lines.next()) != null) {
                linesRead++;
                batch[count++] =
                        line.isTooLong(parser.maxLineLength())
                                ? parser.tooLong(line.text, line.length, origin, linesRead)
                                : parser.parse(line.text, origin, linesRead);
            }
            if (count == 0) {
                return null;
            }
            ArrayResultIterator<FalconEvent> iterator = new ArrayResultIterator<>();
            iterator.set(batch, count, CheckpointedPosition.NO_OFFSET, linesBefore);
            return iterator;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
