package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.config.JobOptions;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.io.FileDeadLetterPublisher;
import dev.aiapiwatch.io.elasticsearch.ElasticsearchSink;
import dev.aiapiwatch.io.elasticsearch.RiskIndexTemplate;
import dev.aiapiwatch.io.kafka.KafkaStreams;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The Kafka-to-Elasticsearch job of the recovery tests, on generated telemetry whose result is
 * known: one document per host that counts the host's lookups. Each test puts a {@link
 * SlowPassThrough} of its own between the telemetry source and the detection, to disturb the job
 * after a checkpoint, and compares the documents with those of a run without disturbance.
 */
final class RecoveryJob {

    static final int HOSTS = 10;
    static final int PROCESSES = 300;

    private final EmbeddedKafka kafka;
    private final ElasticsearchNode elasticsearch;
    private final String topicPrefix;
    private final Path directory;

    private RecoveryJob(
            EmbeddedKafka kafka,
            ElasticsearchNode elasticsearch,
            String topicPrefix,
            Path directory) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.topicPrefix = topicPrefix;
        this.directory = directory;
    }

    /**
     * Creates the topics {@code <topicPrefix>-telemetry} (two partitions, half of the telemetry
     * each), {@code -config} and {@code -dead-letters}, and sends the {@link #telemetry()}.
     * Documents that Elasticsearch rejects go to files in {@code directory}.
     */
    static RecoveryJob create(
            EmbeddedKafka kafka,
            ElasticsearchNode elasticsearch,
            String topicPrefix,
            Path directory)
            throws Exception {
        kafka.createTopic(topicPrefix + "-telemetry", 2, Map.of());
        kafka.createTopic(topicPrefix + "-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(topicPrefix + "-dead-letters", 1, Map.of());
        List<String> events = telemetry();
        kafka.sendValues(topicPrefix + "-telemetry", 0, events.subList(0, events.size() / 2));
        kafka.sendValues(
                topicPrefix + "-telemetry", 1, events.subList(events.size() / 2, events.size()));
        return new RecoveryJob(kafka, elasticsearch, topicPrefix, directory);
    }

    /**
     * Returns {@link #PROCESSES} Python process starts, one second apart and spread over {@link
     * #HOSTS} hosts, each followed by one to three lookups of api.openai.com.
     *
     * <p>NOTE: all events fall in one one-hour window, which closes only at the end of the input,
     * after the disturbance. The last write of every document therefore comes from the recovered
     * job, and a write lost from the Elasticsearch sink's buffer before the disturbance would not
     * show in the documents.
     */
    static List<String> telemetry() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String process = Integer.toString(1000 + i);
            events.add(TestEvents.process(host(i), process, PYTHON).at(T0 + i * 1_000L).line());
            for (int lookup = 0; lookup < lookups(i); lookup++) {
                events.add(
                        TestEvents.dns(host(i), process, "api.openai.com")
                                .at(T0 + i * 1_000L + 500 + lookup)
                                .line());
            }
        }
        return events;
    }

    /** Returns the lookups of each host in the {@link #telemetry()}, by host id. */
    static Map<String, Long> expectedLookupsByHost() {
        Map<String, Long> lookups = new TreeMap<>();
        for (int i = 0; i < PROCESSES; i++) {
            lookups.merge(host(i), (long) lookups(i), Long::sum);
        }
        return lookups;
    }

    private static String host(int process) {
        return String.format("%032x", 0xabcL + process % HOSTS);
    }

    private static int lookups(int process) {
        return process % 3 + 1;
    }

    /**
     * Returns an environment with the job: parallelism 2, a checkpoint every 200 ms, and up to
     * three restarts 200 ms apart. The job reads the telemetry topic from its beginning to its end,
     * passes the events through {@code step}, and writes to the indices {@code <indexPrefix>-*}.
     * This method deletes those indices first.
     */
    StreamExecutionEnvironment environment(String indexPrefix, SlowPassThrough step)
            throws Exception {
        elasticsearch.deleteAll(indexPrefix + "*");
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--telemetry-topic",
                            topicPrefix + "-telemetry",
                            "--config-topic",
                            topicPrefix + "-config",
                            "--dead-letter-topic",
                            topicPrefix + "-dead-letters",
                            "--kafka-group-id",
                            indexPrefix,
                            "--starting-offsets",
                            "earliest",
                            "--stop-at-latest",
                            "--elasticsearch-url",
                            elasticsearch.url(),
                            "--elasticsearch-index-prefix",
                            indexPrefix,
                            "--elasticsearch-flush-interval",
                            "100ms"
                        });
        RiskIndexTemplate.prepare(options.elasticsearch());
        Configuration config = TestClusters.jobConfiguration();
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "3");
        config.setString("restart-strategy.fixed-delay.delay", "200ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(200);

        DataStream<FalconEvent> telemetry =
                KafkaStreams.telemetry(
                                env,
                                options.kafka(),
                                new FalconEventParser(options.maxLineLength()),
                                options.detectionSettings().maxOutOfOrderness(),
                                options.idleTimeout())
                        .map(step)
                        .returns(FalconEvent.class);
        DetectionOutputs outputs =
                DetectionTopology.build(
                        telemetry,
                        KafkaStreams.configUpdates(env, options.kafka()),
                        options.detectionSettings());
        outputs.riskRecords()
                .sinkTo(
                        new ElasticsearchSink(
                                options.elasticsearch(),
                                new FileDeadLetterPublisher(
                                        directory.resolve(indexPrefix + "-rejected.ndjson"))));
        outputs.deadLetters().sinkTo(new DiscardingSink<>());
        return env;
    }

    /** Runs the job to its end and returns the documents it wrote. */
    List<RiskDocument> run(String indexPrefix, SlowPassThrough step) throws Exception {
        environment(indexPrefix, step).execute("recovery test " + indexPrefix);
        return documents(indexPrefix);
    }

    /** Returns the documents of the indices {@code <indexPrefix>-*}, sorted by id. */
    List<RiskDocument> documents(String indexPrefix) throws Exception {
        List<RiskDocument> documents = new ArrayList<>();
        for (JsonNode document : elasticsearch.documents(indexPrefix + "-*")) {
            documents.add(
                    new RiskDocument(
                            document.path("_id").asText(),
                            document.at("/_source/host/id").asText(),
                            document.at("/_source/ai_api/dns_query_count").asLong()));
        }
        documents.sort((left, right) -> left.id().compareTo(right.id()));
        return documents;
    }

    /** Returns the lookups of each host in {@code documents}, summed over its documents. */
    static Map<String, Long> lookupsByHost(List<RiskDocument> documents) {
        Map<String, Long> lookups = new TreeMap<>();
        for (RiskDocument document : documents) {
            lookups.merge(document.hostId(), document.lookups(), Long::sum);
        }
        return lookups;
    }

    /** The figures of a risk record document that a recovery must keep. */
    record RiskDocument(String id, String hostId, long lookups) {}
}
