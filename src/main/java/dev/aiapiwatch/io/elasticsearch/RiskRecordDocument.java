package dev.aiapiwatch.io.elasticsearch;

import java.io.Serializable;

/**
 * One risk record on its way to Elasticsearch: an index request with the record's id as the
 * document id and its lookup count plus its confirmed connections as an external version.
 * Elasticsearch keeps a write only if its version is not below the stored one, so an early write
 * that arrives after the final one, or a replay of an older checkpoint, cannot overwrite newer
 * figures.
 */
public class RiskRecordDocument implements Serializable {

    private static final long serialVersionUID = 1L;

    public String index;
    public String id;

    /**
     * External version: the record's lookup count plus its confirmed connections. Both only grow
     * between writes, and a confirmation can change a record without changing its lookup count.
     */
    public long version;

    /** The document as UTF-8 JSON. */
    public byte[] source;

    /** Bulk attempts that ended in a retryable error, for the back-off. */
    public int failedAttempts;

    /**
     * Bulk requests with this document that failed as a whole (no response) since the document last
     * reached Elasticsearch, for the retry limit. Checkpoints do not keep it, so after a restart
     * each document has all its retries again.
     */
    public int failedRequests;

    public RiskRecordDocument() {}

    public RiskRecordDocument(String index, String id, long version, byte[] source) {
        this.index = index;
        this.id = id;
        this.version = version;
        this.source = source;
    }
}
