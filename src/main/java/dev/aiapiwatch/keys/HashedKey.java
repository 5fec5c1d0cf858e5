package dev.aiapiwatch.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Keys of keyed state as 128 bits of SHA-256 over the fields that make them, two longs that
 * serialise to 16 bytes, instead of the fields joined into a string of 50 to 150 characters. A key
 * is written with every state entry and every timer, so its size counts for every buffered process,
 * waiting lookup and open risk group. Among four billion (2^32) keys, the chance that any two share
 * a hash is about 2^-65.
 */
public final class HashedKey {

    /** The type of the keys, for {@code keyBy}. */
    public static final TypeInformation<Tuple2<Long, Long>> TYPE =
            Types.TUPLE(Types.LONG, Types.LONG);

    /** Separates the parts, so that ("ab", "c") and ("a", "bc") give different keys. */
    private static final byte SEPARATOR = 0x1f;

    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(HashedKey::newDigest);

    private HashedKey() {}

    /** Returns the key of {@code parts}; a null part counts as empty. */
    public static Tuple2<Long, Long> of(String... parts) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        for (String part : parts) {
            if (part != null) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
            }
            sha256.update(SEPARATOR);
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return Tuple2.of(digest.getLong(), digest.getLong());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
