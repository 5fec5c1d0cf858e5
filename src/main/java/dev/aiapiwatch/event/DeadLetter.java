package dev.aiapiwatch.event;

import dev.aiapiwatch.secrets.SecretRedactor;

/**
 * A record the job could not use, kept with the reason, so that bad input is never silently lost.
 * The raw text is redacted and truncated when the dead letter is created.
 */
public class DeadLetter {

    /** Longest raw text kept, in characters; longer input is cut and marked. */
    public static final int MAX_RAW_LENGTH = 64 * 1024;

    /** Position of records whose place in the input is unknown. */
    public static final long UNKNOWN_POSITION = -1;

    /** {@link DeadLetterReason#code()}. */
    public String reason;

    /** What was wrong, for a person to read; redacted like {@link #raw}. */
    public String message;

    /** The rejected input with secrets redacted, at most {@link #MAX_RAW_LENGTH} characters. */
    public String raw;

    /**
     * Where the input came from: a file path, a Kafka topic, or the name of the job stage that
     * rejected a record it had produced itself.
     */
    public String origin;

    /** Kafka partition of {@link #origin}, or -1 when the input is not a Kafka topic. */
    public int partition = -1;

    /**
     * Line number (from 1) in a file, offset in a Kafka partition, or {@link #UNKNOWN_POSITION} for
     * records rejected by a job stage.
     */
    public long position = UNKNOWN_POSITION;

    /** Event time of the rejected record when it had one, else {@link FalconEvent#NO_TIMESTAMP}. */
    public long eventTime = FalconEvent.NO_TIMESTAMP;

    /** When the record was rejected, in epoch milliseconds. */
    public long rejectedAt;

    public DeadLetter() {}

    public static DeadLetter of(
            DeadLetterReason reason, String message, String raw, String origin, long position) {
        DeadLetter deadLetter = new DeadLetter();
        deadLetter.reason = reason.code();
        deadLetter.message = SecretRedactor.redact(message);
        deadLetter.raw = truncate(SecretRedactor.redact(raw));
        deadLetter.origin = origin;
        deadLetter.position = position;
        deadLetter.rejectedAt = System.currentTimeMillis();
        return deadLetter;
    }

    /** Returns where the input was, for logs: a file and line, or a topic, partition and offset. */
    public String place() {
        if (partition >= 0) {
            return origin + " partition " + partition + " offset " + position;
        }
        if (position == UNKNOWN_POSITION) {
            return origin;
        }
        return origin + " line " + position;
    }

    /** Marks this dead letter as coming from a Kafka record; {@link #origin} is its topic. */
    public DeadLetter atKafkaPartition(int kafkaPartition) {
        this.partition = kafkaPartition;
        return this;
    }

    private static String truncate(String text) {
        if (text == null || text.length() <= MAX_RAW_LENGTH) {
            return text;
        }
        int cut = text.length() - MAX_RAW_LENGTH;
        return text.substring(0, MAX_RAW_LENGTH) + "...[" + cut + " more characters]";
    }
}
