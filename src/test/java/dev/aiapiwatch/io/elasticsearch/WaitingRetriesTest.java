package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitingRetriesTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger runs = new AtomicInteger();
    private HttpServer node;
    private RestClient client;

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.stop(0);
        }
    }

    @Test
    void wokenRetryRunsOnce() throws Exception {
        WaitingRetries retries = retries(nodeReturning(200));
        retries.schedule(runs::incrementAndGet, 60_000);

        retries.wake("a test");
        retries.wake("a test");

        assertThat(runs).hasValue(1);
    }

    @Test
    void dueRetryRunsOnce() throws Exception {
        WaitingRetries retries = retries(nodeReturning(200));

        retries.schedule(runs::incrementAndGet, 10);
        Thread.sleep(500);
        retries.wake("a test");

        assertThat(runs).hasValue(1);
    }

    @Test
    void forbiddenProbeWakesRetry() throws Exception {
        WaitingRetries retries = retries(nodeReturning(403));

        retries.schedule(runs::incrementAndGet, 60_000);

        // The first probe goes out after 2 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void unavailableNodeWakesNothing() throws Exception {
        WaitingRetries retries = retries(nodeReturning(503));

        retries.schedule(runs::incrementAndGet, 60_000);
        Thread.sleep(4_500);

        assertThat(runs).hasValue(0);
    }

    @Test
    void closedRetriesNotWoken() throws Exception {
        WaitingRetries retries = retries(nodeReturning(200));
        retries.schedule(runs::incrementAndGet, 60_000);

        retries.close();
        retries.wake("a test");

        assertThat(runs).hasValue(0);
    }

    private WaitingRetries retries(int port) {
        client = RestClient.builder(new HttpHost("127.0.0.1", port, "http")).build();
        return new WaitingRetries(timer, client, "http://127.0.0.1:" + port);
    }

    /**
     * Starts an HTTP server on a free loopback port that returns {@code status} to every request.
     */
    private int nodeReturning(int status) throws Exception {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(status, -1);
                    exchange.close();
                });
        node.start();
        return node.getAddress().getPort();
    }
}
