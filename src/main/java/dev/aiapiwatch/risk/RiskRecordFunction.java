package dev.aiapiwatch.risk;

import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.SuspiciousParents;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns the figures of a group and window into a {@link RiskRecord} each time the window fires. */
public class RiskRecordFunction
        extends ProcessWindowFunction<RiskAccumulator, RiskRecord, Tuple2<Long, Long>, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** Per window: whether a record was already written, to count distinct records. */
    private static final ValueStateDescriptor<Boolean> WRITTEN =
            new ValueStateDescriptor<>("record-written", Types.BOOLEAN);

    private transient JobCounter writes;
    private transient JobCounter records;

    @Override
    public void open(OpenContext openContext) {
        writes = JobCounter.register(getRuntimeContext(), RunCounters.RECORD_WRITES);
        records = JobCounter.register(getRuntimeContext(), RunCounters.RECORDS);
    }

    @Override
    public void process(
            Tuple2<Long, Long> groupKey,
            Context context,
            Iterable<RiskAccumulator> figures,
            Collector<RiskRecord> out)
            throws Exception {
        RiskAccumulator accumulator = figures.iterator().next();
        if (accumulator.lookupCount == 0) {
            // NOTE: the window contains only confirmations, because their lookup reached it
            // late and went to the dead letters. A record takes its times from lookups, so none
            // is written until a lookup arrives.
            return;
        }
        TimeWindow window = context.window();
        ValueState<Boolean> written = context.windowState().getState(WRITTEN);
        if (written.value() == null) {
            written.update(true);
            records.inc();
        }
        writes.inc();
        out.collect(toRecord(groupKey, accumulator, window));
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(WRITTEN).clear();
    }

    static RiskRecord toRecord(
            Tuple2<Long, Long> groupKey, RiskAccumulator accumulator, TimeWindow window) {
        RiskRecord record = new RiskRecord();
        record.id = RecordIds.of(groupKey, window.getStart(), window.getEnd());
        record.firstSeen = accumulator.firstSeen;
        record.lastSeen = accumulator.lastSeen;
        record.hostId = accumulator.aid;
        record.hostName = accumulator.hostName;
        record.hostOsType = osType(accumulator.platform);
        record.userId = accumulator.userSid;
        record.userName = accumulator.userName;
        record.processName = accumulator.processName;
        record.parentProcessName = accumulator.parentName;
        record.domain = accumulator.domain;
        record.provider = accumulator.provider;
        record.processCategory = accumulator.category;
        record.riskWeight = accumulator.maxWeight;
        record.dnsQueryCount = accumulator.lookupCount;
        record.commandLineSamples = accumulator.commandLineSamples.clone();
        record.confirmedConnections = accumulator.confirmedConnections;
        record.destinationIps = accumulator.destinationIps.clone();
        record.windowStart = window.getStart();
        record.windowEnd = window.getEnd();
        record.ruleVersion = accumulator.watchlistVersion;
        record.attribution = accumulator.attribution;
        RiskScore score =
                RiskScore.of(
                        accumulator.maxWeight,
                        accumulator.lookupCount,
                        accumulator.confirmedConnections,
                        SuspiciousParents.isSuspicious(
                                accumulator.parentName,
                                ProcessCategory.ofLabel(accumulator.category)),
                        accumulator.apiKeySeen,
                        accumulator.userWritableImage);
        record.riskScore = score.score();
        record.severity = score.severity();
        record.riskFactors = score.factors();
        return record;
    }

    /** Maps Falcon's {@code event_platform} to ECS {@code host.os.type}. */
    static String osType(String platform) {
        if (platform == null) {
            return null;
        }
        switch (platform) {
            case "Win":
                return "windows";
            case "Lin":
                return "linux";
            case "Mac":
                return "macos";
            default:
                return null;
        }
    }
}
