package dev.aiapiwatch.io;

import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * Reads newline-delimited Falcon JSON files, {@code .gz} compressed or not, and parses each line
 * into a {@link FalconEvent} right in the source, so that timestamps and watermarks come from the
 * source and each dead letter records its file and line. Files are not split; {@link
 * LineFileReader} reads them.
 */
public class TelemetryFileFormat extends LineFileFormat<FalconEvent> {

    private static final long serialVersionUID = 1L;

    private final FalconEventParser parser;

    public TelemetryFileFormat(FalconEventParser parser) {
        this.parser = parser;
    }

    @Override
    protected Reader<FalconEvent> reader(FileSourceSplit split, long linesToSkip) {
        return new LineFileReader<>(
                split,
                linesToSkip,
                parser.maxLineLength(),
                (line, origin, position) -> line.parse(parser, origin, position),
                FalconEvent::of,
                FalconEvent[]::new);
    }

    @Override
    public TypeInformation<FalconEvent> getProducedType() {
        return TypeInformation.of(FalconEvent.class);
    }
}
