package dev.aiapiwatch.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * The risk score of a record, from 0 to 100, its severity, and the factors that raised it. This is
 * the whole formula; the README documents it with examples.
 *
 * <p>The score starts from the category weight of the reference query ({@code 10 + 15 * weight}:
 * 10, 25, 40 or 55) and adds points for each factor present. It is capped at 100.
 *
 * @param score from 0 to 100, written as {@code event.risk_score}
 * @param severity 21, 47, 73 or 99 for low, medium, high or critical, written as {@code
 *     event.severity}, the values Elastic Security reads when it promotes external alerts
 * @param factors the names of the factors that added points, written as {@code ai_api.risk_factors}
 */
public record RiskScore(int score, int severity, String[] factors) {

    /** Points of a category of weight 0; each weight step adds {@link #POINTS_PER_WEIGHT}. */
    public static final int BASE_POINTS = 10;

    public static final int POINTS_PER_WEIGHT = 15;

    /** Lookups in one window from which the group counts as repeating its lookups. */
    public static final long REPEATED_LOOKUPS = 5;

    public static final int REPEATED_LOOKUPS_POINTS = 10;
    public static final int CONFIRMED_CONNECTION_POINTS = 20;
    public static final int SUSPICIOUS_PARENT_POINTS = 20;
    public static final int API_KEY_POINTS = 15;
    public static final int USER_WRITABLE_IMAGE_POINTS = 10;

    public static final String CATEGORY_WEIGHT = "category_weight";
    public static final String REPEATED = "repeated_lookups";
    public static final String CONFIRMED_CONNECTION = "confirmed_connection";
    public static final String SUSPICIOUS_PARENT = "suspicious_parent";
    public static final String API_KEY_IN_COMMAND_LINE = "api_key_in_command_line";
    public static final String USER_WRITABLE_IMAGE = "user_writable_image";

    public static final int LOW = 21;
    public static final int MEDIUM = 47;
    public static final int HIGH = 73;
    public static final int CRITICAL = 99;

    /**
     * Scores one group in one window.
     *
     * @param weight the category weight, 0 to 3
     * @param lookups DNS lookups in the window
     * @param confirmedConnections connections to a resolved address that followed a lookup
     * @param suspiciousParent whether the parent process should not start such a tool
     * @param apiKeySeen whether a command line held an API key before it was redacted
     * @param userWritableImage whether a process image lies in a folder users can write to
     */
    public static RiskScore of(
            int weight,
            long lookups,
            long confirmedConnections,
            boolean suspiciousParent,
            boolean apiKeySeen,
            boolean userWritableImage) {
        List<String> factors = new ArrayList<>();
        int score = BASE_POINTS + POINTS_PER_WEIGHT * Math.max(0, weight);
        if (weight > 0) {
            factors.add(CATEGORY_WEIGHT);
        }
        if (lookups >= REPEATED_LOOKUPS) {
            score += REPEATED_LOOKUPS_POINTS;
            factors.add(REPEATED);
        }
        if (confirmedConnections > 0) {
            score += CONFIRMED_CONNECTION_POINTS;
            factors.add(CONFIRMED_CONNECTION);
        }
        if (suspiciousParent) {
            score += SUSPICIOUS_PARENT_POINTS;
            factors.add(SUSPICIOUS_PARENT);
        }
        if (apiKeySeen) {
            score += API_KEY_POINTS;
            factors.add(API_KEY_IN_COMMAND_LINE);
        }
        if (userWritableImage) {
            score += USER_WRITABLE_IMAGE_POINTS;
            factors.add(USER_WRITABLE_IMAGE);
        }
        score = Math.min(score, 100);
        return new RiskScore(score, severityOf(score), factors.toArray(new String[0]));
    }

    /** Returns the severity of {@code score}: below 25 low, below 50 medium, below 75 high. */
    public static int severityOf(int score) {
        if (score < 25) {
            return LOW;
        }
        if (score < 50) {
            return MEDIUM;
        }
        if (score < 75) {
            return HIGH;
        }
        return CRITICAL;
    }
}
