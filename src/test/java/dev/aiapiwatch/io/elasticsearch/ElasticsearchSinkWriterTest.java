package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkWriterTest {

    @Test
    void concurrentRequestsKeepTheirOwnRetries() {
        List<RiskRecordDocument> first = List.of(document("a"), document("b"));
        List<RiskRecordDocument> second = List.of(document("c"));

        for (int failure = 1; failure <= 8; failure++) {
            assertThat(ElasticsearchSinkWriter.countFailedRequest(first)).isEqualTo(failure);
            assertThat(ElasticsearchSinkWriter.countFailedRequest(second)).isEqualTo(failure);
        }
    }

    @Test
    void batchCountsItsMostFailedDocument() {
        RiskRecordDocument retried = document("a");
        ElasticsearchSinkWriter.countFailedRequest(List.of(retried));
        ElasticsearchSinkWriter.countFailedRequest(List.of(retried));
        RiskRecordDocument added = document("b");

        int inARow = ElasticsearchSinkWriter.countFailedRequest(List.of(added, retried));

        assertThat(inARow).isEqualTo(3);
        assertThat(retried.failedRequests).isEqualTo(3);
        assertThat(added.failedRequests).isEqualTo(1);
    }

    private static RiskRecordDocument document(String id) {
        return new RiskRecordDocument(
                "ai-api-watch-risk-2026.11.02", id, 1, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
