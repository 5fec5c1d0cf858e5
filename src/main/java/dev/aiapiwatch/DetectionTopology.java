package dev.aiapiwatch;

import dev.aiapiwatch.allowlist.AllowlistFunction;
import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.confirm.ConnectionConfirmation;
import dev.aiapiwatch.correlate.AttributedLookup;
import dev.aiapiwatch.correlate.LookupProcessJoin;
import dev.aiapiwatch.correlate.ProcessKeys;
import dev.aiapiwatch.detectionconfig.DetectionConfigUpdate;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.DeadLetterCounter;
import dev.aiapiwatch.event.DnsLookup;
import dev.aiapiwatch.event.EventRouter;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.event.ProcessStart;
import dev.aiapiwatch.inventory.HostNameFill;
import dev.aiapiwatch.inventory.InventoryEntry;
import dev.aiapiwatch.inventory.InventoryKeys;
import dev.aiapiwatch.inventory.InventoryRouter;
import dev.aiapiwatch.inventory.UserNameFill;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.process.ProcessClassifier;
import dev.aiapiwatch.process.WatchedProcess;
import dev.aiapiwatch.risk.EarlyAndFinalTrigger;
import dev.aiapiwatch.risk.LateLookups;
import dev.aiapiwatch.risk.LookupTimeWindows;
import dev.aiapiwatch.risk.RiskAggregate;
import dev.aiapiwatch.risk.RiskGroupKey;
import dev.aiapiwatch.risk.RiskRecord;
import dev.aiapiwatch.risk.RiskRecordFunction;
import dev.aiapiwatch.watchlist.AiLookup;
import dev.aiapiwatch.watchlist.WatchlistMatchFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The detection, from parsed telemetry to risk records, with no sources or sinks: the job adds
 * files, Kafka or Elasticsearch around it, and tests feed it bounded streams.
 */
public final class DetectionTopology {

    private DetectionTopology() {}

    /** Builds the detection without aidmaster and userinfo entries. */
    public static DetectionOutputs build(
            DataStream<FalconEvent> telemetry,
            DataStream<DetectionConfigUpdate> configUpdates,
            DetectionSettings settings) {
        return build(telemetry, configUpdates, null, settings);
    }

    /**
     * Builds the detection.
     *
     * @param telemetry parsed Falcon events with timestamps and watermarks assigned
     * @param configUpdates changes to the watch list and the allowlist while the job runs; may be
     *     empty
     * @param inventory aidmaster and userinfo entries that name hosts and users, or null to leave
     *     out the name stages. Its watermarks decide how long lookups wait for a name.
     */
    public static DetectionOutputs build(
            DataStream<FalconEvent> telemetry,
            DataStream<DetectionConfigUpdate> configUpdates,
            DataStream<InventoryEntry> inventory,
            DetectionSettings settings) {
        long windowMillis = settings.window().toMillis();
        // No operator of the detection changes a record it receives or emits, so chained
        // operators may hand records on without a defensive copy.
        telemetry.getExecutionEnvironment().getConfig().enableObjectReuse();

        // At the parallelism of the source, so that it chains to it: ignored lines end here
        // without crossing the network, and dead letters keep the order of their input.
        SingleOutputStreamOperator<DnsLookup> lookups =
                telemetry
                        .process(new EventRouter())
                        .setParallelism(telemetry.getParallelism())
                        .uid("route-events")
                        .name("Route events by type");
        DataStream<ProcessStart> processStarts = lookups.getSideOutput(Descriptors.PROCESS_STARTS);
        DataStream<NetworkConnect> connects = lookups.getSideOutput(Descriptors.NETWORK_CONNECTS);
        DataStream<DeadLetter> unparsable = lookups.getSideOutput(Descriptors.DEAD_LETTERS);

        BroadcastStream<DetectionConfigUpdate> watchlist =
                configUpdates.broadcast(Descriptors.WATCHLIST);
        SingleOutputStreamOperator<AiLookup> aiLookups =
                lookups.connect(watchlist)
                        .process(new WatchlistMatchFunction(settings.watchlist()))
                        .uid("match-watchlist")
                        .name("Match AI API domains");

        SingleOutputStreamOperator<WatchedProcess> classifiedProcesses =
                processStarts
                        .flatMap(new ProcessClassifier(settings.processRules()))
                        .uid("classify-processes")
                        .name("Classify processes");

        DataStream<AiLookup> confirmations =
                ConnectionConfirmation.build(aiLookups, connects, settings.confirm());

        // Confirmations take the lookups' way through the join, so that each is attributed to its
        // process and counted in its lookup's risk group and window.
        SingleOutputStreamOperator<AttributedLookup> attributedLookups =
                aiLookups
                        .union(confirmations)
                        .keyBy(ProcessKeys::ofLookup, HashedKey.TYPE)
                        .connect(classifiedProcesses.keyBy(ProcessKeys::ofProcess, HashedKey.TYPE))
                        .process(
                                new LookupProcessJoin(
                                        settings.lookback(),
                                        settings.maxOutOfOrderness(),
                                        settings.processRules()),
                                TypeInformation.of(AttributedLookup.class))
                        .uid("join-lookups-processes")
                        .name("Attribute lookups to processes");

        // Names from the aidmaster and userinfo tables, between the join and the windows, so that
        // every later stage has them. Without those inputs the stages are left out.
        DataStream<AttributedLookup> namedLookups = attributedLookups;
        DataStream<DeadLetter> rejectedEntries = null;
        if (inventory != null) {
            SingleOutputStreamOperator<InventoryEntry> aidmasterEntries =
                    inventory
                            .process(new InventoryRouter())
                            .setParallelism(inventory.getParallelism())
                            .uid("route-aidmaster-userinfo")
                            .name("Route table entries");
            rejectedEntries = aidmasterEntries.getSideOutput(Descriptors.DEAD_LETTERS);
            namedLookups =
                    fillNames(
                            attributedLookups,
                            aidmasterEntries,
                            aidmasterEntries.getSideOutput(Descriptors.USERINFO_ENTRIES));
        }

        // After the names, so that allowlist entries can name hosts and users.
        SingleOutputStreamOperator<AttributedLookup> lookupsToReport =
                suppressAllowlisted(namedLookups, configUpdates, settings);

        SingleOutputStreamOperator<RiskRecord> riskRecords =
                summariseRiskWindows(lookupsToReport, settings);

        DataStream<DeadLetter> lateLookups =
                riskRecords
                        .getSideOutput(Descriptors.LATE_LOOKUPS)
                        .map(late -> LateLookups.toDeadLetter(late, windowMillis))
                        .returns(DeadLetter.class)
                        .uid("late-lookups-as-dead-letters")
                        .name("Late lookups as dead letters");

        DataStream<DeadLetter> rejectedUpdates = aiLookups.getSideOutput(Descriptors.DEAD_LETTERS);
        DataStream<DeadLetter> rejectedAllowlistUpdates =
                lookupsToReport.getSideOutput(Descriptors.DEAD_LETTERS);

        DataStream<DeadLetter> rejected =
                unparsable.union(rejectedUpdates, rejectedAllowlistUpdates, lateLookups);
        if (rejectedEntries != null) {
            rejected = rejected.union(rejectedEntries);
        }
        DataStream<DeadLetter> deadLetters =
                rejected.map(new DeadLetterCounter())
                        .uid("count-dead-letters")
                        .name("Count dead letters");

        return new DetectionOutputs(riskRecords, deadLetters);
    }

    /**
     * Drops the attributed lookups that an active allowlist entry matches, counting them per entry,
     * and applies the allowlist and host-group updates of {@code configUpdates}. Invalid updates go
     * to {@link Descriptors#DEAD_LETTERS} of the returned stream.
     */
    public static SingleOutputStreamOperator<AttributedLookup> suppressAllowlisted(
            DataStream<AttributedLookup> attributedLookups,
            DataStream<DetectionConfigUpdate> configUpdates,
            DetectionSettings settings) {
        BroadcastStream<DetectionConfigUpdate> allowlist =
                configUpdates.broadcast(Descriptors.ALLOWLIST);
        return attributedLookups
                .connect(allowlist)
                .process(
                        new AllowlistFunction(
                                settings.allowlist(), settings.allowlistSummaryInterval()))
                .uid("suppress-allowlisted")
                .name("Suppress allowlisted lookups");
    }

    /**
     * Fills host names from aidmaster entries, keyed by aid, then user names from userinfo entries,
     * keyed by Windows SID. A lookup whose name is not known yet waits until the watermark passes
     * its time, so the watermarks of the entries decide how long it can wait.
     */
    public static SingleOutputStreamOperator<AttributedLookup> fillNames(
            DataStream<AttributedLookup> attributedLookups,
            DataStream<InventoryEntry> aidmasterEntries,
            DataStream<InventoryEntry> userinfoEntries) {
        SingleOutputStreamOperator<AttributedLookup> withHostNames =
                attributedLookups
                        .keyBy(InventoryKeys::ofHost, HashedKey.TYPE)
                        .connect(aidmasterEntries.keyBy(InventoryKeys::ofEntry, HashedKey.TYPE))
                        .process(new HostNameFill(), TypeInformation.of(AttributedLookup.class))
                        .uid("fill-host-names")
                        .name("Fill host names from aidmaster");

        return withHostNames
                .keyBy(InventoryKeys::ofUser, HashedKey.TYPE)
                .connect(userinfoEntries.keyBy(InventoryKeys::ofEntry, HashedKey.TYPE))
                .process(new UserNameFill(), TypeInformation.of(AttributedLookup.class))
                .uid("fill-user-names")
                .name("Fill user names from userinfo");
    }

    /**
     * Summarises attributed lookups per risk group in tumbling windows placed by lookup time.
     * Lookups that arrive after their window has closed go to {@link Descriptors#LATE_LOOKUPS}.
     */
    public static SingleOutputStreamOperator<RiskRecord> summariseRiskWindows(
            DataStream<AttributedLookup> attributedLookups, DetectionSettings settings) {
        // The join emits a lookup late when its process event arrives after the window has closed,
        // and a Kafka partition that resumes after being idle can send lookups behind the
        // watermark of the others. The allowed lateness keeps windows open for both.
        return attributedLookups
                .keyBy(RiskGroupKey::of, HashedKey.TYPE)
                .window(new LookupTimeWindows(settings.window()))
                .trigger(new EarlyAndFinalTrigger<>())
                .allowedLateness(settings.windowLateness())
                .sideOutputLateData(Descriptors.LATE_LOOKUPS)
                .aggregate(new RiskAggregate(), new RiskRecordFunction())
                .uid("risk-windows")
                .name("Summarise risk per window");
    }
}
