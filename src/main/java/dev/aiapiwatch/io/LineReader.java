package dev.aiapiwatch.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, but never keeps more than a limit of
 * characters: of a longer line it keeps only the beginning and reports the full length, so one huge
 * line cannot exhaust memory. Lines end at {@code \n}; a {@code \r} before it is dropped.
 */
final class LineReader implements Closeable {

    /** One line: its text, or for an over-long line its beginning and its full length. */
    static final class Line {
        final String text;
        final long length;

        Line(String text, long length) {
            this.text = text;
            this.length = length;
        }

        boolean isTooLong(int maxLength) {
            return length > maxLength;
        }
    }

    private final Reader reader;
    private final int maxLength;
    private final int keptOfTooLong;
    private final char[] buffer = new char[64 * 1024];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;

    /**
     * @param maxLength longest line returned whole
     * @param keptOfTooLong characters kept from the beginning of a longer line
     */
    LineReader(Reader reader, int maxLength, int keptOfTooLong) {
        this.reader = reader;
        this.maxLength = maxLength;
        this.keptOfTooLong = Math.min(maxLength, keptOfTooLong);
    }

    /** Returns the next line, or null at the end of the input. */
    Line next() throws IOException {
        line.setLength(0);
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAny ? finish(length) : null;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if (length + count <= maxLength) {
                line.append(buffer, start, count);
            } else if (line.length() < keptOfTooLong) {
                line.append(buffer, start, Math.min(count, keptOfTooLong - line.length()));
            }
            length += count;
            if (position < limit) {
                position++; // the '\n'
                return finish(length);
            }
        }
    }

    private Line finish(long length) {
        boolean endsWithReturn = line.length() > 0 && line.charAt(line.length() - 1) == '\r';
        if (length <= maxLength && endsWithReturn) {
            line.setLength(line.length() - 1);
            return new Line(line.toString(), length - 1);
        }
        if (length > maxLength && line.length() > keptOfTooLong) {
            line.setLength(keptOfTooLong);
        }
        return new Line(line.toString(), length);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
