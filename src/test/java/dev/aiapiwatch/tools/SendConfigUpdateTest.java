package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.io.DetectionConfigUpdateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendConfigUpdateTest {

    @TempDir Path directory;

    @Test
    void watchlistArgumentsRead() throws IOException {
        List<DetectionConfigUpdate> upsert =
                SendConfigUpdate.updates(
                        args("watchlist", "upsert", "api.example.ai", "Example AI"));
        List<DetectionConfigUpdate> delete =
                SendConfigUpdate.updates(args("watchlist", "delete", "api.example.ai"));

        assertThat(upsert)
                .extracting(Object::toString)
                .containsExactly("upsert watchlist api.example.ai (Example AI)");
        assertThat(delete)
                .extracting(Object::toString)
                .containsExactly("delete watchlist api.example.ai");
    }

    @Test
    void allowlistFileSentGroupsFirst() throws IOException {
        Path file = directory.resolve("allowlist.json");
        Files.writeString(
                file,
                "{\"hostGroups\": [{\"name\": \"lab\", \"hostNamePatterns\": [\"ds-*\"]}],"
                        + " \"entries\": [{\"id\": \"ds-python\", \"owner\": \"ds@example.com\","
                        + " \"expires\": \"2027-03-31\", \"match\": {\"hostGroup\": \"lab\","
                        + " \"processName\": \"Python.exe\"}}]}");

        List<DetectionConfigUpdate> updates =
                SendConfigUpdate.updates(args("allowlist", "upsert", file.toString()));

        assertThat(updates)
                .extracting(DetectionConfigUpdateJson::keyOf)
                .containsExactly("host-group/lab", "allowlist/ds-python");
        assertThat(DetectionConfigUpdateJson.toJson(updates.get(1)))
                .isEqualTo(
                        "{\"type\":\"allowlist\",\"operation\":\"upsert\",\"id\":\"ds-python\","
                                + "\"owner\":\"ds@example.com\",\"expires\":\"2027-03-31\","
                                + "\"match\":{\"hostGroup\":\"lab\",\"processName\":\"python.exe\"}}");
    }

    @Test
    void deletesRead() throws IOException {
        assertThat(SendConfigUpdate.updates(args("allowlist", "delete", "ds-python")))
                .extracting(DetectionConfigUpdateJson::keyOf)
                .containsExactly("allowlist/ds-python");
        assertThat(SendConfigUpdate.updates(args("host-group", "delete", "lab")))
                .extracting(DetectionConfigUpdateJson::keyOf)
                .containsExactly("host-group/lab");
    }

    @Test
    void invalidAllowlistFileRejectedBeforeSending() throws IOException {
        Path file = directory.resolve("allowlist.json");
        Files.writeString(file, "{\"entries\": [{\"id\": \"x\", \"expires\": \"2027-03-31\"}]}");

        assertThatThrownBy(
                        () ->
                                SendConfigUpdate.updates(
                                        args("allowlist", "upsert", file.toString())))
                .hasMessageStartingWith(file + ": entries[0] (id 'x'): missing \"owner\"");
    }

    @Test
    void otherArgumentsNotUpdates() throws IOException {
        assertThat(SendConfigUpdate.updates(args("allowlist", "upsert"))).isNull();
        assertThat(SendConfigUpdate.updates(args("watchlist", "upsert", "api.example.ai")))
                .isNull();
        assertThat(SendConfigUpdate.updates(args("host-group", "upsert", "lab"))).isNull();
    }

    private static String[] args(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "127.0.0.1:9092";
        args[1] = "ai-api-watch-config";
        System.arraycopy(command, 0, args, 2, command.length);
        return args;
    }
}
