package dev.aiapiwatch.event;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.testing.TestEvents;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class EventRouterTest {

    private final FalconEventParser parser = new FalconEventParser(1 << 20);

    @Test
    void routesEachKindToItsOutput() throws Exception {
        try (OneInputStreamOperatorTestHarness<FalconEvent, DnsLookup> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new EventRouter())) {
            send(harness, TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0).line(), 1);
            send(harness, TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(), 2);
            send(
                    harness,
                    TestEvents.other("NetworkConnectIP4", HOST_A)
                            .set("ContextProcessId", "100")
                            .set("RemoteAddressIP4", "104.18.0.1")
                            .at(T0)
                            .line(),
                    3);
            send(harness, TestEvents.other("AgentOnline", HOST_A).at(T0).line(), 4);
            send(harness, "not json", 5);

            assertThat(harness.extractOutputValues())
                    .extracting(lookup -> lookup.domainName)
                    .containsExactly("api.openai.com");
            assertThat(harness.getSideOutput(Descriptors.PROCESS_STARTS))
                    .extracting(record -> record.getValue().targetProcessId)
                    .containsExactly("100");
            assertThat(harness.getSideOutput(Descriptors.NETWORK_CONNECTS))
                    .extracting(record -> record.getValue().remoteAddressIp4)
                    .containsExactly("104.18.0.1");
            assertThat(harness.getSideOutput(Descriptors.DEAD_LETTERS))
                    .extracting(record -> record.getValue().position)
                    .containsExactly(5L);
        }
    }

    @Test
    void countsIgnoredEventsByType() throws Exception {
        try (OneInputStreamOperatorTestHarness<FalconEvent, DnsLookup> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new EventRouter())) {
            send(harness, TestEvents.other("AgentOnline", HOST_A).at(T0).line(), 1);
            send(harness, TestEvents.other("AgentOnline", HOST_A).at(T0).line(), 2);
            send(harness, "", 3);

            assertThat(ignoredCounts(harness))
                    .containsEntry("AgentOnline", 2L)
                    .containsEntry(FalconEventParser.BLANK_LINE, 1L);
            assertThat(harness.getOutput()).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> ignoredCounts(
            OneInputStreamOperatorTestHarness<FalconEvent, DnsLookup> harness) {
        return (Map<String, Long>)
                harness.getEnvironment()
                        .getAccumulatorRegistry()
                        .getUserMap()
                        .get(RunCounters.EVENTS_IGNORED)
                        .getLocalValue();
    }

    private void send(
            OneInputStreamOperatorTestHarness<FalconEvent, DnsLookup> harness,
            String line,
            long lineNumber)
            throws Exception {
        FalconEvent event = parser.parse(line, "events.ndjson", lineNumber);
        harness.processElement(new StreamRecord<>(event, event.timestamp));
    }
}
