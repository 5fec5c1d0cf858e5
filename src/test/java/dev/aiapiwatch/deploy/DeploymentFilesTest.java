package dev.aiapiwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aiapiwatch.AiApiWatchJob;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.config.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster files under flink-conf/ and deploy/ agree with the job they run. */
class DeploymentFilesTest {

    private static final Path DEPLOYMENT = Path.of("deploy/flink-deployment.yaml");
    private static final Path CLUSTER_CONFIG = Path.of("flink-conf/config.yaml");
    private static final Path ROLE = Path.of("deploy/elasticsearch/ai-api-watch-role.json");

    @TempDir Path directory;

    @Test
    void deploymentArgumentsAreValidOptions() throws Exception {
        JsonNode job = read(DEPLOYMENT).at("/spec/job");
        List<String> args = new ArrayList<>();
        for (JsonNode arg : job.path("args")) {
            args.add(arg.asText());
        }
        // The mounted files exist only in the pod: stand-ins let the parser check the rest.
        Path properties =
                Files.writeString(
                        directory.resolve("client.properties"), "security.protocol=SSL\n");
        Path certificate = Files.writeString(directory.resolve("ca.crt"), "");
        replaceValue(args, "--kafka-properties", properties);
        replaceValue(args, "--elasticsearch-ca-certificate", certificate);

        JobOptions options = JobOptions.parse(args.toArray(new String[0]));

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

    private static void replaceValue(List<String> args, String option, Path value) {
        int index = args.indexOf(option);
        assertThat(index).as("%s in the deployment's arguments", option).isNotNegative();
        args.set(index + 1, value.toString());
    }
}
