package dev.aiapiwatch.event;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that bytes are valid UTF-8. */
final class Utf8 {

    private Utf8() {}

    /**
     * Returns the index, from {@code offset}, of the first byte of {@code length} bytes that is not
     * part of valid UTF-8, or -1 when all of them are.
     */
    static int invalidAt(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return in.position() - offset;
        }
        return -1;
    }
}
