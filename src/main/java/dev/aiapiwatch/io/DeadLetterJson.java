package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;

/** Writes dead letters as JSON: when, why, where from, and the redacted raw input. */
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
                    json.writeStringField("origin", deadLetter.origin);
                    if (deadLetter.position != DeadLetter.UNKNOWN_POSITION) {
                        json.writeNumberField("line", deadLetter.position);
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
