package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import java.io.IOException;
import java.nio.file.Path;

/** Appends dead letters to the dead-letter file, beside the dead-letter sink's own lines. */
public class FileDeadLetterPublisher implements DeadLetterPublisher {

    private static final long serialVersionUID = 1L;

    private final String path;

    public FileDeadLetterPublisher(Path path) {
        this.path = path.toAbsolutePath().toString();
    }

    @Override
    public Connection open() throws IOException {
        AppendOnlyLineFile file = new AppendOnlyLineFile(Path.of(path));
        return new Connection() {
            @Override
            public void publish(DeadLetter deadLetter) throws IOException {
                file.append(DeadLetterJson.toJson(deadLetter));
                // Rejections are rare: write each at once rather than wait for a checkpoint.
                file.flush();
            }

            @Override
            public void flush() throws IOException {
                file.flush();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }
}
