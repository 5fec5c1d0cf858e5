package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTelemetryTest {

    @TempDir Path directory;

    @Test
    void unreachableBrokerStopsAtFirstLine() throws Exception {
        Path file =
                Files.write(
                        directory.resolve("telemetry.ndjson"),
                        Collections.nCopies(
                                20, "{\"aid\":\"a1\",\"event_simpleName\":\"DnsRequest\"}"));
        Properties properties = new Properties();
        properties.setProperty(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
        properties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");

        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            // Without the stop, each of the 20 lines would wait 500 ms for metadata.
            assertThatThrownBy(() -> ReplayTelemetry.replay(producer, "telemetry", file))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "writing " + file + " to telemetry failed (stopped after line 1): ");
        }
    }

    /** Returns a loopback port that nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
