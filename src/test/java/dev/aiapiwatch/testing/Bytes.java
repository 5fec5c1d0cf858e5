package dev.aiapiwatch.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Raw record values for tests that send bytes no string could hold, such as broken UTF-8. */
public final class Bytes {

    private Bytes() {}

    /** Returns {@code text} encoded as UTF-8. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns {@code parts} one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }
}
