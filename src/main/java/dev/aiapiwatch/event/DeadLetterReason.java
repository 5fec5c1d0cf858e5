package dev.aiapiwatch.event;

/** Why a record was rejected. {@link #code()} is the stable name written to the dead letters. */
public enum DeadLetterReason {
    INVALID_JSON("invalid_json"),
    NOT_AN_OBJECT("not_an_object"),
    INVALID_FIELD("invalid_field"),
    MISSING_AID("missing_aid"),
    MISSING_PROCESS_ID("missing_process_id"),
    MISSING_DOMAIN("missing_domain"),
    /** A userinfo entry without {@code UserSid}. */
    MISSING_USER_SID("missing_user_sid"),
    /** An aidmaster entry without {@code ComputerName}, or a userinfo entry without a name. */
    MISSING_NAME("missing_name"),
    /**
     * A line of an aidmaster or userinfo input that has neither {@code aid} nor {@code UserSid}, or
     * that is a telemetry event, or a Kafka tombstone whose key names no entry.
     */
    NOT_AIDMASTER_OR_USERINFO("not_aidmaster_or_userinfo"),
    MISSING_TIMESTAMP("missing_timestamp"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    LINE_TOO_LONG("line_too_long"),
    /** A line or record whose bytes are not valid UTF-8. */
    INVALID_UTF8("invalid_utf8"),
    /** A file that could not be opened or read to its end, such as a truncated gzip file. */
    UNREADABLE_FILE("unreadable_file"),
    /** A Kafka record without a value. */
    EMPTY_RECORD("empty_record"),
    /**
     * A config-topic message that is not valid JSON, or an invalid watch-list or allowlist change.
     */
    INVALID_CONFIG("invalid_config"),
    /** A risk record that Elasticsearch rejected for good, a mapping error say. */
    REJECTED_BY_ELASTICSEARCH("rejected_by_elasticsearch"),
    /** An attributed lookup that reached its window after the window had closed. */
    LATE_EVENT("late_event");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
