package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RiskRecordDocumentSerializerTest {

    @Test
    void documentSurvivesCheckpoint() throws IOException {
        RiskRecordDocument document =
                new RiskRecordDocument(
                        "ai-api-watch-risk-2026.11.02",
                        "0123456789abcdef0123456789abcdef",
                        7,
                        "{\"id\":\"x\",\"ai_api\":{\"dns_query_count\":7}}"
                                .getBytes(StandardCharsets.UTF_8));
        document.failedAttempts = 2;
        document.failedRequests = 3;
        RiskRecordDocumentSerializer serializer = new RiskRecordDocumentSerializer();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.serializeRequestToStream(document, new DataOutputStream(bytes));
        RiskRecordDocument restored =
                serializer.deserializeRequestFromStream(
                        bytes.size(),
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(restored.index).isEqualTo(document.index);
        assertThat(restored.id).isEqualTo(document.id);
        assertThat(restored.version).isEqualTo(7);
        assertThat(restored.failedAttempts).isEqualTo(2);
        assertThat(restored.failedRequests).as("retries start again after a restore").isZero();
        assertThat(restored.source).isEqualTo(document.source);
    }

    @Test
    void indexNamedByWindowDayInUtc() {
        long lastMillisecondOfDay =
                java.time.Instant.parse("2026-11-02T23:59:59.999Z").toEpochMilli();

        assertThat(RiskRecordDocuments.indexName("risk", lastMillisecondOfDay))
                .isEqualTo("risk-2026.11.02");
        assertThat(RiskRecordDocuments.indexName("risk", lastMillisecondOfDay + 1))
                .isEqualTo("risk-2026.11.03");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        for (int attempts = 1; attempts <= 30; attempts++) {
            long exponential =
                    Math.min(
                            ElasticsearchSinkWriter.MAX_BACKOFF_MILLIS,
                            ElasticsearchSinkWriter.INITIAL_BACKOFF_MILLIS
                                    << Math.min(attempts - 1, 20));
            long backoff = ElasticsearchSinkWriter.backoffMillis(attempts);

            assertThat(backoff).isBetween(exponential / 2, exponential);
        }
    }
}
