package dev.aiapiwatch.event;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.KeyedJobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits parsed telemetry by kind: DNS lookups on the main output, process starts, network
 * connections and dead letters on side outputs. Ignored lines end here, counted by type. It runs
 * chained to the source, so nothing is shuffled before irrelevant events are gone.
 */
public class EventRouter extends ProcessFunction<FalconEvent, DnsLookup> {

    private static final long serialVersionUID = 1L;

    private transient JobCounter eventsRead;
    private transient JobCounter dnsLookups;
    private transient JobCounter processStarts;
    private transient JobCounter networkConnects;
    private transient KeyedJobCounter eventsIgnored;

    @Override
    public void open(OpenContext openContext) {
        eventsRead = JobCounter.register(getRuntimeContext(), RunCounters.EVENTS_READ);
        dnsLookups = JobCounter.register(getRuntimeContext(), RunCounters.DNS_LOOKUPS);
        processStarts = JobCounter.register(getRuntimeContext(), RunCounters.PROCESS_STARTS);
        networkConnects = JobCounter.register(getRuntimeContext(), RunCounters.NETWORK_CONNECTS);
        // Event type names come from the input, so they get no metric each.
        eventsIgnored =
                KeyedJobCounter.register(
                        getRuntimeContext(), RunCounters.EVENTS_IGNORED, "type", false);
    }

    @Override
    public void processElement(FalconEvent event, Context context, Collector<DnsLookup> out) {
        eventsRead.inc();
        switch (event.kind) {
            case DNS_REQUEST:
                dnsLookups.inc();
                out.collect(event.dnsLookup);
                break;
            case PROCESS_START:
                processStarts.inc();
                context.output(Descriptors.PROCESS_STARTS, event.processStart);
                break;
            case NETWORK_CONNECT:
                networkConnects.inc();
                context.output(Descriptors.NETWORK_CONNECTS, event.networkConnect);
                break;
            case INVALID:
                context.output(Descriptors.DEAD_LETTERS, event.deadLetter);
                break;
            default:
                eventsIgnored.inc(event.ignoredType);
                break;
        }
    }
}
