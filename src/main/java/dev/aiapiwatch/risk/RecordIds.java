package dev.aiapiwatch.risk;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Derives the id of a risk record from its group and window, so that every write of the same
 * record, a replay after a failure included, carries the same id and overwrites the same document.
 */
public final class RecordIds {

    private RecordIds() {}

    /** Returns 32 hex digits: the first 128 bits of a SHA-256 over the group key and window. */
    public static String of(Tuple2<Long, Long> groupKey, long windowStart, long windowEnd) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(
                    ByteBuffer.allocate(4 * Long.BYTES)
                            .putLong(groupKey.f0)
                            .putLong(groupKey.f1)
                            .putLong(windowStart)
                            .putLong(windowEnd)
                            .array());
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
