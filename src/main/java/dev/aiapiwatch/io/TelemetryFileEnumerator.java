package dev.aiapiwatch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the telemetry files of the input paths, one split per file. A file given as an input is
 * always read. In a directory, read recursively, only files whose names look like telemetry are
 * read, so that a README or checksum file beside the data is not taken for events: names ending in
 * {@code .ndjson}, {@code .jsonl}, {@code .json}, {@code .log} or {@code .gz}, or without an
 * extension, like the {@code part-00000} files of some exports. Names starting with {@code .} or
 * {@code _} are skipped, as Flink's default filter does.
 */
public class TelemetryFileEnumerator extends NonSplittingRecursiveEnumerator {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFileEnumerator.class);

    private static final List<String> TELEMETRY_EXTENSIONS =
            List.of(".ndjson", ".jsonl", ".json", ".log", ".gz");

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        ArrayList<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            FileSystem fileSystem = path.getFileSystem();
            FileStatus status = fileSystem.getFileStatus(path);
            if (status.isDir()) {
                addDirectory(status, fileSystem, splits);
            } else {
                convertToSourceSplits(status, fileSystem, splits);
            }
        }
        return splits;
    }

    private void addDirectory(
            FileStatus directory, FileSystem fileSystem, List<FileSourceSplit> splits)
            throws IOException {
        for (FileStatus contained : fileSystem.listStatus(directory.getPath())) {
            String name = contained.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (contained.isDir()) {
                addDirectory(contained, fileSystem, splits);
            } else if (isTelemetryFileName(name)) {
                convertToSourceSplits(contained, fileSystem, splits);
            } else {
                LOG.info(
                        "Skipping {}: in an input directory only .ndjson, .jsonl, .json, .log"
                                + " and .gz files are read",
                        contained.getPath());
            }
        }
    }

    /**
     * Returns whether {@code directory} or a directory below it contains a file this enumerator
     * reads.
     *
     * @throws UncheckedIOException when the directory cannot be listed
     */
    public static boolean containsTelemetryFile(java.nio.file.Path directory) {
        try (Stream<java.nio.file.Path> paths = Files.walk(directory)) {
            return paths.anyMatch(
                    path ->
                            Files.isRegularFile(path)
                                    && !hidden(directory.relativize(path))
                                    && isTelemetryFileName(path.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns whether a name on the relative path starts with {@code .} or {@code _}. */
    private static boolean hidden(java.nio.file.Path relative) {
        for (java.nio.file.Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    static boolean isTelemetryFileName(String name) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return TELEMETRY_EXTENSIONS.stream().anyMatch(lowerCase::endsWith);
    }
}
