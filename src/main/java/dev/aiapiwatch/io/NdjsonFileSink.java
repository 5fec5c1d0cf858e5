package dev.aiapiwatch.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Appends each element as one JSON line to a single local file. It must run with parallelism 1,
 * since one file has one writer of this sink. Lines are written at each checkpoint, at the end of
 * the input, and whenever the buffer fills.
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
        return new LineWriter<>(new AppendOnlyLineFile(Path.of(path)), encoder);
    }

    private static final class LineWriter<T> implements SinkWriter<T> {

        private final AppendOnlyLineFile file;
        private final LineEncoder<T> encoder;

        LineWriter(AppendOnlyLineFile file, LineEncoder<T> encoder) {
            this.file = file;
            this.encoder = encoder;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            file.append(encoder.encode(element));
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            file.flush();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
