package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A real single-node Elasticsearch for the integration tests, started from the distribution that
 * the build unpacks (the {@code elasticsearch.home} system property) and bound to 127.0.0.1. The
 * node of {@link #shared()} runs once per test JVM with security off, and {@link
 * SecuredElasticsearch} starts one with security on. Elasticsearch refuses to run as root, so as
 * root it runs as the user {@code nobody}, in a working copy of the distribution that this user may
 * read.
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static ElasticsearchNode shared;

    private final Process process;
    private final Path work;
    private final String url;
    private final Access access;

    /** The launcher and the processes it started, as close() found them. */
    private final List<ProcessHandle> stoppedProcesses = new ArrayList<>();

    private ElasticsearchNode(Process process, Path work, String url, Access access) {
        this.process = process;
        this.work = work;
        this.url = url;
        this.access = access;
    }

    /**
     * How the test client reaches a node: the URL scheme, the HTTP client (with the TLS context for
     * HTTPS) and the value of the Authorization header, or null to send none.
     */
    public record Access(String scheme, HttpClient http, String authorization) {

        /** Returns plain HTTP without credentials. */
        public static Access plain() {
            return new Access("http", HttpClient.newHttpClient(), null);
        }

        /** Returns HTTPS that trusts {@code tls}, with basic authentication. */
        public static Access https(SSLContext tls, String user, String password) {
            String credentials = user + ":" + password;
            return new Access(
                    "https",
                    HttpClient.newBuilder().sslContext(tls).build(),
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Returns the node of this JVM, starting it on first use; it stops when the JVM exits. */
    public static synchronized ElasticsearchNode shared() throws Exception {
        if (shared == null) {
            Map<String, String> settings = Map.of("xpack.security.enabled", "false");
            shared = start(ElasticsearchDistribution.copy(), settings, Access.plain());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-elasticsearch"));
        }
        return shared;
    }

    /**
     * Starts the copy in {@code work} with {@code settings} on top of the loopback, port, path and
     * single-node settings, and returns once {@code /_cluster/health} returns 200 through {@code
     * access}. The work folder is deleted when the node closes or fails to start.
     */
    static ElasticsearchNode start(Path work, Map<String, String> settings, Access access)
            throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            ElasticsearchDistribution.run("chown", "-R", "nobody:nogroup", work.toString());
        }
        int httpPort = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("network.host", "127.0.0.1");
        all.put("http.port", Integer.toString(httpPort));
        all.put("transport.port", Integer.toString(freePort()));
        all.put("discovery.type", "single-node");
        all.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        all.put("path.data", work.resolve("data").toString());
        all.put("path.logs", work.resolve("logs").toString());
        all.putAll(settings);

        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(
                    List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.add("bash");
        command.add(work.resolve("home/bin/elasticsearch").toString());
        all.forEach((name, value) -> command.addAll(List.of("-E", name + "=" + value)));
        ProcessBuilder builder = new ProcessBuilder(command);
        ElasticsearchDistribution.environment(builder, work);
        builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve("console.log").toFile());
        Process process = builder.start();

        ElasticsearchNode node =
                new ElasticsearchNode(
                        process, work, access.scheme() + "://127.0.0.1:" + httpPort, access);
        try {
            node.awaitHealthy();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
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
        throw new IllegalStateException(
                "Elasticsearch was not healthy within " + START_TIMEOUT + ":\n" + consoleTail());
    }

    private String consoleTail() throws IOException {
        List<String> lines =
                Files.readAllLines(work.resolve("console.log"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Returns the URL, such as http://127.0.0.1:40123. */
    public String url() {
        return url;
    }

    /** Sends a request and returns the response; {@code body} may be null. */
    public HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        request.header("Content-Type", "application/json");
        if (access.authorization() != null) {
            request.header("Authorization", access.authorization());
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return access.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    /** Returns the source of every document of the indices matching {@code indexPattern}. */
    public List<JsonNode> sources(String indexPattern) throws IOException, InterruptedException {
        List<JsonNode> sources = new ArrayList<>();
        for (JsonNode document : documents(indexPattern)) {
            sources.add(document.path("_source"));
        }
        return sources;
    }

    /** A check run between two searches of {@link #awaitSource}, which may throw to stop it. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /**
     * Returns the first document source in the indices matching {@code indexPattern} that satisfies
     * {@code condition}, searching every 500 ms for up to {@code wait}.
     *
     * @throws AssertionError with every source found, when none matches in time
     */
    public JsonNode awaitSource(String indexPattern, Predicate<JsonNode> condition, Duration wait)
            throws Exception {
        return awaitSource(indexPattern, condition, wait, () -> {});
    }

    /**
     * Returns a source as {@link #awaitSource(String, Predicate, Duration)}, running {@code
     * betweenSearches} after each search that finds none.
     */
    public JsonNode awaitSource(
            String indexPattern,
            Predicate<JsonNode> condition,
            Duration wait,
            Check betweenSearches)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> match = sources(indexPattern).stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            betweenSearches.run();
            Thread.sleep(500);
        }
        throw new AssertionError(
                "no matching record within " + wait + "; records: " + sources(indexPattern));
    }

    /**
     * Deletes the indices and index templates that match {@code pattern}. Elasticsearch 8 rejects
     * wildcards in index deletions ({@code action.destructive_requires_name} is true by default),
     * so the indices are resolved to their names first.
     */
    public void deleteAll(String pattern) throws IOException, InterruptedException {
        JsonNode resolved =
                json("GET", "/_resolve/index/" + pattern + "?expand_wildcards=all", null);
        List<String> indices = new ArrayList<>();
        resolved.path("indices").forEach(index -> indices.add(index.path("name").asText()));
        if (!indices.isEmpty()) {
            json("DELETE", "/" + String.join(",", indices), null);
        }
        HttpResponse<String> templates = send("DELETE", "/_index_template/" + pattern, null);
        if (templates.statusCode() != 200 && templates.statusCode() != 404) {
            throw new IOException(
                    "deleting the index templates "
                            + pattern
                            + " returned "
                            + templates.statusCode()
                            + ": "
                            + templates.body());
        }
    }

    /**
     * Stops the node, the server process that the launcher started included, and deletes its work
     * folder.
     */
    @Override
    public void close() {
        stoppedProcesses.addAll(process.descendants().toList());
        stoppedProcesses.add(process.toHandle());
        process.destroy();
        try {
            for (ProcessHandle handle : stoppedProcesses) {
                try {
                    handle.onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    handle.destroyForcibly();
                }
            }
            ElasticsearchDistribution.run("rm", "-rf", work.toString());
        } catch (Exception e) {
            System.err.println("Stopping the test Elasticsearch failed: " + e);
        }
    }

    /**
     * Returns whether close() ran, every process it stopped has exited and the work folder is gone.
     */
    public boolean isClosed() {
        return !stoppedProcesses.isEmpty()
                && stoppedProcesses.stream().noneMatch(ProcessHandle::isAlive)
                && !Files.exists(work);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
