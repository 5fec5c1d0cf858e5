package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;

/**
 * Writes dead letters as JSON: when, why, where from, and the redacted raw input. The source is
 * {@code {topic, partition, offset}} for Kafka records, {@code {file, line}} for file lines and
 * {@code {stage}} for records that a stage of the job rejected.
 */
public final class DeadLetterJson {

    private DeadLetterJson() {}

    public static String toJson(DeadLetter deadLetter) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("@timestamp", Json.formatTime(deadLetter.rejectedAt));
                    json.writeStringField("reason", deadLetter.reason);
                    json.writeStringField("message", deadLetter.message);
                    json.writeObjectFieldStart("source");
                    if (deadLetter.partition >= 0) {
                        json.writeStringField("topic", deadLetter.origin);
                        json.writeNumberField("partition", deadLetter.partition);
                        json.writeNumberField("offset", deadLetter.position);
                    } else if (deadLetter.position != DeadLetter.UNKNOWN_POSITION) {
                        json.writeStringField("file", deadLetter.origin);
                        json.writeNumberField("line", deadLetter.position);
                    } else {
                        json.writeStringField("stage", deadLetter.origin);
                    }
                    json.writeEndObject();
                    if (deadLetter.eventTime != FalconEvent.NO_TIMESTAMP) {
                        json.writeStringField("event_time", Json.formatTime(deadLetter.eventTime));
                    }
                    json.writeStringField("raw", deadLetter.raw);
                    json.writeEndObject();
                });
    }
}
