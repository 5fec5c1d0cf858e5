package dev.aiapiwatch.io;

import dev.aiapiwatch.inventory.InventoryEntry;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

/**
 * Reads files of the Falcon {@code aidmaster} and {@code userinfo} tables, newline-delimited JSON,
 * {@code .gz} compressed or not, into {@link InventoryEntry entries} with {@link
 * InventoryEntryJson}. Blank lines are skipped; an unusable line becomes a rejected entry that
 * names its file and line.
 */
public class InventoryFileFormat implements BulkFormat<InventoryEntry, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final int maxLineLength;

    public InventoryFileFormat(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    public Reader<InventoryEntry> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return reader(split, 0);
    }

    @Override
    public Reader<InventoryEntry> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long linesRead =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return reader(split, linesRead);
    }

    private Reader<InventoryEntry> reader(FileSourceSplit split, long linesToSkip) {
        return new LineFileReader<>(
                split,
                linesToSkip,
                maxLineLength,
                this::parse,
                InventoryEntry::rejected,
                InventoryEntry[]::new);
    }

    private InventoryEntry parse(LineReader.Line line, String origin, long position) {
        if (line.isTooLong(maxLineLength)) {
            return InventoryEntryJson.tooLong(
                    line.text(), line.length(), maxLineLength, origin, position);
        }
        return InventoryEntryJson.parse(line.text(), origin, position);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<InventoryEntry> getProducedType() {
        return TypeInformation.of(InventoryEntry.class);
    }
}
