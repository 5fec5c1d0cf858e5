package dev.aiapiwatch.testing;

import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Telemetry that a test sends to Kafka in batches while the job runs, with the lookup counts that
 * the job must write for it. In batch {@code b}, every host starts python.exe processes that look
 * up api.openai.com one to three times, all within five seconds after minute {@code b} of {@link
 * TestEvents#T0}. With one-minute windows and a max out-of-orderness of 30 seconds, each batch
 * fills one window per host, no event of a batch is late however the partitions interleave, and a
 * batch closes the windows of the batch two before it.
 */
public final class TelemetryBatches {

    /** Telemetry topic partitions: host {@code h} writes to partition {@code h % PARTITIONS}. */
    public static final int PARTITIONS = 2;

    private static final long MINUTE = 60_000;

    private final int hosts;
    private final int processesPerHost;

    public TelemetryBatches(int hosts, int processesPerHost) {
        if (processesPerHost > 4) {
            throw new IllegalArgumentException(
                    "at most 4 processes per host fit in the five seconds of a batch, not "
                            + processesPerHost);
        }
        this.hosts = hosts;
        this.processesPerHost = processesPerHost;
    }

    /** Returns the job options that the batches are made for: the window and the watermark. */
    public static List<String> detectionOptions() {
        return List.of("--window", "1m", "--max-out-of-orderness", "30s");
    }

    /**
     * Sends batch {@code batch} to {@code topic}, each host's events in order, and waits for acks.
     */
    public void send(EmbeddedKafka kafka, String topic, int batch) throws Exception {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            kafka.sendValues(topic, partition, events(batch, partition));
        }
    }

    /**
     * Sends to every partition a lookup of an unwatched domain two minutes after the last batch,
     * which moves event time past the end of every window of the batches, so that each one closes
     * and writes its final record.
     */
    public void sendEnd(EmbeddedKafka kafka, String topic, int batches) throws Exception {
        long time = T0 + (batches + 1) * MINUTE;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            kafka.sendValues(
                    topic,
                    partition,
                    List.of(
                            TestEvents.dns(host(partition), "1", "www.example.com")
                                    .at(time)
                                    .line()));
        }
    }

    /** Returns the events of {@code batch} for the hosts of {@code partition}. */
    public List<String> events(int batch, int partition) {
        List<String> events = new ArrayList<>();
        for (int host = partition; host < hosts; host += PARTITIONS) {
            for (int process = 0; process < processesPerHost; process++) {
                String processId = Integer.toString(1000 + batch * 100 + process);
                long start = T0 + batch * MINUTE + process * 1_000L;
                events.add(TestEvents.process(host(host), processId, PYTHON).at(start).line());
                for (int lookup = 0; lookup < lookups(host, batch, process); lookup++) {
                    events.add(
                            TestEvents.dns(host(host), processId, "api.openai.com")
                                    .at(start + 500 + lookup)
                                    .line());
                }
            }
        }
        return events;
    }

    /**
     * Returns the lookup count that each record of the first {@code batches} batches must have,
     * keyed like {@link #keyOf}.
     */
    public Map<String, Long> expectedCounts(int batches) {
        Map<String, Long> counts = new TreeMap<>();
        for (int batch = 0; batch < batches; batch++) {
            for (int host = 0; host < hosts; host++) {
                long count = 0;
                for (int process = 0; process < processesPerHost; process++) {
                    count += lookups(host, batch, process);
                }
                counts.put(host(host) + " " + Json.formatTime(T0 + batch * MINUTE), count);
            }
        }
        return counts;
    }

    /** Returns "host.id window.start" of a document's source. */
    public static String keyOf(JsonNode source) {
        return source.at("/host/id").asText() + " " + source.at("/ai_api/window/start").asText();
    }

    /** Returns the Falcon sensor id (aid) of host {@code index}. */
    public static String host(int index) {
        return String.format("%032x", 0xc0ffeeL + index);
    }

    private static int lookups(int host, int batch, int process) {
        return 1 + (host + batch + process) % 3;
    }
}
