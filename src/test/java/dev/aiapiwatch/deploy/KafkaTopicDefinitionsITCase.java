package dev.aiapiwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.kafka.KafkaTopics;
import dev.aiapiwatch.testing.EmbeddedKafka;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topic definitions of deploy/kafka/topics.yaml, created on a real broker with their partitions
 * and configs, and accepted by the job's start-up check.
 */
class KafkaTopicDefinitionsITCase {

    private static final Path TOPICS = Path.of("deploy/kafka/topics.yaml");

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void definedTopicsCreatedAndAccepted() throws Exception {
        Map<String, JsonNode> topics = readTopics();
        assertThat(topics)
                .containsOnlyKeys(
                        "falcon-telemetry",
                        "ai-api-watch-config",
                        "ai-api-watch-aidmaster-userinfo",
                        "ai-api-watch-dead-letters");

        // The broker rejects an unknown config or an invalid value.
        for (Map.Entry<String, JsonNode> topic : topics.entrySet()) {
            Map<String, String> configs = new LinkedHashMap<>();
            topic.getValue()
                    .path("config")
                    .fields()
                    .forEachRemaining(
                            field -> configs.put(field.getKey(), field.getValue().asText()));
            kafka.createTopic(topic.getKey(), topic.getValue().path("partitions").asInt(), configs);
        }

        assertThat(config("ai-api-watch-config").get("cleanup.policy").value())
                .isEqualTo("compact");
        assertThat(config("ai-api-watch-aidmaster-userinfo").get("cleanup.policy").value())
                .isEqualTo("compact");
        assertThat(config("falcon-telemetry").get("retention.ms").value()).isEqualTo("259200000");
        KafkaTopics.checkExist(
                JobOptions.parse(
                                new String[] {
                                    "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                                    "--telemetry-topic", "falcon-telemetry",
                                    "--aidmaster-userinfo-topic", "ai-api-watch-aidmaster-userinfo",
                                    "--output", "target/unused.ndjson"
                                })
                        .kafka());
    }

    /** Returns the spec of each KafkaTopic resource by topic name. */
    private static Map<String, JsonNode> readTopics() throws Exception {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(TOPICS.toFile())) {
            for (JsonNode document : documents.readAll()) {
                if (document == null || document.isEmpty()) {
                    continue;
                }
                assertThat(document.path("kind").asText()).isEqualTo("KafkaTopic");
                topics.put(document.at("/metadata/name").asText(), document.path("spec"));
            }
        }
        return topics;
    }

    private static Config config(String topic) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(properties)) {
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource);
        }
    }
}
