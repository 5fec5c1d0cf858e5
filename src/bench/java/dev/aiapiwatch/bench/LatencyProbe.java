package dev.aiapiwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.AiApiWatchJob;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.io.Json;
import dev.aiapiwatch.testing.TestEvents;
import dev.aiapiwatch.tools.TelemetryGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the time from writing a lookup to the telemetry topic until its risk record is
 * searchable in Elasticsearch, with the job reading Kafka and writing Elasticsearch in this JVM's
 * mini cluster, under a steady load of generated fleet telemetry.
 *
 * <p>Each probe is a new watched process on a host of its own: its start event, then a lookup of
 * api.openai.com, which opens a risk group and so makes the job write the record at once (its early
 * write). The clock starts when the lookup is handed to the Kafka producer and stops when a search
 * for the host finds the record. Searches run every 20 ms, so figures are up to 20 ms late.
 *
 * <p>The figures include the sink's flush interval (how long the job collects records into one bulk
 * request, 1 s by default) and the index's refresh interval (1 s in the job's index template),
 * after which a written document becomes searchable.
 *
 * <p>Usage: {@code LatencyProbe BOOTSTRAP_SERVERS ELASTICSEARCH_URL EVENTS_PER_SECOND SECONDS
 * PROBES_PER_SECOND [FLUSH_INTERVAL]}
 */
public final class LatencyProbe {

    private static final String TELEMETRY_TOPIC = "falcon-telemetry";
    private static final String INDEX_PREFIX = "ai-api-watch-latency";
    private static final long POLL_MILLIS = 20;

    private final String bootstrapServers;
    private final String elasticsearchUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Probe hosts not found yet, with the nano time their lookup was sent. */
    private final Map<String, Long> outstanding = new ConcurrentHashMap<>();

    private final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());

    private final long runStartMillis = System.currentTimeMillis();
    private final AtomicLong probesSent = new AtomicLong();
    private final AtomicLong loadSent = new AtomicLong();
    private Duration flushInterval;
    private volatile boolean loading = true;

    private LatencyProbe(String bootstrapServers, String elasticsearchUrl) {
        this.bootstrapServers = bootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    public static void main(String[] args) throws Exception {
        LatencyProbe probe = new LatencyProbe(args[0], args[1]);
        int eventsPerSecond = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int probesPerSecond = Integer.parseInt(args[4]);
        String flushInterval = args.length > 5 ? args[5] : "1s";
        probe.run(eventsPerSecond, seconds, probesPerSecond, flushInterval);
        System.exit(0);
    }

    private void run(int eventsPerSecond, int seconds, int probesPerSecond, String flush)
            throws Exception {
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers", bootstrapServers,
                            "--telemetry-topic", TELEMETRY_TOPIC,
                            "--kafka-group-id", "latency-" + runStartMillis,
                            "--starting-offsets", "latest",
                            "--elasticsearch-url", elasticsearchUrl,
                            "--elasticsearch-index-prefix", INDEX_PREFIX,
                            "--elasticsearch-flush-interval", flush
                        });
        flushInterval = options.elasticsearch().flushInterval();
        JobClient job = new AiApiWatchJob(options).start();
        try (KafkaProducer<String, String> producer = producer()) {
            Thread load = new Thread(() -> sendLoad(producer, eventsPerSecond), "load");
            load.setDaemon(true);
            load.start();
            Thread poller = new Thread(this::pollElasticsearch, "poller");
            poller.setDaemon(true);
            poller.start();

            // Until a first probe comes through, the job is still starting: not measured.
            awaitFirstRecord(producer);
            latenciesMillis.clear();
            long loadAtStart = loadSent.get();
            long measuredFrom = System.nanoTime();

            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / probesPerSecond;
            long next = System.nanoTime();
            int probes = seconds * probesPerSecond;
            for (int i = 0; i < probes; i++) {
                sendProbe(producer);
                next += intervalNanos;
                sleepUntil(next);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double loadRate =
                    (loadSent.get() - loadAtStart) / ((System.nanoTime() - measuredFrom) / 1e9);
            loading = false;
            load.join(5_000);
            printResult(eventsPerSecond, loadRate, probesPerSecond, probes);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitFirstRecord(KafkaProducer<String, String> producer)
            throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            sendProbe(producer);
            Thread.sleep(1_000);
            if (!latenciesMillis.isEmpty()) {
                outstanding.clear();
                return;
            }
        }
        throw new IllegalStateException("no record reached Elasticsearch within 120 s");
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Sends generated fleet telemetry with the current time, at the given rate. */
    private void sendLoad(KafkaProducer<String, String> producer, int eventsPerSecond) {
        TelemetryGenerator generator =
                new TelemetryGenerator(7, 1_000, System.currentTimeMillis(), 0, 0, 0.001);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / eventsPerSecond;
        long next = System.nanoTime();
        while (loading) {
            String line = generator.line(System.currentTimeMillis());
            producer.send(new ProducerRecord<>(TELEMETRY_TOPIC, aidOf(line), line));
            loadSent.incrementAndGet();
            next += intervalNanos;
            sleepUntil(next);
        }
    }

    private void sendProbe(KafkaProducer<String, String> producer) {
        String host = nextHost();
        long now = System.currentTimeMillis();
        String start =
                TestEvents.process(host, "4242", TestEvents.PYTHON)
                        .commandLine("python.exe probe.py")
                        .at(now)
                        .line();
        String lookup = TestEvents.dns(host, "4242", "api.openai.com").at(now).line();
        producer.send(new ProducerRecord<>(TELEMETRY_TOPIC, host, start));
        outstanding.put(host, System.nanoTime());
        producer.send(new ProducerRecord<>(TELEMETRY_TOPIC, host, lookup));
    }

    /** Searches for the hosts of the probes not found yet, every {@link #POLL_MILLIS}. */
    private void pollElasticsearch() {
        while (true) {
            try {
                if (!outstanding.isEmpty()) {
                    for (String host : foundHosts(new ArrayList<>(outstanding.keySet()))) {
                        Long sent = outstanding.remove(host);
                        if (sent != null) {
                            latenciesMillis.add(
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("Search failed, trying again: " + e);
            }
        }
    }

    private List<String> foundHosts(List<String> hosts) throws Exception {
        String body =
                Json.mapper()
                        .writeValueAsString(
                                Map.of(
                                        "size", hosts.size(),
                                        "_source", List.of("host.id"),
                                        "query", Map.of("terms", Map.of("host.id", hosts))));
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        elasticsearchUrl
                                                + "/"
                                                + INDEX_PREFIX
                                                + "-*/_search?ignore_unavailable=true"
                                                + "&allow_no_indices=true"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        List<String> found = new ArrayList<>();
        for (JsonNode hit : Json.mapper().readTree(response.body()).path("hits").path("hits")) {
            found.add(hit.path("_source").path("host").path("id").asText());
        }
        return found;
    }

    private void printResult(int eventsPerSecond, double loadRate, int probesPerSecond, int probes)
            throws Exception {
        List<Long> sorted;
        synchronized (latenciesMillis) {
            sorted = new ArrayList<>(latenciesMillis);
        }
        Collections.sort(sorted);
        new Measurement()
                .put("measurement", "latency")
                .put("eventsPerSecond", eventsPerSecond)
                .put("sentEventsPerSecond", Math.round(loadRate))
                .put("flushIntervalMillis", flushInterval.toMillis())
                .put("probesPerSecond", probesPerSecond)
                .put("probes", probes)
                .put("found", sorted.size())
                .put("p50Millis", percentile(sorted, 0.50))
                .put("p90Millis", percentile(sorted, 0.90))
                .put("p99Millis", percentile(sorted, 0.99))
                .put("maxMillis", sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1))
                .withPeakMemory()
                .print();
    }

    /**
     * Returns the nearest-rank percentile: the smallest value with at least that share at or below.
     */
    static long percentile(List<Long> sorted, double share) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(share * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Returns a sensor id of its own for each probe: the run's start time and the probe's number.
     */
    private String nextHost() {
        return String.format(
                Locale.ROOT, "%016x%016x", runStartMillis, probesSent.getAndIncrement());
    }

    /**
     * Returns the line's sensor id, as the Kafka key, or null for a line without one (malformed).
     */
    private static String aidOf(String line) {
        int start = line.indexOf("\"aid\":\"");
        int end = start < 0 ? -1 : line.indexOf('"', start + 7);
        return end < 0 ? null : line.substring(start + 7, end);
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
