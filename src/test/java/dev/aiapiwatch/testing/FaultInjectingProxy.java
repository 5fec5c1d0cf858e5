package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real Elasticsearch that rejects the first bulk requests
 * with 429 Too Many Requests, as a busy cluster does, and forwards everything else unchanged. It
 * rejects either whole requests or, with status 200, every item of the request.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP_HEADERS =
            Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final AtomicInteger rejectionsLeft;
    private final boolean rejectItems;
    private final AtomicInteger bulkRequests = new AtomicInteger();

    private FaultInjectingProxy(String target, int rejectedBulkRequests, boolean rejectItems)
            throws IOException {
        this.target = target;
        this.rejectionsLeft = new AtomicInteger(rejectedBulkRequests);
        this.rejectItems = rejectItems;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy that rejects the first {@code count} bulk requests with status 429. */
    public static FaultInjectingProxy rejectingRequests(String target, int count)
            throws IOException {
        return new FaultInjectingProxy(target, count, false);
    }

    /**
     * Starts a proxy that replies to the first {@code count} bulk requests with status 200 and a
     * 429 for each item, as Elasticsearch does when its write queue is full.
     */
    public static FaultInjectingProxy rejectingItems(String target, int count) throws IOException {
        return new FaultInjectingProxy(target, count, true);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns the number of bulk requests received, rejected ones included. */
    public int bulkRequests() {
        return bulkRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().toString();
            if (path.contains("_bulk")) {
                bulkRequests.incrementAndGet();
                if (rejectionsLeft.getAndDecrement() > 0) {
                    if (rejectItems) {
                        reply(exchange, 200, itemRejections(body));
                    } else {
                        reply(
                                exchange,
                                429,
                                "{\"error\":\"rejected by the test proxy\",\"status\":429}");
                    }
                    return;
                }
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(target + path))
                            .method(
                                    exchange.getRequestMethod(),
                                    HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP_HEADERS.contains(name.toLowerCase())) {
                                    values.forEach(value -> request.header(name, value));
                                }
                            });
            HttpResponse<byte[]> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers()
                    .map()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP_HEADERS.contains(name.toLowerCase())) {
                                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                                }
                            });
            exchange.sendResponseHeaders(
                    response.statusCode(),
                    response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns a bulk response that rejects every operation of the bulk request {@code body}. */
    private static String itemRejections(byte[] body) throws IOException {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        StringBuilder items = new StringBuilder();
        // Lines alternate: an action with its metadata, then the document.
        for (int i = 0; i < lines.length; i += 2) {
            JsonNode action = Json.mapper().readTree(lines[i]).path("index");
            if (items.length() > 0) {
                items.append(',');
            }
            items.append("{\"index\":{\"_index\":\"")
                    .append(action.path("_index").asText())
                    .append("\",\"_id\":\"")
                    .append(action.path("_id").asText())
                    .append("\",\"status\":429,\"error\":{\"type\":")
                    .append("\"es_rejected_execution_exception\",")
                    .append("\"reason\":\"rejected by the test proxy\"}}}");
        }
        return "{\"took\":1,\"errors\":true,\"items\":[" + items + "]}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
