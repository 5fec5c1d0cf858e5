package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.kafka.KafkaTopics;
import dev.aiapiwatch.testing.EmbeddedKafka;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's topic tool on a real broker: what it creates, and that a job can start at once.
 */
class CreateTopicsITCase {

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
    void createdTopicsPassStartCheck() throws Exception {
        CreateTopics.main(
                new String[] {
                    kafka.bootstrapServers(), "telemetry", "config", "dead-letters", "3", "names"
                });

        // Run straight after the tool, as scripts/local-stack.sh start followed by a job does.
        KafkaTopics.checkExist(
                JobOptions.parse(
                                new String[] {
                                    "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                                    "--telemetry-topic", "telemetry",
                                    "--config-topic", "config",
                                    "--dead-letter-topic", "dead-letters",
                                    "--aidmaster-userinfo-topic", "names",
                                    "--output", "target/unused.ndjson"
                                })
                        .kafka());

        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("telemetry", "config", "dead-letters", "names"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS);
            assertThat(topics.get("telemetry").partitions()).hasSize(3);
            assertThat(topics.get("config").partitions()).hasSize(1);
            assertThat(topics.get("dead-letters").partitions()).hasSize(1);
            assertThat(topics.get("names").partitions()).hasSize(1);
            assertThat(cleanupPolicy(admin, "config")).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, "names")).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, "telemetry")).isEqualTo("delete");
        }
    }

    @Test
    void missingTopicsNamedWithOptions() throws Exception {
        kafka.createTopic("present-telemetry", 1, Map.of());
        kafka.createTopic("present-config", 1, Map.of());
        kafka.createTopic("present-dead-letters", 1, Map.of());

        assertThatThrownBy(
                        () ->
                                KafkaTopics.checkExist(
                                        JobOptions.parse(
                                                        new String[] {
                                                            "--kafka-bootstrap-servers",
                                                            kafka.bootstrapServers(),
                                                            "--telemetry-topic",
                                                            "present-telemetry",
                                                            "--config-topic",
                                                            "present-config",
                                                            "--dead-letter-topic",
                                                            "present-dead-leters",
                                                            "--aidmaster-userinfo-topic",
                                                            "absent-names",
                                                            "--output",
                                                            "target/unused.ndjson"
                                                        })
                                                .kafka()))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "these Kafka topics do not exist on "
                                + kafka.bootstrapServers()
                                + ": present-dead-leters (--dead-letter-topic; did you mean"
                                + " present-dead-letters?), absent-names"
                                + " (--aidmaster-userinfo-topic). Create them"
                                + " (deploy/kafka/topics.yaml defines them for Strimzi, and"
                                + " scripts/local-stack.sh creates them locally), or name an"
                                + " existing topic with the option in parentheses.");
    }

    @Test
    void existingTopicsKept() throws Exception {
        kafka.createTopic("kept-telemetry", 5, Map.of());

        CreateTopics.main(
                new String[] {
                    kafka.bootstrapServers(), "kept-telemetry", "kept-config", "kept-dead", "2"
                });

        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("kept-telemetry", "kept-config", "kept-dead"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS);
            assertThat(topics.get("kept-telemetry").partitions()).hasSize(5);
            assertThat(topics.get("kept-config").partitions()).hasSize(1);
        }
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(properties);
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get("cleanup.policy")
                .value();
    }
}
