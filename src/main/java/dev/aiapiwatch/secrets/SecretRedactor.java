package dev.aiapiwatch.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces API keys, bearer tokens and similar credentials in free text with {@link #MARKER}. Every
 * command line and every rejected input line passes through here before it leaves the job.
 *
 * <p>Each pattern names the secret part of its match in the group {@code secret}; the text around
 * it (a header name, a variable name) stays, so that an analyst can still tell how the key was
 * passed. Values that are shell or PowerShell variable references ({@code $OPENAI_API_KEY}, {@code
 * $env:KEY}, {@code %KEY%}) are not secrets and stay.
 */
public final class SecretRedactor {

    public static final String MARKER = "[REDACTED]";

    /**
     * The secret itself: it ends at white space, a quote, a backslash (of an escaped quote) or a
     * shell separator.
     */
    private static final String VALUE = "(?<secret>[^\\s\"'`;,&|)}\\\\]+)";

    /** An optional quote, plain or backslash-escaped as in JSON and in Windows command lines. */
    private static final String QUOTE = "(?:\\\\?[\"'])?";

    /** The separator between a name and its value: {@code =} or {@code :}, quotes around it. */
    private static final String ASSIGN = QUOTE + "\\s*[:=]\\s*" + QUOTE;

    private static final List<Pattern> PATTERNS =
            List.of(
                    // Authorization: Bearer <token>, also inside PowerShell hashtables.
                    Pattern.compile(
                            "(?i)authorization"
                                    + ASSIGN
                                    + "\\s*(?:bearer|basic|token)\\s+"
                                    + VALUE),
                    Pattern.compile("(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})"),
                    // Key headers: x-api-key (Anthropic), api-key (Azure OpenAI), Google and
                    // ElevenLabs.
                    Pattern.compile(
                            "(?i)\\b(?:x-api-key|api-key|x-goog-api-key|xi-api-key)"
                                    + ASSIGN
                                    + VALUE),
                    // NAME_API_KEY=value, $env:NAME_API_KEY='value', api_key="value" and
                    // "apiKey": "value". The look-behind lets a match start only where a name
                    // starts, so a long run of letters is scanned once, not once per letter.
                    Pattern.compile(
                            "(?i)(?<![A-Za-z0-9_])[A-Za-z0-9_]*"
                                    + "(?:api_?key|api_?token|access_?token|auth_?token|secret_?key)"
                                    + ASSIGN
                                    + VALUE),
                    // --api-key value, --api-key=value, --token value.
                    Pattern.compile("(?i)--(?:api[-_]?key|token)(?:=|\\s+)" + QUOTE + VALUE),
                    // Provider key formats, wherever they appear.
                    Pattern.compile(
                            "(?<secret>\\b(?:sk-[A-Za-z0-9_-]{16,}"
                                    + "|hf_[A-Za-z0-9]{20,}"
                                    + "|AIza[0-9A-Za-z_-]{30,}"
                                    + "|gsk_[A-Za-z0-9]{20,}"
                                    + "|xai-[A-Za-z0-9]{20,}"
                                    + "|pplx-[A-Za-z0-9]{20,}"
                                    + "|r8_[A-Za-z0-9]{20,}"
                                    + "|nvapi-[A-Za-z0-9_-]{20,}"
                                    + "|(?:AKIA|ASIA)[0-9A-Z]{16}\\b))"));

    private SecretRedactor() {}

    /**
     * Returns {@code text} with every secret replaced by {@link #MARKER}, or the same instance when
     * it contains none; null stays null.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty() || !mayContainSecret(text)) {
            return text;
        }
        String result = text;
        for (Pattern pattern : PATTERNS) {
            result = replaceSecrets(pattern, result);
        }
        return result;
    }

    /**
     * Returns false when no pattern can match: every pattern needs one of the words {@code
     * authorization}, {@code bearer}, {@code key} or {@code token}, or a provider's key prefix, in
     * any case. One pass over the text spares most command lines the six regular expressions.
     */
    static boolean mayContainSecret(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            switch (text.charAt(i) | 0x20) {
                case 'k':
                    if (startsWith(text, i, "key")) {
                        return true;
                    }
                    break;
                case 't':
                    if (startsWith(text, i, "token")) {
                        return true;
                    }
                    break;
                case 'b':
                    if (startsWith(text, i, "bearer")) {
                        return true;
                    }
                    break;
                case 'a':
                    if (startsWith(text, i, "authorization")
                            || startsWith(text, i, "aiza")
                            || startsWith(text, i, "akia")
                            || startsWith(text, i, "asia")) {
                        return true;
                    }
                    break;
                case 's':
                    if (startsWith(text, i, "sk-")) {
                        return true;
                    }
                    break;
                case 'h':
                    if (startsWith(text, i, "hf_")) {
                        return true;
                    }
                    break;
                case 'g':
                    if (startsWith(text, i, "gsk_")) {
                        return true;
                    }
                    break;
                case 'x':
                    if (startsWith(text, i, "xai-")) {
                        return true;
                    }
                    break;
                case 'p':
                    if (startsWith(text, i, "pplx-")) {
                        return true;
                    }
                    break;
                case 'r':
                    if (startsWith(text, i, "r8_")) {
                        return true;
                    }
                    break;
                case 'n':
                    if (startsWith(text, i, "nvapi-")) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean startsWith(String text, int offset, String lowerCaseWord) {
        return text.regionMatches(true, offset, lowerCaseWord, 0, lowerCaseWord.length());
    }

    private static String replaceSecrets(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder redacted = null;
        int copiedUpTo = 0;
        while (matcher.find()) {
            int start = matcher.start("secret");
            int end = matcher.end("secret");
            if (isVariableReference(text, start) || text.startsWith(MARKER, start)) {
                continue;
            }
            if (redacted == null) {
                redacted = new StringBuilder(text.length());
            }
            redacted.append(text, copiedUpTo, start).append(MARKER);
            copiedUpTo = end;
        }
        if (redacted == null) {
            return text;
        }
        return redacted.append(text, copiedUpTo, text.length()).toString();
    }

    private static boolean isVariableReference(String text, int start) {
        char first = text.charAt(start);
        return first == '$' || first == '%';
    }
}
