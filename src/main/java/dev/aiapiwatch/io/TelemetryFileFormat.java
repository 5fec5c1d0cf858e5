package dev.aiapiwatch.io;

import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/**
 * Reads newline-delimited Falcon JSON files, {@code .gz} compressed or not, and parses each line
 * into a {@link FalconEvent} right in the source, so that timestamps and watermarks come from the
 * source and each dead letter records its file and line. Files are not split; {@link
 * LineFileReader} reads them.
 */
public class TelemetryFileFormat implements BulkFormat<FalconEvent, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final FalconEventParser parser;

    public TelemetryFileFormat(FalconEventParser parser) {
        this.parser = parser;
    }

    @Override
    public Reader<FalconEvent> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return reader(split, 0);
    }

    @Override
    public Reader<FalconEvent> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long linesRead =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return reader(split, linesRead);
    }

    private Reader<FalconEvent> reader(FileSourceSplit split, long linesToSkip) {
        return new LineFileReader<>(
                split,
                linesToSkip,
                parser.maxLineLength(),
                (line, origin, position) -> line.parse(parser, origin, position),
                FalconEvent::of,
                FalconEvent[]::new);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FalconEvent> getProducedType() {
        return TypeInformation.of(FalconEvent.class);
    }
}
