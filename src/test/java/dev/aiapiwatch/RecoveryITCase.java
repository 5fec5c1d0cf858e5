package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.RecoveryJob.RiskDocument;
import dev.aiapiwatch.testing.ElasticsearchNode;
import dev.aiapiwatch.testing.EmbeddedKafka;
import dev.aiapiwatch.testing.TestClusters;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
        RecoveryJob job = RecoveryJob.create(kafka, elasticsearch, "recovery", directory);

        List<RiskDocument> uninterrupted = job.run("recovery-clean", new SlowPassThrough());
        List<RiskDocument> recovered = job.run("recovery-failed", new FailOnceAfterCheckpoint());

        assertThat(FailOnceAfterCheckpoint.FAILED.get()).as("the failure was injected").isTrue();
        assertThat(uninterrupted).hasSize(RecoveryJob.HOSTS);
        assertThat(RecoveryJob.lookupsByHost(uninterrupted))
                .isEqualTo(RecoveryJob.expectedLookupsByHost());
        assertThat(recovered).isEqualTo(uninterrupted);
    }

    /** Fails the job once, at the first event after the first completed checkpoint. */
    static final class FailOnceAfterCheckpoint extends SlowPassThrough {

        private static final long serialVersionUID = 1L;

        /** Shared by the attempts of the job, which run in this JVM. */
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        void afterCheckpoint() {
            if (!FAILED.getAndSet(true)) {
                throw new IllegalStateException("failure injected after a checkpoint");
            }
        }
    }
}
