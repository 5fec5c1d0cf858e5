package dev.aiapiwatch.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to a file. Lines are buffered and written only in whole lines, each batch in
 * one write to a file opened for appending, so that two writers of the same file, such as the
 * dead-letter sink and the Elasticsearch sink's rejected records, never split each other's lines.
 */
public final class AppendOnlyLineFile implements Closeable {

    private static final int BUFFER_CHARS = 256 * 1024;

    private final FileChannel channel;
    private final StringBuilder buffer = new StringBuilder(BUFFER_CHARS);

    public AppendOnlyLineFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
    }

    /** Adds {@code line} and a line break; writes the buffer when it is full. */
    public void append(String line) throws IOException {
        buffer.append(line).append('\n');
        if (buffer.length() >= BUFFER_CHARS) {
            flush();
        }
    }

    /** Writes the buffered lines. */
    public void flush() throws IOException {
        if (buffer.length() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        buffer.setLength(0);
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
