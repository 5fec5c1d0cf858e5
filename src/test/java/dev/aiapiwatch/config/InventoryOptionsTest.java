package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aidmaster and userinfo options, in file mode and in Kafka mode. */
class InventoryOptionsTest {

    @TempDir Path directory;

    private JobOptions parse(String... args) throws InvalidOptionException {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                JobOptions.OUTPUT,
                                directory.resolve("out").resolve("records.ndjson").toString()));
        all.addAll(List.of(args));
        return JobOptions.parse(all.toArray(new String[0]));
    }

    private static KafkaOptions parseKafka(String... more) throws InvalidOptionException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka-bootstrap-servers", "127.0.0.1:9092",
                                "--telemetry-topic", "falcon-telemetry"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(new String[0])).kafka();
    }

    @Test
    void noneByDefault() throws InvalidOptionException {
        JobOptions options = parse();

        assertThat(options.inventory().paths()).isEmpty();
        assertThat(options.hasInventory()).isFalse();
        assertThat(parseKafka().aidmasterUserinfoTopic()).isNull();
    }

    @Test
    void filesOfBothOptionsKeptOnce() throws IOException, InvalidOptionException {
        Path aidmaster = Files.writeString(directory.resolve("aidmaster.ndjson"), "");
        Path userinfo = Files.createDirectory(directory.resolve("userinfo"));

        JobOptions options =
                parse(
                        "--aidmaster", aidmaster.toString(),
                        "--userinfo", userinfo.toString(),
                        "--userinfo", aidmaster.toString());

        assertThat(options.inventory().paths()).containsExactly(aidmaster, userinfo);
        assertThat(options.hasInventory()).isTrue();
    }

    @Test
    void filesUsableInKafkaMode() throws IOException, InvalidOptionException {
        Path aidmaster = Files.writeString(directory.resolve("aidmaster.ndjson"), "");

        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers", "127.0.0.1:9092",
                            "--telemetry-topic", "falcon-telemetry",
                            "--aidmaster", aidmaster.toString()
                        });

        assertThat(options.inventory().paths()).containsExactly(aidmaster);
        assertThat(options.hasInventory()).isTrue();
    }

    @Test
    void missingFileNamedWithFix() {
        String missing = directory.resolve("no-such-aidmaster.ndjson").toString();

        assertThatThrownBy(() -> parse("--aidmaster", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Invalid value '"
                                + missing
                                + "' for --aidmaster: expected an existing file or directory"
                                + " of aidmaster entries; check the path.");
    }

    @Test
    void missingUserinfoNamesItsOption() {
        String missing = directory.resolve("userinfo.ndjson").toString();

        assertThatThrownBy(() -> parse("--userinfo", missing))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --userinfo")
                .hasMessageContaining("of userinfo entries");
    }

    @Test
    void outputInsideTableDirectoryRejected() throws IOException {
        Path tables = Files.createDirectory(directory.resolve("tables"));

        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--aidmaster",
                                            tables.toString(),
                                            "--output",
                                            tables.resolve("records.ndjson").toString()
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("for --output")
                .hasMessageContaining(tables + " is read as input");
    }

    @Test
    void topicRead() throws InvalidOptionException {
        KafkaOptions kafka = parseKafka("--aidmaster-userinfo-topic", "falcon-aidmaster");

        assertThat(kafka.aidmasterUserinfoTopic()).isEqualTo("falcon-aidmaster");
        assertThat(kafka.toString()).contains("aidmaster-userinfo topic falcon-aidmaster");
    }

    @Test
    void topicNeedsBrokers() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {"--aidmaster-userinfo-topic", "entries"}))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Kafka options need --kafka-bootstrap-servers");
    }

    @Test
    void topicSameAsConfigTopicRejected() {
        assertThatThrownBy(() -> parseKafka("--aidmaster-userinfo-topic", "ai-api-watch-config"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "Invalid value 'ai-api-watch-config' for --aidmaster-userinfo-topic:"
                                + " expected a topic of its own, not the topic of --config-topic"
                                + " or --dead-letter-topic.");
    }

    @Test
    void telemetryTopicSameAsEntriesRejected() {
        assertThatThrownBy(
                        () ->
                                parseKafka(
                                        "--telemetry-topic", "entries",
                                        "--aidmaster-userinfo-topic", "entries"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Invalid value 'entries' for --telemetry-topic");
    }

    @Test
    void patternMatchingEntriesTopicRejected() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        new String[] {
                                            "--kafka-bootstrap-servers", "127.0.0.1:9092",
                                            "--telemetry-topic-pattern", "falcon-.*",
                                            "--aidmaster-userinfo-topic", "falcon-aidmaster"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(
                        "--telemetry-topic-pattern falcon-.* matches falcon-aidmaster");
    }

    @Test
    void helpListsOptions() {
        String help = JobOptions.helpText();

        assertThat(help).contains("Host and user names (Falcon aidmaster and userinfo tables");
        assertThat(help).contains("  --aidmaster PATH\n");
        assertThat(help).contains("  --userinfo PATH\n");
        assertThat(help).contains("  --aidmaster-userinfo-topic NAME\n");
    }
}
