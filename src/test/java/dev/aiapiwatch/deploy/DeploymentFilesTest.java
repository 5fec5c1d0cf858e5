package dev.aiapiwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiapiwatch.AiApiWatchJob;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.config.KafkaOptions;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster files under flink-conf/ and deploy/ agree with the job they run. */
class DeploymentFilesTest {

    private static final Path DEPLOYMENT = Path.of("deploy/flink-deployment.yaml");
    private static final Path CLUSTER_CONFIG = Path.of("flink-conf/config.yaml");
    private static final Path KAFKA_USER = Path.of("deploy/kafka/user.yaml");
    private static final Path OPERATOR_USER = Path.of("deploy/kafka/operator-user.yaml");
    private static final Path DATA_VOLUME = Path.of("deploy/flink-data-volume.yaml");
    private static final Path CLIENT_PROPERTIES = Path.of("deploy/kafka/client.properties");
    private static final Path ROLE = Path.of("deploy/elasticsearch/ai-api-watch-role.json");

    @TempDir Path directory;

    @Test
    void deploymentArgumentsAreValidOptions() throws Exception {
        JsonNode job = read(DEPLOYMENT).at("/spec/job");

        JobOptions options = deployedOptions();

        assertThat(options.kafka()).isNotNull();
        assertThat(options.elasticsearch()).isNotNull();
        assertThat(options.elasticsearch().ilmPolicy()).isEqualTo("ai-api-watch-risk");
        assertThat(job.path("entryClass").asText()).isEqualTo(AiApiWatchJob.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("parallelism").asInt()).isBetween(1, AiApiWatchJob.MAX_PARALLELISM);
    }

    @Test
    void clusterSettingsMatchJob() throws Exception {
        JsonNode deployed = read(DEPLOYMENT).at("/spec/flinkConfiguration");
        JsonNode pipeline = read(CLUSTER_CONFIG).path("pipeline");

        String maxParallelism = Integer.toString(AiApiWatchJob.MAX_PARALLELISM);
        assertThat(deployed.path("pipeline.max-parallelism").asText()).isEqualTo(maxParallelism);
        assertThat(pipeline.path("max-parallelism").asText()).isEqualTo(maxParallelism);
        assertThat(deployed.path("pipeline.auto-generate-uids").asText()).isEqualTo("false");
        assertThat(pipeline.path("auto-generate-uids").asText()).isEqualTo("false");
        assertThat(deployed.path("pipeline.generic-types").asText()).isEqualTo("false");
        assertThat(deployed.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(deployed.path("high-availability.type").asText()).isEqualTo("kubernetes");
    }

    @Test
    void deploymentHasEveryClusterSetting() throws Exception {
        JsonNode deployed = read(DEPLOYMENT).at("/spec/flinkConfiguration");
        Map<String, String> clusterSettings = new TreeMap<>();
        flatten("", read(CLUSTER_CONFIG), clusterSettings);

        assertThat(clusterSettings).containsKey("restart-strategy.exponential-delay.jitter-factor");
        clusterSettings.forEach(
                (key, value) ->
                        assertThat(deployed.path(key).asText())
                                .as("%s in %s", key, DEPLOYMENT)
                                .isEqualTo(value));
    }

    @Test
    void dataVolumeSharedByAllPods() throws Exception {
        JsonNode claim = read(DATA_VOLUME);
        JsonNode volume = volume(read(DEPLOYMENT), "flink-data");

        assertThat(volume.at("/persistentVolumeClaim/claimName").asText())
                .isEqualTo(claim.at("/metadata/name").asText());
        assertThat(claim.at("/spec/accessModes"))
                .extracting(JsonNode::asText)
                .containsExactly("ReadWriteMany");
    }

    @Test
    void kafkaUserCoversJobTopicsAndGroups() throws Exception {
        JobOptions options = deployedOptions();

        assertThat(acls(KAFKA_USER))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "topic " + options.kafka().telemetryTopics().get(0),
                                        "Read,Describe",
                                "topic " + options.kafka().configTopic(), "Read,Describe",
                                "topic " + options.kafka().aidmasterUserinfoTopic(),
                                        "Read,Describe",
                                "topic " + options.kafka().deadLetterTopic(), "Write,Describe",
                                "group " + options.kafka().groupId(), "Read"));
    }

    @Test
    void operatorUserCoversScripts() throws Exception {
        KafkaOptions kafka = deployedOptions().kafka();

        assertThat(acls(OPERATOR_USER))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "topic " + kafka.configTopic(), "Write,Describe",
                                "topic " + kafka.deadLetterTopic(), "Read,Describe"));
    }

    /** Returns the operations of each ACL of a KafkaUser file, by resource type and name. */
    private static Map<String, String> acls(Path user) throws Exception {
        Map<String, String> operations = new TreeMap<>();
        for (JsonNode acl : read(user).at("/spec/authorization/acls")) {
            List<String> granted = new ArrayList<>();
            acl.path("operations").forEach(operation -> granted.add(operation.asText()));
            operations.put(
                    acl.at("/resource/type").asText() + " " + acl.at("/resource/name").asText(),
                    String.join(",", granted));
        }
        return operations;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> settings) {
        if (!node.isObject()) {
            settings.put(prefix, node.asText());
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            flatten(key, field.getValue(), settings);
        }
    }

    @Test
    void clientPropertiesMountedWithCredentials() throws Exception {
        JsonNode deployment = read(DEPLOYMENT);
        JsonNode container = deployment.at("/spec/podTemplate/spec/containers/0");
        Map<String, String> volumesByMountPath = new HashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            volumesByMountPath.put(mount.path("mountPath").asText(), mount.path("name").asText());
        }
        List<String> args = new ArrayList<>();
        deployment.at("/spec/job/args").forEach(arg -> args.add(arg.asText()));
        Path propertiesFile = Path.of(args.get(args.indexOf("--kafka-properties") + 1));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(CLIENT_PROPERTIES)) {
            properties.load(reader);
        }
        Path truststore = Path.of(properties.getProperty("ssl.truststore.location"));

        assertThat(volumesByMountPath.get(propertiesFile.getParent().toString()))
                .isEqualTo("kafka-client");
        assertThat(propertiesFile.getFileName().toString()).isEqualTo("client.properties");
        assertThat(volumesByMountPath.get(truststore.getParent().toString())).isEqualTo("kafka-ca");
        assertThat(volume(deployment, "kafka-ca").at("/secret/items/0/path").asText())
                .isEqualTo(truststore.getFileName().toString());
        assertThat(properties.getProperty("sasl.jaas.config"))
                .contains("password=\"${env:KAFKA_PASSWORD}\"");
        List<String> secretVariables = new ArrayList<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                secretVariables.add(variable.path("name").asText());
            }
        }
        assertThat(secretVariables).contains("KAFKA_PASSWORD");
    }

    private static JsonNode volume(JsonNode deployment, String name) {
        for (JsonNode volume : deployment.at("/spec/podTemplate/spec/volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name + " in " + DEPLOYMENT);
    }

    @Test
    void roleCoversDeployedIndices() throws Exception {
        List<String> args = new ArrayList<>();
        read(DEPLOYMENT).at("/spec/job/args").forEach(arg -> args.add(arg.asText()));
        JsonNode role = read(ROLE);

        assertThat(args).doesNotContain("--elasticsearch-index-prefix");
        assertThat(args).doesNotContain("--elasticsearch-template");
        assertThat(role.at("/indices/0/names"))
                .extracting(JsonNode::asText)
                .containsExactly(ElasticsearchOptions.DEFAULT_INDEX_PREFIX + "-*");
        assertThat(role.path("cluster"))
                .extracting(JsonNode::asText)
                .containsExactly("manage_index_templates");
    }

    private static JsonNode read(Path file) throws Exception {
        return new YAMLMapper().readTree(file.toFile());
    }

    /** Parses the deployment's job arguments, with stand-ins for the files mounted in the pod. */
    private JobOptions deployedOptions() throws Exception {
        List<String> args = new ArrayList<>();
        read(DEPLOYMENT).at("/spec/job/args").forEach(arg -> args.add(arg.asText()));
        Path properties =
                Files.writeString(
                        directory.resolve("client.properties"), "security.protocol=SSL\n");
        Path certificate = Path.of("src/test/resources/certificates/test-ca.crt");
        replaceValue(args, "--kafka-properties", properties);
        replaceValue(args, "--elasticsearch-ca-certificate", certificate);
        return JobOptions.parse(args.toArray(new String[0]));
    }

    private static void replaceValue(List<String> args, String option, Path value) {
        int index = args.indexOf(option);
        assertThat(index).as("%s in the deployment's arguments", option).isNotNegative();
        args.set(index + 1, value.toString());
    }
}
