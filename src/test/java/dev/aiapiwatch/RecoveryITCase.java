package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails after a completed checkpoint recovers from it and writes the same documents to
 * Elasticsearch as a run without the failure: none missing, none counted twice.
 */
class RecoveryITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final int HOSTS = 10;
    private static final int PROCESSES = 300;

    private static EmbeddedKafka kafka;
    private static ElasticsearchNode elasticsearch;

    @TempDir Path directory;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        elasticsearch = ElasticsearchNode.shared();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void failureAfterCheckpointChangesNoDocument() throws Exception {
        kafka.createTopic("recovery-telemetry", 2, Map.of());
        kafka.createTopic("recovery-config", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("recovery-dead-letters", 1, Map.of());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String host = String.format("%032x", 0xabcL + i % HOSTS);
            String process = Integer.toString(1000 + i);
            events.add(TestEvents.process(host, process, PYTHON).at(T0 + i * 1_000L).line());
            for (int lookup = 0; lookup <= i % 3; lookup++) {
                events.add(
                        TestEvents.dns(host, process, "api.openai.com")
                                .at(T0 + i * 1_000L + 500 + lookup)
                                .line());
            }
        }
        kafka.sendValues("recovery-telemetry", 0, events.subList(0, events.size() / 2));
        kafka.sendValues("recovery-telemetry", 1, events.subList(events.size() / 2, events.size()));

        Map<String, Long> uninterrupted = run("recovery-clean", false);
        Map<String, Long> recovered = run("recovery-failed", true);

        assertThat(FailOnceAfterCheckpoint.FAILED.get()).as("the failure was injected").isTrue();
        assertThat(uninterrupted).hasSize(HOSTS);
        assertThat(uninterrupted.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(events.size() - PROCESSES);
        assertThat(recovered).isEqualTo(uninterrupted);
    }

    /** Runs the detection on the topic once and returns the lookup count of each document id. */
    private Map<String, Long> run(String indexPrefix, boolean injectFailure) throws Exception {
        elasticsearch.deleteAll(indexPrefix + "*");
        JobOptions options =
                JobOptions.parse(
                        new String[] {
                            "--kafka-bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--telemetry-topic",
                            "recovery-telemetry",
                            "--config-topic",
                            "recovery-config",
                            "--dead-letter-topic",
                            "recovery-dead-letters",
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
                        .map(new FailOnceAfterCheckpoint(injectFailure))
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
        JobExecutionResult result = env.execute("recovery test");
        assertThat(result).isNotNull();

        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode document : elasticsearch.documents(indexPrefix + "-*")) {
            counts.put(
                    document.path("_id").asText(),
                    document.at("/_source/ai_api/dns_query_count").asLong());
        }
        return counts;
    }

    /**
     * Passes events on, slowly enough for checkpoints to complete mid-stream, and fails once after
     * the first completed checkpoint when asked to.
     */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<FalconEvent, FalconEvent>
            implements CheckpointListener {

        private static final long serialVersionUID = 1L;

        /** Shared by the attempts of the job, which run in this JVM. */
        static final AtomicBoolean FAILED = new AtomicBoolean();

        private final boolean injectFailure;
        private transient boolean checkpointed;
        private transient long seen;

        FailOnceAfterCheckpoint(boolean injectFailure) {
            this.injectFailure = injectFailure;
        }

        @Override
        public FalconEvent map(FalconEvent event) throws Exception {
            seen++;
            if (seen % 2 == 0) {
                Thread.sleep(5);
            }
            if (injectFailure && checkpointed && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("failure injected after a checkpoint");
            }
            return event;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
