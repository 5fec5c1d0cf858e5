package dev.aiapiwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The sample telemetry bundled in the job jar, read when no input is given. */
public final class BundledSample {

    static final String RESOURCE = "/sample/falcon-sample.ndjson";

    /** Name of the copy of the sample, in the directory of the record file. */
    public static final String FILE_NAME = "falcon-sample.ndjson";

    private BundledSample() {}

    /**
     * Copies the sample into {@code directory}, where it stays after the run so that the dead
     * letters can point at its lines, and returns its path.
     */
    public static Path extractTo(Path directory) throws IOException {
        try (InputStream sample = BundledSample.class.getResourceAsStream(RESOURCE)) {
            if (sample == null) {
                throw new IOException(
                        "bundled sample " + RESOURCE + " is missing from the classpath");
            }
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
