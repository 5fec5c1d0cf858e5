package dev.aiapiwatch.io;

import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines like {@link java.io.BufferedReader#readLine()}, but never keeps much more than
 * a limit: of a longer line it keeps only the beginning and reports the full length, so one huge
 * line cannot exhaust memory. Lines end at {@code \n}, and a {@code \r} before it is dropped and
 * not counted. Lengths are in characters (UTF-16 units, as {@link String#length()} counts them).
 *
 * <p>Bytes are decoded once, straight from the read buffer into the line's string, which is what
 * makes this faster than a {@code Reader}: most lines lie whole in the buffer and cost one copy.
 */
public final class LineReader implements Closeable {

    /**
     * One line: its text, or for an over-long line its beginning and its full length. A line of at
     * most the limit in bytes, which is within the limit in characters too, also offers its bytes
     * undecoded, so that a parser that reads UTF-8 need not build its string; the bytes are those
     * of the reader's buffer and valid only until the next call of {@link #next()}.
     */
    public static final class Line {
        private final byte[] bytes;
        private final int offset;
        private final int byteLength;
        private String text;
        private long length;

        Line(String text, long length) {
            this.bytes = null;
            this.offset = 0;
            this.byteLength = 0;
            this.text = text;
            this.length = length;
        }

        Line(byte[] bytes, int offset, int byteLength) {
            this.bytes = bytes;
            this.offset = offset;
            this.byteLength = byteLength;
            this.length = -1;
        }

        /** Returns the text of the line, or the kept beginning of an over-long line. */
        public String text() {
            if (text == null) {
                text = new String(bytes, offset, byteLength, StandardCharsets.UTF_8);
            }
            return text;
        }

        /** Returns the length of the whole line in characters. */
        public long length() {
            if (length < 0) {
                length = text().length();
            }
            return length;
        }

        public boolean isTooLong(int maxLength) {
            return bytes == null && length > maxLength;
        }

        /**
         * Parses the line: a dead letter if it is longer than the parser's limit, else from its
         * bytes when it has them.
         */
        public FalconEvent parse(FalconEventParser parser, String origin, long position) {
            if (isTooLong(parser.maxLineLength())) {
                return parser.tooLong(text(), length(), origin, position);
            }
            return bytes != null
                    ? parser.parse(bytes, offset, byteLength, origin, position)
                    : parser.parse(text(), origin, position);
        }

        /** Returns whether {@link #bytes()} has the line; else only {@link #text()} has it. */
        public boolean hasBytes() {
            return bytes != null;
        }

        public byte[] bytes() {
            return bytes;
        }

        public int offset() {
            return offset;
        }

        public int byteLength() {
            return byteLength;
        }
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream input;
    private final int maxLength;
    private final int keptOfTooLong;

    /** Most bytes kept of one line: enough for {@code maxLength} characters and a {@code \r}. */
    private final int maxKeptBytes;

    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    /** The line so far, when it spans more than one fill of the buffer. */
    private byte[] partial = new byte[1024];

    private int partialBytes;

    /**
     * @param maxLength longest line returned whole, in characters
     * @param keptOfTooLong characters kept from the beginning of a longer line
     */
    public LineReader(InputStream input, int maxLength, int keptOfTooLong) {
        this.input = input;
        this.maxLength = maxLength;
        this.keptOfTooLong = Math.min(maxLength, keptOfTooLong);
        this.maxKeptBytes = (int) Math.min(Integer.MAX_VALUE - 16L, maxLength * 4L + 1);
    }

    /** Returns the next line, or null at the end of the input. */
    public Line next() throws IOException {
        partialBytes = 0;
        long totalBytes = 0;
        // Characters in the bytes of an over-long line that were not kept.
        long droppedChars = 0;
        byte lastByte = 0;
        while (true) {
            if (position == limit && !fill()) {
                return totalBytes > 0 ? finish(totalBytes, droppedChars, lastByte) : null;
            }
            int start = position;
            int newline = indexOfNewline(start);
            int end = newline < 0 ? limit : newline;
            int count = end - start;
            if (newline >= 0 && totalBytes == 0) {
                // The whole line lies in the buffer.
                position = newline + 1;
                return wholeLine(start, count);
            }
            if (count > 0) {
                lastByte = buffer[end - 1];
                int keep = (int) Math.max(0, Math.min(count, maxKeptBytes - (long) partialBytes));
                appendPartial(start, keep);
                droppedChars += utf16Units(buffer, start + keep, end);
            }
            totalBytes += count;
            if (newline >= 0) {
                position = newline + 1;
                return finish(totalBytes, droppedChars, lastByte);
            }
            position = limit;
        }
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = input.read(buffer, 0, buffer.length);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    /**
     * Returns the position of the next {@code \n} in the buffer, or -1. Eight bytes are tested at a
     * time: {@code (x - 0x01..01) & ~x & 0x80..80} is non-zero exactly when a byte of {@code x} is
     * zero, and the lowest such byte is the first (the view is little-endian).
     */
    private int indexOfNewline(int from) {
        byte[] bytes = buffer;
        int i = from;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long zeros = (word - ONES) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Line wholeLine(int start, int count) {
        int length = count > 0 && buffer[start + count - 1] == '\r' ? count - 1 : count;
        if (length <= maxLength) {
            // At most as many characters as bytes: within the limit.
            return new Line(buffer, start, length);
        }
        return decoded(buffer, start, length, 0);
    }

    private void appendPartial(int start, int count) {
        if (count == 0) {
            return;
        }
        if (partialBytes + count > partial.length) {
            int size =
                    (int)
                            Math.min(
                                    maxKeptBytes,
                                    Math.max(2L * partial.length, partialBytes + count));
            partial = Arrays.copyOf(partial, size);
        }
        System.arraycopy(buffer, start, partial, partialBytes, count);
        partialBytes += count;
    }

    private Line finish(long totalBytes, long droppedChars, byte lastByte) {
        boolean crlf = lastByte == '\r';
        int kept = partialBytes;
        if (crlf && totalBytes == partialBytes) {
            kept--;
        }
        if (droppedChars == 0 && kept <= maxLength) {
            return new Line(partial, 0, kept);
        }
        Line line = decoded(partial, 0, kept, droppedChars);
        if (partial.length > buffer.length) {
            // Do not hold on to the bytes of one huge line.
            partial = new byte[1024];
        }
        if (crlf && totalBytes != partialBytes) {
            // The '\r' was among the bytes not kept, and counted there.
            return new Line(line.text(), line.length() - 1);
        }
        return line;
    }

    /**
     * Decodes {@code count} bytes of a line of which {@code droppedChars} characters after them
     * were not kept, and cuts the text to {@link #keptOfTooLong} characters if the line is too
     * long.
     */
    private Line decoded(byte[] bytes, int start, int count, long droppedChars) {
        if (droppedChars == 0) {
            String text = new String(bytes, start, count, StandardCharsets.UTF_8);
            if (text.length() <= maxLength) {
                return new Line(text, text.length());
            }
            return new Line(cut(text), text.length());
        }
        // Decode up to the last whole character; count the characters of the rest.
        int end = start + count;
        while (end > start && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > start) {
            end--;
        }
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        long length = text.length() + utf16Units(bytes, end, start + count) + droppedChars;
        return new Line(cut(text), length);
    }

    private String cut(String text) {
        int end = Math.min(text.length(), keptOfTooLong);
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Counts the UTF-16 units that the UTF-8 bytes from {@code start} to {@code end} decode to: one
     * per character, two for a character outside the Basic Multilingual Plane. Used only for bytes
     * that are not kept, where an invalid sequence may count differently from its decoding.
     */
    private static long utf16Units(byte[] bytes, int start, int end) {
        long units = 0;
        for (int i = start; i < end; i++) {
            int b = bytes[i];
            if ((b & 0xC0) != 0x80) {
                units += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
