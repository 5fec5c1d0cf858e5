package dev.aiapiwatch.io;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFileFormatTest {

    private static final String LINES =
            TestEvents.aidmaster(HOST_A, "WIN-DEV-01").line()
                    + "\n\n"
                    + TestEvents.userinfo(USER_SID, "alex").line()
                    + "\r\n"
                    + "{\"aid\": \""
                    + HOST_B
                    + "\"}\n"
                    + TestEvents.aidmaster(HOST_B, "WIN-DEV-02").line()
                    + "\n";

    @TempDir Path directory;

    private final InventoryFileFormat format = new InventoryFileFormat(4096);

    @Test
    void linesReadWithLineNumbers() throws IOException {
        Path file = Files.writeString(directory.resolve("aidmaster.ndjson"), LINES);

        List<RecordAndPosition<InventoryEntry>> read =
                readAll(format.createReader(new Configuration(), split(file)));

        assertThat(read)
                .extracting(r -> r.getRecord().name)
                .containsExactly("WIN-DEV-01", "alex", null, "WIN-DEV-02");
        assertThat(read)
                .extracting(RecordAndPosition::getRecordSkipCount)
                .containsExactly(1L, 3L, 4L, 5L);
        InventoryEntry rejected = read.get(2).getRecord();
        assertThat(rejected.deadLetter.reason).isEqualTo("missing_name");
        assertThat(rejected.deadLetter.origin).isEqualTo(file.toString());
        assertThat(rejected.deadLetter.position).isEqualTo(4);
    }

    @Test
    void restoredReaderSkipsLinesRead() throws IOException {
        Path file = Files.writeString(directory.resolve("aidmaster.ndjson"), LINES);
        FileSourceSplit split =
                split(file)
                        .updateWithCheckpointedPosition(
                                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 3));

        List<RecordAndPosition<InventoryEntry>> read =
                readAll(format.restoreReader(new Configuration(), split));

        assertThat(read)
                .extracting(r -> r.getRecord().deadLetter != null)
                .containsExactly(true, false);
        assertThat(read.get(1).getRecord().name).isEqualTo("WIN-DEV-02");
    }

    @Test
    void truncatedGzipEndsWithDeadLetter() throws IOException {
        Path file = directory.resolve("userinfo.ndjson.gz");
        byte[] whole;
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(LINES.repeat(50).getBytes(StandardCharsets.UTF_8));
            gzip.finish();
            whole = bytes.toByteArray();
        }
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        List<RecordAndPosition<InventoryEntry>> read =
                readAll(format.createReader(new Configuration(), split(file)));

        InventoryEntry last = read.get(read.size() - 1).getRecord();
        assertThat(last.deadLetter.reason).isEqualTo("unreadable_file");
        assertThat(last.deadLetter.origin).isEqualTo(file.toString());
        assertThat(read.get(0).getRecord().name).isEqualTo("WIN-DEV-01");
    }

    private static FileSourceSplit split(Path file) throws IOException {
        long size = Files.size(file);
        return new FileSourceSplit(
                "0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size, 0, size);
    }

    private static List<RecordAndPosition<InventoryEntry>> readAll(
            BulkFormat.Reader<InventoryEntry> reader) throws IOException {
        List<RecordAndPosition<InventoryEntry>> read = new ArrayList<>();
        try (reader) {
            BulkFormat.RecordIterator<InventoryEntry> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<InventoryEntry> record;
                while ((record = batch.next()) != null) {
                    read.add(
                            new RecordAndPosition<>(
                                    record.getRecord(),
                                    record.getOffset(),
                                    record.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return read;
    }
}
