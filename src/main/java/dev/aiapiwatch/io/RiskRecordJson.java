package dev.aiapiwatch.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.aiapiwatch.risk.RiskRecord;
import java.io.IOException;

/**
 * Writes risk records as the JSON documents that go to files and to Elasticsearch: nested objects
 * with Elastic Common Schema (ECS) names where ECS has the field, and the detection's own figures
 * under {@code ai_api}. Fields without a value are left out.
 */
public final class RiskRecordJson {

    /** MITRE ATT&CK: Resource Development / Obtain Capabilities / Artificial Intelligence. */
    static final String TACTIC_ID = "TA0042";

    static final String TACTIC_NAME = "Resource Development";
    static final String TECHNIQUE_ID = "T1588";
    static final String TECHNIQUE_NAME = "Obtain Capabilities";
    static final String SUBTECHNIQUE_ID = "T1588.007";
    static final String SUBTECHNIQUE_NAME = "Artificial Intelligence";
    static final String RULE_NAME =
            "Generative-AI API lookup by a script runtime, CLI tool or LOLBin";

    private RiskRecordJson() {}

    public static String toJson(RiskRecord record) {
        return Json.write(generator -> write(record, generator));
    }

    static void write(RiskRecord record, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.id);
        json.writeStringField("@timestamp", Json.formatTime(record.firstSeen));

        json.writeObjectFieldStart("event");
        json.writeStringField("kind", "alert");
        writeArray(json, "category", "network");
        writeArray(json, "type", "protocol");
        json.writeStringField("dataset", "ai_api_watch.risk");
        json.writeStringField("start", Json.formatTime(record.firstSeen));
        json.writeStringField("end", Json.formatTime(record.lastSeen));
        json.writeNumberField("risk_score", record.riskScore);
        json.writeNumberField("severity", record.severity);
        json.writeEndObject();

        json.writeObjectFieldStart("host");
        json.writeStringField("id", record.hostId);
        writeIfPresent(json, "name", record.hostName);
        if (record.hostOsType != null) {
            json.writeObjectFieldStart("os");
            json.writeStringField("type", record.hostOsType);
            json.writeEndObject();
        }
        json.writeEndObject();

        if (record.userId != null || record.userName != null) {
            json.writeObjectFieldStart("user");
            writeIfPresent(json, "id", record.userId);
            writeIfPresent(json, "name", record.userName);
            json.writeEndObject();
        }

        if (record.processName != null || record.parentProcessName != null) {
            json.writeObjectFieldStart("process");
            writeIfPresent(json, "name", record.processName);
            if (record.parentProcessName != null) {
                json.writeObjectFieldStart("parent");
                json.writeStringField("name", record.parentProcessName);
                json.writeEndObject();
            }
            json.writeEndObject();
        }

        json.writeObjectFieldStart("dns");
        json.writeObjectFieldStart("question");
        json.writeStringField("name", record.domain);
        json.writeEndObject();
        json.writeEndObject();

        if (record.destinationIps != null && record.destinationIps.length > 0) {
            json.writeObjectFieldStart("destination");
            json.writeArrayFieldStart("ip");
            for (String address : record.destinationIps) {
                json.writeString(address);
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        writeThreat(json);

        json.writeObjectFieldStart("rule");
        json.writeStringField("name", RULE_NAME);
        writeIfPresent(json, "version", record.ruleVersion);
        json.writeEndObject();

        json.writeObjectFieldStart("ai_api");
        json.writeStringField("provider", record.provider);
        json.writeStringField("process_category", record.processCategory);
        json.writeNumberField("risk_weight", record.riskWeight);
        json.writeNumberField("dns_query_count", record.dnsQueryCount);
        writeIfPresent(json, "attribution", record.attribution);
        json.writeNumberField("confirmed_connections", record.confirmedConnections);
        json.writeArrayFieldStart("risk_factors");
        for (String factor : record.riskFactors == null ? new String[0] : record.riskFactors) {
            json.writeString(factor);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("command_line_samples");
        for (String sample : record.commandLineSamples) {
            json.writeString(sample);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("window");
        json.writeStringField("start", Json.formatTime(record.windowStart));
        json.writeStringField("end", Json.formatTime(record.windowEnd));
        json.writeEndObject();
        json.writeEndObject();

        json.writeEndObject();
    }

    private static void writeThreat(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("threat");
        json.writeStringField("framework", "MITRE ATT&CK");
        json.writeObjectFieldStart("tactic");
        writeArray(json, "id", TACTIC_ID);
        writeArray(json, "name", TACTIC_NAME);
        json.writeEndObject();
        json.writeObjectFieldStart("technique");
        writeArray(json, "id", TECHNIQUE_ID);
        writeArray(json, "name", TECHNIQUE_NAME);
        json.writeObjectFieldStart("subtechnique");
        writeArray(json, "id", SUBTECHNIQUE_ID);
        writeArray(json, "name", SUBTECHNIQUE_NAME);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeArray(JsonGenerator json, String name, String value)
            throws IOException {
        json.writeArrayFieldStart(name);
        json.writeString(value);
        json.writeEndArray();
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value)
            throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
