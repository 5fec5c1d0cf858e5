package dev.aiapiwatch.io.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import dev.aiapiwatch.config.ElasticsearchOptions;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterReason;
import dev.aiapiwatch.io.DeadLetterPublisher;
import dev.aiapiwatch.metrics.UnloggedCount;
import dev.aiapiwatch.metrics.WarningInterval;
import dev.aiapiwatch.risk.RiskRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends buffered index requests as bulk requests and handles the response item by item:
 *
 * <ul>
 *   <li>indexed: done;
 *   <li>409 version conflict: Elasticsearch already holds a newer write of the record, done;
 *   <li>429 and 5xx: sent again after a capped exponential back-off;
 *   <li>401 and 403: the job fails with a message that names the user and, for 403, the privilege
 *       that Elasticsearch names, because no record can be written until the credentials or the
 *       role are fixed;
 *   <li>any other error, a mapping error say: the record goes to the dead letters with the error,
 *       so that one bad document never puts the job into a restart loop.
 * </ul>
 *
 * <p>A bulk request that fails as a whole (the cluster unreachable, say) is sent again with the
 * same back-off. The retries are counted per document, so that requests in flight at the same time
 * do not use up each other's retries: once a document has been in {@link
 * ElasticsearchOptions#maxRetries()} + 1 failed requests in a row, the job fails, and Flink
 * restarts it from its last checkpoint, which contains the buffered requests. A bulk request
 * rejected with 401 or 403 fails the job at once.
 *
 * <p>{@link WaitingRetries} sends such requests at once when the cluster responds again, or when a
 * bulk request succeeds, instead of up to {@link #MAX_BACKOFF_MILLIS} after the cluster is back. A
 * woken request that fails again counts as a failed attempt.
 */
class ElasticsearchSinkWriter extends AsyncSinkWriter<RiskRecord, RiskRecordDocument> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    static final long INITIAL_BACKOFF_MILLIS = 500;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private final ElasticsearchOptions options;
    private final RestClientTransport transport;
    private final ElasticsearchAsyncClient client;
    private final DeadLetterPublisher.Connection rejectedRecords;
    private final int maxRetries;
    private final String nodes;
    private final ScheduledExecutorService retryTimer;
    private final WaitingRetries waitingRetries;
    private volatile boolean closed;

    private final Counter indexed;
    private final Counter superseded;
    private final Counter retried;
    private final Counter rejected;
    private final Counter failedRequests;
    private final JobID job;

    /** Rejected documents not yet in a warning; guarded by this writer. */
    private final UnloggedCount unloggedRejections = new UnloggedCount();

    ElasticsearchSinkWriter(
            ElementConverter<RiskRecord, RiskRecordDocument> elementConverter,
            WriterInitContext context,
            ElasticsearchSink sink,
            ElasticsearchOptions options,
            DeadLetterPublisher.Connection rejectedRecords,
            Collection<BufferedRequestState<RiskRecordDocument>> recoveredState)
            throws IOException {
        super(
                elementConverter,
                context,
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(sink.maxBatchSize())
                        .setMaxBatchSizeInBytes(sink.maxBatchSizeInBytes())
                        .setMaxInFlightRequests(sink.maxInFlightRequests())
                        .setMaxBufferedRequests(sink.maxBufferedRequests())
                        .setMaxTimeInBufferMS(sink.maxTimeInBufferMillis())
                        .setMaxRecordSizeInBytes(sink.maxRecordSizeInBytes())
                        .build(),
                recoveredState);
        this.options = options;
        this.transport = ElasticsearchTransports.create(options);
        try {
            this.client = new ElasticsearchAsyncClient(transport);
        } catch (RuntimeException | Error e) {
            // The transport's I/O threads would otherwise keep the JVM alive.
            transport.close();
            throw e;
        }
        this.rejectedRecords = rejectedRecords;
        this.maxRetries = options.maxRetries();
        this.nodes = String.join(", ", options.urls());
        this.retryTimer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "elasticsearch-sink-retries");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.waitingRetries = new WaitingRetries(retryTimer, transport.restClient(), nodes);
        MetricGroup metrics = context.metricGroup().addGroup("elasticsearch");
        this.indexed = metrics.counter("documentsIndexed");
        this.superseded = metrics.counter("documentsSuperseded");
        this.retried = metrics.counter("documentsRetried");
        this.rejected = metrics.counter("documentsRejected");
        this.failedRequests = metrics.counter("bulkRequestsFailed");
        this.job = context.getJobInfo().getJobId();
        RejectedDocumentTally.open(job);
    }

    @Override
    protected void submitRequestEntries(
            List<RiskRecordDocument> documents, ResultHandler<RiskRecordDocument> result) {
        BulkRequest request = BulkRequest.of(bulk -> bulk.operations(operations(documents)));
        client.bulk(request)
                .whenComplete(
                        (response, error) -> {
                            if (error != null) {
                                handleFailedRequest(documents, result, error);
                            } else {
                                handleResponse(documents, response, result);
                            }
                        });
    }

    private static List<BulkOperation> operations(List<RiskRecordDocument> documents) {
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (RiskRecordDocument document : documents) {
            operations.add(
                    BulkOperation.of(
                            operation ->
                                    operation.index(
                                            index ->
                                                    index.index(document.index)
                                                            .id(document.id)
                                                            .version(document.version)
                                                            .versionType(VersionType.ExternalGte)
                                                            .document(
                                                                    BinaryData.of(
                                                                            document.source,
                                                                            "application/json")))));
        }
        return operations;
    }

    private void handleResponse(
            List<RiskRecordDocument> documents,
            BulkResponse response,
            ResultHandler<RiskRecordDocument> result) {
        List<RiskRecordDocument> again = new ArrayList<>();
        String denied = null;
        int maxAttempts = 0;
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            RiskRecordDocument document = documents.get(i);
            document.failedRequests = 0;
            int status = item.status();
            if (item.error() == null) {
                indexed.inc();
            } else if (status == 409) {
                superseded.inc();
            } else if (status == 401 || status == 403) {
                denied =
                        RejectedRequests.rejected(
                                options,
                                System.getenv(),
                                "POST /_bulk for document "
                                        + document.id
                                        + " in index "
                                        + document.index,
                                status,
                                item.error().reason());
            } else if (status == 429 || status >= 500) {
                retried.inc();
                document.failedAttempts++;
                maxAttempts = Math.max(maxAttempts, document.failedAttempts);
                again.add(document);
            } else {
                reject(document, status, item.error());
            }
        }
        if (denied != null) {
            LOG.error("Failing the job: {}", denied);
            result.completeExceptionally(new IOException(denied));
        } else if (again.isEmpty()) {
            result.complete();
            waitingRetries.wake("a bulk request succeeded");
        } else {
            LOG.warn(
                    "Elasticsearch could not take {} of {} documents now (429 or 5xx); sending"
                            + " them again",
                    again.size(),
                    documents.size());
            retryTimer.schedule(
                    () -> result.retryForEntries(again),
                    backoffMillis(maxAttempts),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void handleFailedRequest(
            List<RiskRecordDocument> documents,
            ResultHandler<RiskRecordDocument> result,
            Throwable error) {
        if (closed) {
            LOG.info(
                    "A bulk request of {} {} to Elasticsearch ended as the sink closed ({}); the"
                            + " job writes them again after it restarts from its last checkpoint",
                    documents.size(),
                    documents.size() == 1 ? "document" : "documents",
                    error.toString());
            return;
        }
        failedRequests.inc();
        String denied =
                RejectedRequests.deniedBulkRequest(
                        options, System.getenv(), error, documents.size());
        if (denied != null) {
            LOG.error("Failing the job: {}", denied);
            result.completeExceptionally(new IOException(denied, error));
            return;
        }
        int inARow = countFailedRequest(documents);
        if (inARow > maxRetries) {
            LOG.error(
                    "A bulk request to Elasticsearch at {} failed {} times in a row (the first"
                            + " attempt and {} retries); failing the job. It restarts from its last"
                            + " checkpoint if checkpointing is on (--checkpoint-interval, or the"
                            + " cluster's settings), and stops otherwise",
                    nodes,
                    inARow,
                    maxRetries,
                    error);
            result.completeExceptionally(
                    new IOException(
                            "a bulk request to Elasticsearch at "
                                    + nodes
                                    + " failed "
                                    + inARow
                                    + " times in a row (the first attempt and "
                                    + maxRetries
                                    + " retries); check that the cluster is up and reachable;"
                                    + " last error: "
                                    + error,
                            error));
            return;
        }
        long backoff = backoffMillis(inARow);
        LOG.warn(
                "A bulk request of {} {} to Elasticsearch at {} failed: {}; retry {} of {} in {}"
                        + " ms",
                documents.size(),
                documents.size() == 1 ? "document" : "documents",
                nodes,
                error.toString(),
                inARow,
                maxRetries,
                backoff);
        // The request counts as in flight until its retry runs, so a checkpoint waits for it.
        waitingRetries.schedule(() -> result.retryForEntries(documents), backoff);
    }

    /**
     * Counts a bulk request of {@code documents} that failed as a whole, and returns the maximum
     * number of failed requests in a row among them.
     */
    static int countFailedRequest(List<RiskRecordDocument> documents) {
        int inARow = 0;
        for (RiskRecordDocument document : documents) {
            document.failedRequests++;
            inARow = Math.max(inARow, document.failedRequests);
        }
        return inARow;
    }

    private void reject(RiskRecordDocument document, int status, ErrorCause error) {
        rejected.inc();
        RejectedDocumentTally.add(job);
        String message =
                "Elasticsearch rejected document "
                        + document.id
                        + " for index "
                        + document.index
                        + " with status "
                        + status
                        + ": "
                        + error.type()
                        + ": "
                        + error.reason();
        warnOfRejection(message);
        DeadLetter deadLetter =
                DeadLetter.of(
                        DeadLetterReason.REJECTED_BY_ELASTICSEARCH,
                        message,
                        new String(document.source, StandardCharsets.UTF_8),
                        "elasticsearch",
                        DeadLetter.UNKNOWN_POSITION);
        try {
            rejectedRecords.publish(deadLetter);
        } catch (IOException e) {
            LOG.error("Failed to write the dead letter of document {}", document.id, e);
        }
    }

    /** Logs a rejection at most once per {@link WarningInterval#MILLIS}, with the count since. */
    private synchronized void warnOfRejection(String latest) {
        long unlogged = unloggedRejections.add(System.currentTimeMillis());
        if (unlogged > 0) {
            LOG.warn(
                    "Elasticsearch rejected {} {} since the last warning, sent to the dead"
                            + " letters; latest: {}",
                    unlogged,
                    unlogged == 1 ? "document" : "documents",
                    latest);
        }
    }

    /** Returns the back-off after {@code attempts} failures: doubling, capped, with jitter. */
    static long backoffMillis(int attempts) {
        long exponential = INITIAL_BACKOFF_MILLIS << Math.min(attempts - 1, 20);
        long capped = Math.min(MAX_BACKOFF_MILLIS, exponential);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    @Override
    protected long getSizeInBytes(RiskRecordDocument document) {
        return document.source.length;
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(endOfInput);
        try {
            rejectedRecords.flush();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "writing rejected records to the dead letters failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        waitingRetries.close();
        long unlogged;
        synchronized (this) {
            unlogged = unloggedRejections.take();
        }
        if (unlogged > 0) {
            LOG.warn(
                    "Elasticsearch rejected {} more {} before the sink closed, sent to the dead"
                            + " letters",
                    unlogged,
                    unlogged == 1 ? "document" : "documents");
        }
        super.close();
        retryTimer.shutdownNow();
        try {
            rejectedRecords.close();
        } catch (IOException e) {
            LOG.warn("Closing the dead letters of the Elasticsearch sink failed", e);
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed", e);
        }
    }
}
