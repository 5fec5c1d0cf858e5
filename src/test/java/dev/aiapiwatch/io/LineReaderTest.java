package dev.aiapiwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineReaderTest {

    /** Size of the reader's internal buffer, in bytes. */
    private static final int BUFFER = 64 * 1024;

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A line as read, taken before the reader moves on: text, length and whether too long. */
    private record Read(String text, long length, boolean tooLong) {}

    private static List<Read> readAll(InputStream input, int maxLength, int kept)
            throws IOException {
        List<Read> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(input, maxLength, kept)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(new Read(line.text(), line.length(), line.isTooLong(maxLength)));
            }
        }
        return lines;
    }

    private static List<String> texts(List<Read> lines) {
        return lines.stream().map(Read::text).toList();
    }

    private static List<Long> lengths(List<Read> lines) {
        return lines.stream().map(Read::length).toList();
    }

    /** Returns one byte per read, so that every line crosses many buffer refills. */
    private static InputStream oneByteAtATime(String text) {
        return new FilterInputStream(bytes(text)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
    }

    static Stream<Arguments> lineEndings() {
        return Stream.of(
                Arguments.of("LF endings", "a\nbb\nccc\n", List.of("a", "bb", "ccc")),
                Arguments.of("CRLF endings", "a\r\nbb\r\n", List.of("a", "bb")),
                Arguments.of("no final newline", "a\nbb", List.of("a", "bb")),
                Arguments.of("mixed endings", "a\r\nbb\nc", List.of("a", "bb", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineEndings")
    void linesSplitAtNewline(String description, String input, List<String> expected)
            throws IOException {
        List<Read> lines = readAll(bytes(input), 100, 100);

        assertThat(texts(lines)).isEqualTo(expected);
    }

    @Test
    void crlfLengthExcludesReturn() throws IOException {
        List<Read> lines = readAll(bytes("abc\r\nde\r\n"), 100, 100);

        assertThat(lengths(lines)).containsExactly(3L, 2L);
    }

    @Test
    void emptyLinesKept() throws IOException {
        List<Read> lines = readAll(bytes("\n\r\na\n\n"), 100, 100);

        assertThat(texts(lines)).containsExactly("", "", "a", "");
        assertThat(lengths(lines)).containsExactly(0L, 0L, 1L, 0L);
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(readAll(bytes(""), 100, 100)).isEmpty();
    }

    @Test
    void returnInsideLineKept() throws IOException {
        List<Read> lines = readAll(bytes("a\rb\n"), 100, 100);

        assertThat(texts(lines)).containsExactly("a\rb");
    }

    @Test
    void lineAtLimitReturnedWhole() throws IOException {
        List<Read> lines = readAll(bytes("0123456789\nx\n"), 10, 4);

        assertThat(texts(lines)).containsExactly("0123456789", "x");
        assertThat(lines.get(0).tooLong()).isFalse();
    }

    @Test
    void longLineKeepsBeginningAndLength() throws IOException {
        List<Read> lines = readAll(bytes("0123456789ABCDEF\nnext\n"), 10, 4);

        assertThat(texts(lines)).containsExactly("0123", "next");
        assertThat(lengths(lines)).containsExactly(16L, 4L);
        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(1).tooLong()).isFalse();
    }

    @Test
    void longLastLineWithoutNewline() throws IOException {
        List<Read> lines = readAll(bytes("ok\n0123456789ABCDEF"), 10, 4);

        assertThat(texts(lines)).containsExactly("ok", "0123");
        assertThat(lengths(lines)).containsExactly(2L, 16L);
    }

    @Test
    void keptPartCappedAtMaxLength() throws IOException {
        List<Read> lines = readAll(bytes("0123456789\n"), 5, 100);

        assertThat(texts(lines)).containsExactly("01234");
        assertThat(lengths(lines)).containsExactly(10L);
    }

    @Test
    void crlfLineAtLimitReturnedWhole() throws IOException {
        List<Read> lines = readAll(bytes("abcde\r\nx\r\n"), 5, 3);

        assertThat(texts(lines)).containsExactly("abcde", "x");
        assertThat(lengths(lines)).containsExactly(5L, 1L);
        assertThat(lines.get(0).tooLong()).isFalse();
    }

    @Test
    void longCrlfLineLengthExcludesReturn() throws IOException {
        List<Read> lines = readAll(bytes("0123456789\r\n"), 5, 3);

        assertThat(texts(lines)).containsExactly("012");
        assertThat(lengths(lines)).containsExactly(10L);
    }

    @Test
    void oneByteReadsGiveSameLines() throws IOException {
        String input = "abc\r\n\nlonger than ten\r\nlast";

        List<Read> lines = readAll(oneByteAtATime(input), 10, 3);

        assertThat(texts(lines)).containsExactly("abc", "", "lon", "last");
        assertThat(lengths(lines).get(0)).isEqualTo(3L);
        assertThat(lines.get(2).tooLong()).isTrue();
    }

    @Test
    void lineAcrossBufferBoundary() throws IOException {
        // The second line starts 10 characters before the end of the first buffer fill.
        String first = "a".repeat(BUFFER - 11);
        String second = "b".repeat(30);
        String input = first + "\n" + second + "\n" + "c\n";

        List<Read> lines = readAll(bytes(input), 2 * BUFFER, 100);

        assertThat(texts(lines)).containsExactly(first, second, "c");
    }

    @Test
    void crlfSplitAcrossBufferBoundary() throws IOException {
        // The \r is the last character of the first buffer fill and the \n the first of the next.
        String first = "a".repeat(BUFFER - 1);
        String input = first + "\r\n" + "b\r\n";

        List<Read> lines = readAll(bytes(input), 2 * BUFFER, 100);

        assertThat(texts(lines)).containsExactly(first, "b");
        assertThat(lengths(lines)).containsExactly((long) BUFFER - 1, 1L);
    }

    @Test
    void longLineAcrossSeveralBuffers() throws IOException {
        String huge = "x".repeat(3 * BUFFER + 17);

        List<Read> lines = readAll(bytes(huge + "\nafter\n"), BUFFER, 100);

        assertThat(texts(lines)).containsExactly("x".repeat(100), "after");
        assertThat(lengths(lines)).containsExactly((long) huge.length(), 5L);
    }

    @Test
    void lineOfExactlyOneBuffer() throws IOException {
        String full = "y".repeat(BUFFER);

        List<Read> lines = readAll(bytes(full + "\nz"), BUFFER, 100);

        assertThat(texts(lines)).containsExactly(full, "z");
        assertThat(lines.get(0).tooLong()).isFalse();
    }

    @Test
    void limitCountsCharactersNotBytes() throws IOException {
        // Eight characters in sixteen bytes.
        String accented = "é".repeat(8);

        List<Read> lines = readAll(bytes(accented + "\n"), 10, 4);

        assertThat(texts(lines)).containsExactly(accented);
        assertThat(lengths(lines)).containsExactly(8L);
    }

    @Test
    void longMultiByteLineKeepsWholeCharacters() throws IOException {
        List<Read> lines = readAll(bytes("é".repeat(30) + "\nnext\n"), 10, 4);

        assertThat(texts(lines)).containsExactly("é".repeat(4), "next");
        assertThat(lengths(lines)).containsExactly(30L, 4L);
    }

    @Test
    void droppedBytesCountedAsCharacters() throws IOException {
        // Forty bytes, twenty UTF-16 units: more than the 21 bytes kept for a limit of 5.
        String faces = "\uD83D\uDE00".repeat(10);

        List<Read> lines = readAll(oneByteAtATime(faces + "\r\nok\n"), 5, 3);

        // Three units would split the second pair, so only the first is kept.
        assertThat(texts(lines)).containsExactly("\uD83D\uDE00", "ok");
        assertThat(lengths(lines)).containsExactly(20L, 2L);
    }

    @Test
    void longCrlfLineReadByteByByteHasLengthWithoutReturn() throws IOException {
        List<Read> lines = readAll(oneByteAtATime("x".repeat(50) + "\r\n"), 10, 4);

        assertThat(texts(lines)).containsExactly("xxxx");
        assertThat(lengths(lines)).containsExactly(50L);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws IOException {
        byte[] input = {'a', (byte) 0xFF, 'b', '\n'};

        List<Read> lines = readAll(new ByteArrayInputStream(input), 10, 4);

        assertThat(texts(lines)).containsExactly("a\uFFFDb");
    }

    @Test
    void newlineFoundAtEveryOffset() throws IOException {
        // Lines of every length from 0 to 40, so that newlines fall at each place in a word of
        // eight bytes, among bytes with the high bit set that differ from '\n' only there.
        List<String> expected = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int length = 0; length <= 40; length++) {
            String line = "\u008a".repeat(length / 2) + "x".repeat(length % 2);
            expected.add(line);
            input.append(line).append('\n');
        }

        List<Read> lines = readAll(bytes(input.toString()), 100, 100);

        assertThat(texts(lines)).isEqualTo(expected);
    }
}
