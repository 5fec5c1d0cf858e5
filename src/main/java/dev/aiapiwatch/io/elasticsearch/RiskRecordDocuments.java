package dev.aiapiwatch.io.elasticsearch;

import dev.aiapiwatch.io.RiskRecordJson;
import dev.aiapiwatch.risk.RiskRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Turns risk records into index requests for daily indices named by window start (UTC). */
public class RiskRecordDocuments implements ElementConverter<RiskRecord, RiskRecordDocument> {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String indexPrefix;

    public RiskRecordDocuments(String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    @Override
    public RiskRecordDocument apply(RiskRecord record, SinkWriter.Context context) {
        return new RiskRecordDocument(
                indexName(indexPrefix, record.windowStart),
                record.id,
                record.dnsQueryCount + record.confirmedConnections,
                RiskRecordJson.toJson(record).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns {@code <indexPrefix>-yyyy.MM.dd} for the UTC day of {@code windowStart}. */
    public static String indexName(String indexPrefix, long windowStart) {
        return indexPrefix + "-" + DAY.format(Instant.ofEpochMilli(windowStart));
    }
}
