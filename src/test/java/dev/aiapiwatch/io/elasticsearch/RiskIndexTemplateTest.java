package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RiskIndexTemplateTest {

    @Test
    void bodyWithoutPolicyHasNoLifecycle() throws Exception {
        JsonNode body = Json.mapper().readTree(RiskIndexTemplate.body("risk"));

        assertThat(body.at("/index_patterns/0").asText()).isEqualTo("risk-*");
        assertThat(body.path("version").asInt()).isEqualTo(RiskIndexTemplate.VERSION);
        assertThat(body.at("/template/settings").has("index.lifecycle.name")).isFalse();
    }

    @Test
    void bodyWithPolicyNamesIt() throws Exception {
        JsonNode plain = Json.mapper().readTree(RiskIndexTemplate.body("risk"));
        JsonNode withPolicy =
                Json.mapper().readTree(RiskIndexTemplate.body("risk", "ai-api-watch-risk"));

        assertThat(withPolicy.at("/template/settings").path("index.lifecycle.name").asText())
                .isEqualTo("ai-api-watch-risk");
        assertThat(withPolicy.at("/template/mappings")).isEqualTo(plain.at("/template/mappings"));
        assertThat(withPolicy.at("/template/settings/refresh_interval").asText()).isEqualTo("1s");
    }

    @Test
    void deployedPolicyKeepsRecordsNinetyDays() throws Exception {
        JsonNode policy =
                Json.mapper()
                        .readTree(Files.readString(Path.of("deploy/elasticsearch/ilm-policy.json")))
                        .path("policy");

        assertThat(policy.at("/phases/hot/min_age").asText()).isEqualTo("0ms");
        assertThat(policy.at("/phases/warm/min_age").asText()).isEqualTo("7d");
        assertThat(policy.at("/phases/delete/min_age").asText()).isEqualTo("90d");
        assertThat(policy.at("/phases/delete/actions").has("delete")).isTrue();
        assertThat(policy.at("/phases/warm/actions").has("readonly"))
                .as("late lookups and replays still update records in warm indices")
                .isFalse();
    }
}
