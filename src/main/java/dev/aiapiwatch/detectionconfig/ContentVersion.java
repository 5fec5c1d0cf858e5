package dev.aiapiwatch.detectionconfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Versions of detection config derived from its content, so that the same content always has the
 * same version on every subtask and after every restart.
 */
public final class ContentVersion {

    private ContentVersion() {}

    /**
     * Returns {@code prefix} followed by the first 12 hex digits of the SHA-256 of {@code lines}
     * joined by newlines. Callers put the lines in an order that does not depend on how the config
     * was built.
     */
    public static String of(String prefix, List<String> lines) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest =
                    sha256.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
