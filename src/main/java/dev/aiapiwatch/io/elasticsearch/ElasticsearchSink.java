package dev.aiapiwatch.io.elasticsearch;

import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.io.DeadLetterPublisher;
import dev.aiapiwatch.risk.RiskRecord;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes risk records to Elasticsearch with bulk index requests, on Flink's async sink base, so
 * that requests still buffered at a checkpoint are part of it. No official Elasticsearch connector
 * is published for Flink 2, hence this one, on the official Elastic Java client.
 */
public class ElasticsearchSink extends AsyncSinkBase<RiskRecord, RiskRecordDocument> {

    private static final long serialVersionUID = 1L;

    /** Bulk requests of one writer in flight at once. */
    static final int MAX_IN_FLIGHT_REQUESTS = 4;

    /** Largest bulk request, in bytes of documents. */
    static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;

    /** Largest document; records keep at most five command lines of bounded length. */
    static final long MAX_DOCUMENT_BYTES = 1024L * 1024;

    private final ElasticsearchOptions options;
    private final DeadLetterPublisher rejectedRecords;

    public ElasticsearchSink(ElasticsearchOptions options, DeadLetterPublisher rejectedRecords) {
        super(
                new RiskRecordDocuments(options.indexPrefix()),
                options.bulkActions(),
                MAX_IN_FLIGHT_REQUESTS,
                options.bulkActions() * 10,
                MAX_BATCH_BYTES,
                options.flushInterval().toMillis(),
                MAX_DOCUMENT_BYTES);
        this.options = options;
        this.rejectedRecords = rejectedRecords;
    }

    @Override
    public StatefulSinkWriter<RiskRecord, BufferedRequestState<RiskRecordDocument>> createWriter(
            WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<RiskRecord, BufferedRequestState<RiskRecordDocument>> restoreWriter(
            WriterInitContext context,
            Collection<BufferedRequestState<RiskRecordDocument>> recoveredState)
            throws IOException {
        return new ElasticsearchSinkWriter(
                getElementConverter(),
                context,
                this,
                options,
                rejectedRecords.open(),
                recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<RiskRecordDocument>>
            getWriterStateSerializer() {
        return new RiskRecordDocumentSerializer();
    }

    int maxBatchSize() {
        return getMaxBatchSize();
    }

    int maxInFlightRequests() {
        return getMaxInFlightRequests();
    }

    int maxBufferedRequests() {
        return getMaxBufferedRequests();
    }

    long maxBatchSizeInBytes() {
        return getMaxBatchSizeInBytes();
    }

    long maxTimeInBufferMillis() {
        return getMaxTimeInBufferMS();
    }

    long maxRecordSizeInBytes() {
        return getMaxRecordSizeInBytes();
    }
}
