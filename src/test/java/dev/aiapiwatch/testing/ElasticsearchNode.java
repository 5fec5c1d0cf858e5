package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Elasticsearch for the integration tests, started once per test JVM from the
 * distribution that the build unpacks (the {@code elasticsearch.home} system property), bound to
 * 127.0.0.1, with security off. Elasticsearch refuses to run as root, so as root it runs as the
 * user {@code nobody}, in a working copy of the distribution that this user may read.
 */
public final class ElasticsearchNode {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static ElasticsearchNode shared;

    private final Process process;
    private final Path work;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private ElasticsearchNode(Process process, Path work, String url) {
        this.process = process;
        this.work = work;
        this.url = url;
    }

    /** Returns the node of this JVM, starting it on first use; it stops when the JVM exits. */
    public static synchronized ElasticsearchNode shared() throws Exception {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-elasticsearch"));
        }
        return shared;
    }

    private static ElasticsearchNode start() throws Exception {
        String homeProperty = System.getProperty("elasticsearch.home");
        if (homeProperty == null || !Files.isDirectory(Path.of(homeProperty))) {
            throw new IllegalStateException(
                    "the Elasticsearch distribution is missing (system property"
                            + " elasticsearch.home = "
                            + homeProperty
                            + "); run the integration tests with mvn verify, which unpacks it");
        }
        Path work = Files.createTempDirectory("ai-api-watch-elasticsearch-");
        Path home = work.resolve("home");
        run("cp", "-a", homeProperty, home.toString());
        for (String folder : List.of("data", "logs", "tmp", "user-home")) {
            Files.createDirectories(work.resolve(folder));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run("chown", "-R", "nobody:nogroup", work.toString());
        }

        int httpPort = freePort();
        int transportPort = freePort();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(
                    List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.addAll(
                List.of(
                        "bash",
                        home.resolve("bin/elasticsearch").toString(),
                        "-E",
                        "network.host=127.0.0.1",
                        "-E",
                        "http.port=" + httpPort,
                        "-E",
                        "transport.port=" + transportPort,
                        "-E",
                        "discovery.type=single-node",
                        "-E",
                        "xpack.security.enabled=false",
                        "-E",
                        "cluster.routing.allocation.disk.threshold_enabled=false",
                        "-E",
                        "path.data=" + work.resolve("data"),
                        "-E",
                        "path.logs=" + work.resolve("logs")));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", work.resolve("user-home").toString());
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.put("ES_TMPDIR", work.resolve("tmp").toString());
        environment.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        environment.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + work.resolve("tmp"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve("console.log").toFile());
        Process process = builder.start();

        ElasticsearchNode node =
                new ElasticsearchNode(process, work, "http://127.0.0.1:" + httpPort);
        node.awaitHealthy();
        return node;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Elasticsearch exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            try {
                HttpResponse<String> health =
                        send("GET", "/_cluster/health?wait_for_status=yellow&timeout=1s", null);
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException(
                "Elasticsearch was not healthy within " + START_TIMEOUT + ":\n" + consoleTail());
    }

    private String consoleTail() throws IOException {
        List<String> lines =
                Files.readAllLines(work.resolve("console.log"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Returns the HTTP URL, such as http://127.0.0.1:40123. */
    public String url() {
        return url;
    }

    /** Sends a request and returns the response; {@code body} may be null. */
    public HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        request.header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request that must succeed, and returns its JSON response. */
    public JsonNode json(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 300) {
            throw new IOException(
                    method
                            + " "
                            + path
                            + " returned "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** Returns every document of the indices matching {@code indexPattern}, after a refresh. */
    public List<JsonNode> documents(String indexPattern) throws IOException, InterruptedException {
        send("POST", "/" + indexPattern + "/_refresh", null);
        HttpResponse<String> response =
                send("GET", "/" + indexPattern + "/_search?size=1000&version=true", null);
        List<JsonNode> documents = new ArrayList<>();
        if (response.statusCode() == 404) {
            return documents;
        }
        for (JsonNode hit : Json.mapper().readTree(response.body()).at("/hits/hits")) {
            documents.add(hit);
        }
        return documents;
    }

    /** Deletes the indices and index templates that match {@code pattern}. */
    public void deleteAll(String pattern) throws IOException, InterruptedException {
        send("DELETE", "/" + pattern + "?expand_wildcards=all", null);
        send("DELETE", "/_index_template/" + pattern, null);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            run("rm", "-rf", work.toString());
        } catch (Exception e) {
            System.err.println("Stopping the test Elasticsearch failed: " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed with " + process.exitValue());
        }
    }
}
