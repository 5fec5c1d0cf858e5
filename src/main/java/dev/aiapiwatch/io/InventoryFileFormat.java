package dev.aiapiwatch.io;

import dev.aiapiwatch.inventory.InventoryEntry;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * Reads files of the Falcon {@code aidmaster} and {@code userinfo} tables, newline-delimited JSON,
 * {@code .gz} compressed or not, into {@link InventoryEntry entries} with {@link
 * InventoryEntryJson}. Blank lines are skipped; an unusable line becomes a rejected entry that
 * names its file and line.
 */
public class InventoryFileFormat extends LineFileFormat<InventoryEntry> {

    private static final long serialVersionUID = 1L;

    private final int maxLineLength;

    public InventoryFileFormat(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected Reader<InventoryEntry> reader(FileSourceSplit split, long linesToSkip) {
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
    public TypeInformation<InventoryEntry> getProducedType() {
        return TypeInformation.of(InventoryEntry.class);
    }
}
