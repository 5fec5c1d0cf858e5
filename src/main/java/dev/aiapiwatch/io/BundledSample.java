package dev.aiapiwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The sample telemetry bundled in the job jar, read when no input is given. */
public final class BundledSample {

    static final String RESOURCE = "/sample/falcon-sample.ndjson";

    private BundledSample() {}

    /** Copies the sample to a temporary file, deleted when the JVM exits, and returns its path. */
    public static Path extract() throws IOException {
        try (InputStream sample = BundledSample.class.getResourceAsStream(RESOURCE)) {
            if (sample == null) {
                throw new IOException(
                        "bundled sample " + RESOURCE + " is missing from the classpath");
            }
            Path file = Files.createTempFile("ai-api-watch-sample-", ".ndjson");
            file.toFile().deleteOnExit();
            Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
