package dev.aiapiwatch.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Appends each element as one JSON line to a single local file. It must run with parallelism 1,
 * since one file has one writer. Lines are flushed at each checkpoint and at the end of input.
 *
 * <p>It appends, and never truncates, so that lines written before a restart stay; a record written
 * again after a replay repeats its id, and readers keep the last line per id. The caller empties
 * the file before the job starts.
 */
public class NdjsonFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** Turns an element into one line of JSON, without the line break. */
    @FunctionalInterface
    public interface LineEncoder<T> extends Serializable {
        String encode(T element);
    }

    private final String path;
    private final LineEncoder<T> encoder;

    public NdjsonFileSink(Path path, LineEncoder<T> encoder) {
        this.path = path.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (parallelism != 1) {
            throw new IllegalStateException(
                    "the file sink for "
                            + path
                            + " runs with parallelism "
                            + parallelism
                            + "; it needs 1");
        }
        Path file = Path.of(path);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedWriter writer =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
        return new LineWriter<>(writer, encoder);
    }

    private static final class LineWriter<T> implements SinkWriter<T> {

        private final BufferedWriter writer;
        private final LineEncoder<T> encoder;

        LineWriter(BufferedWriter writer, LineEncoder<T> encoder) {
            this.writer = writer;
            this.encoder = encoder;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            writer.write(encoder.encode(element));
            writer.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
