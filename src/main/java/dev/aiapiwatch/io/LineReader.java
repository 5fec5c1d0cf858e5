package dev.aiapiwatch.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, but never keeps more than a limit of
 * characters: of a longer line it keeps only the beginning and reports the full length, so one huge
 * line cannot exhaust memory. Lines end at {@code \n}, and a {@code \r} before it is dropped and
 * not counted.
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
        char lastChar = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAny ? finish(length, lastChar) : null;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if (count > 0) {
                lastChar = buffer[position - 1];
            }
            // One character more than the limit fits, in case it is the '\r' of a CRLF ending.
            if (length + count <= maxLength + 1L) {
                line.append(buffer, start, count);
            } else if (line.length() < keptOfTooLong) {
                line.append(buffer, start, Math.min(count, keptOfTooLong - line.length()));
            }
            length += count;
            if (position < limit) {
                position++; // the '\n'
                return finish(length, lastChar);
            }
        }
    }

    private Line finish(long length, char lastChar) {
        long contentLength = lastChar == '\r' ? length - 1 : length;
        if (contentLength <= maxLength) {
            line.setLength((int) contentLength);
        } else if (line.length() > keptOfTooLong) {
            line.setLength(keptOfTooLong);
        }
        return new Line(line.toString(), contentLength);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
