package dev.aiapiwatch;

import static dev.aiapiwatch.testing.TestEvents.CHROME;
import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.MSHTA;
import static dev.aiapiwatch.testing.TestEvents.POWERSHELL;
import static dev.aiapiwatch.testing.TestEvents.PYTHON;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_2H;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static dev.aiapiwatch.testing.TestEvents.USER_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.aiapiwatch.allowlist.Allowlist;
import dev.aiapiwatch.allowlist.AllowlistEntry;
import dev.aiapiwatch.config.ConfirmSettings;
import dev.aiapiwatch.config.DetectionSettings;
import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.io.TelemetryFiles;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.risk.RiskRecord;
import dev.aiapiwatch.testing.PerEventWatermarks;
import dev.aiapiwatch.testing.TestClusters;
import dev.aiapiwatch.testing.TestEvents;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole detection topology in a mini cluster, fed parsed lines and collected in memory. */
class DetectionTopologyITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.loopback();

    private static final DetectionSettings SETTINGS =
            new DetectionSettings(
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5),
                    WatchlistFile.builtIn(),
                    ProcessRules.builtIn());

    @Test
    void powershellLookupBecomesRecord() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", POWERSHELL)
                                .commandLine(
                                        "powershell.exe -Command Invoke-WebRequest https://api.openai.com/v1/models")
                                .set("ComputerName", "WIN-DEV-01")
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line());

        RiskRecord record = result.singleRecord();
        assertThat(record.hostId).isEqualTo(HOST_A);
        assertThat(record.hostName).isEqualTo("WIN-DEV-01");
        assertThat(record.hostOsType).isEqualTo("windows");
        assertThat(record.userId).isEqualTo(USER_SID);
        assertThat(record.processName).isEqualTo("powershell.exe");
        assertThat(record.parentProcessName).isEqualTo("explorer.exe");
        assertThat(record.domain).isEqualTo("api.openai.com");
        assertThat(record.provider).isEqualTo("OpenAI");
        assertThat(record.processCategory).isEqualTo("ScriptRuntime");
        assertThat(record.riskWeight).isEqualTo(2);
        assertThat(record.dnsQueryCount).isEqualTo(1);
        assertThat(record.firstSeen).isEqualTo(T0_PLUS_1S);
        assertThat(record.windowStart).isEqualTo(T0);
        assertThat(record.ruleVersion).isEqualTo(SETTINGS.watchlist().version);
        assertThat(record.attribution).isEqualTo("process");
        assertThat(record.riskScore).isEqualTo(40);
        assertThat(record.severity).isEqualTo(47);
        assertThat(record.riskFactors).containsExactly("category_weight");
        assertThat(record.commandLineSamples)
                .containsExactly(
                        "powershell.exe -Command Invoke-WebRequest https://api.openai.com/v1/models");
    }

    @Test
    void earlyAndFinalWritesShareId() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", MSHTA)
                                .parent("winword.exe")
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_A, "100", "api.anthropic.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_A, "100", "api.anthropic.com").at(T0_PLUS_10M).line());

        assertThat(result.records).hasSizeGreaterThanOrEqualTo(2);
        assertThat(result.records)
                .extracting(record -> record.id)
                .containsOnly(result.records.get(0).id);
        assertThat(result.records.get(0).dnsQueryCount).isEqualTo(1);
        RiskRecord last = result.singleRecord();
        assertThat(last.dnsQueryCount).isEqualTo(2);
        assertThat(last.riskWeight).isEqualTo(3);
        assertThat(last.processCategory).isEqualTo("LOLBin");
        assertThat(last.riskScore).isEqualTo(75);
        assertThat(last.severity).isEqualTo(99);
        assertThat(last.riskFactors).containsExactly("category_weight", "suspicious_parent");
        assertThat(last.lastSeen).isEqualTo(T0_PLUS_10M);
    }

    @Test
    void lookupsSplitAcrossWindows() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.stability.ai").at(T0_PLUS_30S).line(),
                        TestEvents.dns(HOST_A, "100", "api.stability.ai").at(T0_PLUS_1H + 1).line(),
                        TestEvents.dns(HOST_A, "100", "api.stability.ai")
                                .at(T0_PLUS_1H + 2)
                                .line());

        List<RiskRecord> records = result.finalRecords();
        assertThat(records)
                .extracting(record -> record.windowStart)
                .containsExactlyInAnyOrder(T0, T0_PLUS_1H);
        assertThat(records)
                .filteredOn(record -> record.windowStart == T0_PLUS_1H)
                .singleElement()
                .satisfies(record -> assertThat(record.dnsQueryCount).isEqualTo(2));
    }

    @Test
    void processEventAfterLookupAttributed() throws Exception {
        Result result =
                run(
                        TestEvents.dns(HOST_A, "100", "api.cohere.ai").at(T0_PLUS_30S).line(),
                        TestEvents.other("AgentOnline", HOST_A).at(T0_PLUS_30S + 5_000).line(),
                        TestEvents.process(
                                        HOST_A,
                                        "100",
                                        "\\Device\\HarddiskVolume3\\Windows\\System32\\cscript.exe")
                                .at(T0_PLUS_1S)
                                .line());

        RiskRecord record = result.singleRecord();
        assertThat(record.processName).isEqualTo("cscript.exe");
        assertThat(record.firstSeen).isEqualTo(T0_PLUS_30S);
    }

    @Test
    void otherHostsProcessNotUsed() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.process(HOST_B, "100", CHROME).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.mistral.ai").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_B, "100", "api.mistral.ai").at(T0_PLUS_1S).line());

        RiskRecord record = result.singleRecord();
        assertThat(record.hostId).isEqualTo(HOST_A);
        assertThat(record.processName).isEqualTo("python.exe");
        assertThat(record.attribution).isEqualTo("process");
    }

    @Test
    void secretsRedactedInRecordsAndDeadLetters() throws Exception {
        String key = "sk-proj-Zq8vX2mNcR4tY7uW1pL5kJ3hG9fD6sA0bE2cV4xN8mQ1wR7tY3uI5oP";
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", POWERSHELL)
                                .commandLine(
                                        "powershell.exe -Command \"$env:OPENAI_API_KEY='"
                                                + key
                                                + "'; ./ask.ps1\"")
                                .at(T0)
                                .line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.process(HOST_A, "101", POWERSHELL)
                                .commandLine(
                                        "powershell.exe -Command \"$env:OPENAI_API_KEY='"
                                                + key
                                                + "'\"")
                                .set("timestamp", "soon")
                                .line());

        RiskRecord record = result.singleRecord();
        assertThat(record.commandLineSamples)
                .containsExactly(
                        "powershell.exe -Command \"$env:OPENAI_API_KEY='[REDACTED]'; ./ask.ps1\"");
        assertThat(record.riskScore).isEqualTo(55);
        assertThat(record.riskFactors)
                .containsExactly("category_weight", "api_key_in_command_line");
        DeadLetter deadLetter = result.deadLetters.get(0);
        assertThat(deadLetter.reason).isEqualTo("invalid_timestamp");
        assertThat(deadLetter.raw).doesNotContain(key.substring(8, 30)).contains("[REDACTED]");
    }

    @Test
    void malformedLinesBecomeDeadLetters() throws Exception {
        Result result =
                run(
                        "{\"event_simpleName\":\"DnsRequest\",\"DomainName\":",
                        "[1,2,3]",
                        TestEvents.dns(HOST_A, "100", "api.openai.com").remove("aid").at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").line(),
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line());

        assertThat(result.deadLetters)
                .extracting(deadLetter -> deadLetter.reason)
                .containsExactlyInAnyOrder(
                        "invalid_json", "not_an_object", "missing_aid", "missing_timestamp");
        assertThat(result.deadLetters)
                .extracting(deadLetter -> deadLetter.position)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(result.singleRecord().dnsQueryCount).isEqualTo(1);
    }

    @Test
    void lateLookupBecomesDeadLetter() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0_PLUS_2H).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com")
                                .at(T0_PLUS_2H + 1_000)
                                .line(),
                        PAUSE,
                        TestEvents.process(HOST_A, "200", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "200", "api.openai.com").at(T0_PLUS_1S).line());

        assertThat(result.finalRecords())
                .singleElement()
                .satisfies(record -> assertThat(record.windowStart).isEqualTo(T0_PLUS_2H));
        assertThat(result.deadLetters)
                .singleElement()
                .satisfies(
                        deadLetter -> {
                            assertThat(deadLetter.reason).isEqualTo("late_event");
                            assertThat(deadLetter.eventTime).isEqualTo(T0_PLUS_1S);
                            assertThat(deadLetter.raw).contains("\"ContextProcessId\":\"200\"");
                        });
    }

    @Test
    void browserLookupsNotReported() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", CHROME).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line());

        assertThat(result.records).isEmpty();
    }

    @Test
    void lookupWithoutProcessReportedUnattributed() throws Exception {
        Result result =
                run(
                        TestEvents.dns(HOST_A, "100", "api.openai.com")
                                .set("ContextBaseFileName", "pwsh.exe")
                                .at(T0_PLUS_1S)
                                .line(),
                        TestEvents.dns(HOST_A, "200", "api.openai.com").at(T0_PLUS_30S).line(),
                        TestEvents.dns(HOST_A, "300", "api.openai.com")
                                .set("ContextBaseFileName", "chrome.exe")
                                .at(T0_PLUS_30S)
                                .line());

        List<RiskRecord> records = result.finalRecords();
        assertThat(records)
                .extracting(
                        record -> record.processName,
                        record -> record.processCategory,
                        record -> record.riskWeight,
                        record -> record.attribution)
                .containsExactlyInAnyOrder(
                        tuple("pwsh.exe", "ScriptRuntime", 2, "unattributed"),
                        tuple(null, "Unknown", 0, "unattributed"));
        assertThat(records).allSatisfy(record -> assertThat(record.userId).isNull());
    }

    @Test
    void processJustInsideLookbackAttributedJustOutsideNot() throws Exception {
        long lookback = SETTINGS.lookback().toMillis();
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.process(HOST_A, "200", PYTHON).at(T0 - 1).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0 + lookback).line(),
                        TestEvents.dns(HOST_A, "200", "api.openai.com").at(T0 + lookback).line());

        assertThat(result.finalRecords())
                .extracting(record -> record.attribution, record -> record.userId)
                .containsExactlyInAnyOrder(tuple("process", USER_SID), tuple("unattributed", null));
    }

    @Test
    void connectionConfirmsLookupOnRecord() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com")
                                .set("IP4Records", "104.18.0.1;104.18.0.2;")
                                .at(T0_PLUS_1S)
                                .line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.2")
                                .at(T0_PLUS_1S + 30_000)
                                .line());

        RiskRecord record = result.singleRecord();
        assertThat(record.dnsQueryCount).isEqualTo(1);
        assertThat(record.confirmedConnections).isEqualTo(1);
        assertThat(record.destinationIps).containsExactly("104.18.0.2");
        assertThat(record.firstSeen).isEqualTo(T0_PLUS_1S);
        assertThat(record.lastSeen).isEqualTo(T0_PLUS_1S);
        assertThat(record.commandLineSamples).containsExactly("python.exe");
        assertThat(result.count(RunCounters.CONFIRMED_CONNECTIONS)).isEqualTo(1);
        assertThat(result.count(RunCounters.LATE_CONFIRMATION_INPUTS)).isZero();
        assertThat(result.count(RunCounters.UNATTRIBUTED_LOOKUPS)).isZero();
        assertThat(result.count(RunCounters.ATTRIBUTED_LOOKUPS)).isEqualTo(1);
        assertThat(result.deadLetters).isEmpty();
    }

    @Test
    void lookupWithoutAddressesUnconfirmed() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com")
                                .remove("IP4Records")
                                .at(T0_PLUS_1S)
                                .line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1").at(T0_PLUS_30S).line());

        RiskRecord record = result.singleRecord();
        assertThat(record.dnsQueryCount).isEqualTo(1);
        assertThat(record.confirmedConnections).isZero();
        assertThat(record.destinationIps).isEmpty();
        assertThat(result.count(RunCounters.CONFIRMED_CONNECTIONS)).isZero();
        assertThat(result.deadLetters).isEmpty();
    }

    @Test
    void onlyOutboundTcpToAllowedPortConfirms() throws Exception {
        DetectionSettings httpsOnly =
                SETTINGS.withConfirm(new ConfirmSettings(Duration.ofMinutes(2), Set.of(443)));
        Result result =
                run(
                        httpsOnly,
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1")
                                .set("ConnectionDirection", "1")
                                .at(T0_PLUS_1S + 1_000)
                                .line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1")
                                .set("Protocol", "17")
                                .at(T0_PLUS_1S + 2_000)
                                .line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1")
                                .set("RemotePort", "8443")
                                .at(T0_PLUS_1S + 3_000)
                                .line(),
                        TestEvents.connect(HOST_A, "100", "104.18.0.1")
                                .at(T0_PLUS_1S + 4_000)
                                .line());

        RiskRecord record = result.singleRecord();
        assertThat(record.confirmedConnections).isEqualTo(1);
        assertThat(record.destinationIps).containsExactly("104.18.0.1");
        assertThat(result.count(RunCounters.CONFIRMED_CONNECTIONS)).isEqualTo(1);
    }

    @Test
    void lateConnectionCounted() throws Exception {
        Result result =
                run(
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_B, "200", "example.com").at(T0_PLUS_10M).line(),
                        PAUSE,
                        TestEvents.connect(HOST_A, "100", "104.18.0.1").at(T0_PLUS_30S).line());

        RiskRecord record = result.singleRecord();
        assertThat(record.dnsQueryCount).isEqualTo(1);
        assertThat(record.confirmedConnections).isZero();
        assertThat(result.count(RunCounters.LATE_CONFIRMATION_INPUTS)).isEqualTo(1);
        assertThat(result.count(RunCounters.CONFIRMED_CONNECTIONS)).isZero();
        assertThat(result.deadLetters).isEmpty();
    }

    @Test
    void allowlistedLookupCreatesNoRecord() throws Exception {
        AllowlistEntry entry = new AllowlistEntry();
        entry.id = "host-b-python";
        entry.owner = "ds-platform@example.com";
        entry.expires = "2027-03-31";
        entry.host = HOST_B;
        entry.processName = "python.exe";
        DetectionSettings settings =
                SETTINGS.withAllowlist(Allowlist.of(List.of(), List.of(entry)));

        Result result =
                run(
                        settings,
                        TestEvents.process(HOST_A, "100", PYTHON).at(T0).line(),
                        TestEvents.process(HOST_B, "200", PYTHON).at(T0).line(),
                        TestEvents.dns(HOST_A, "100", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_1S).line(),
                        TestEvents.dns(HOST_B, "200", "api.openai.com").at(T0_PLUS_30S).line());

        RiskRecord record = result.singleRecord();
        assertThat(record.hostId).isEqualTo(HOST_A);
        assertThat(record.dnsQueryCount).isEqualTo(1);
        assertThat(result.counters.get(RunCounters.SUPPRESSED_LOOKUPS_BY_ENTRY))
                .isEqualTo(Map.of("host-b-python", 2L));
        assertThat(result.counters.get(RunCounters.SUPPRESSED_LOOKUPS)).isEqualTo(2L);
        assertThat(result.counters.get(RunCounters.ATTRIBUTED_LOOKUPS)).isEqualTo(3L);
        assertThat(result.deadLetters).isEmpty();
    }

    /**
     * A line at which the test source waits, so that the watermark of the lines before it reaches
     * every operator before the lines after it are read.
     */
    private static final String PAUSE = TestEvents.other("TestPause", HOST_A).line();

    /** Runs the topology on {@code lines} and collects everything it writes. */
    private static Result run(String... lines) throws Exception {
        return run(SETTINGS, lines);
    }

    /** Runs the topology with {@code settings} on {@code lines}. */
    private static Result run(DetectionSettings settings, String... lines) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(TestClusters.jobConfiguration());
        env.setParallelism(TestClusters.SLOTS);
        FalconEventParser parser = new FalconEventParser(1 << 20);
        List<FalconEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(parser.parse(lines[i], "test-input", i + 1));
        }
        DataStream<FalconEvent> telemetry =
                env.fromData(events, TypeInformation.of(FalconEvent.class))
                        .map(DetectionTopologyITCase::waitAtPause)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                PerEventWatermarks.boundedOutOfOrderness(
                                        settings.maxOutOfOrderness()))
                        .setParallelism(1);
        DetectionOutputs outputs =
                DetectionTopology.build(telemetry, TelemetryFiles.noConfigUpdates(env), settings);
        CloseableIterator<RiskRecord> records = outputs.riskRecords().collectAsync();
        CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync();
        JobExecutionResult execution = env.execute("detection topology test");
        return new Result(
                toList(records), toList(deadLetters), execution.getAllAccumulatorResults());
    }

    private static FalconEvent waitAtPause(FalconEvent event) throws InterruptedException {
        if ("TestPause".equals(event.ignoredType)) {
            // Several times Flink's default network buffer timeout of 100 ms.
            Thread.sleep(1_000);
        }
        return event;
    }

    private static <T> List<T> toList(CloseableIterator<T> iterator) throws Exception {
        List<T> list = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(list::add);
        }
        return list;
    }

    private static final class Result {
        final List<RiskRecord> records;
        final List<DeadLetter> deadLetters;
        final Map<String, Object> counters;

        Result(
                List<RiskRecord> records,
                List<DeadLetter> deadLetters,
                Map<String, Object> counters) {
            this.records = records;
            this.deadLetters = deadLetters;
            this.counters = counters;
        }

        /** Returns the job counter {@code name}, 0 when no operator registered it. */
        long count(String name) {
            Object value = counters.get(name);
            return value instanceof Number ? ((Number) value).longValue() : 0;
        }

        /** Returns the last write of each record. */
        List<RiskRecord> finalRecords() {
            Map<String, RiskRecord> byId = new LinkedHashMap<>();
            for (RiskRecord record : records) {
                byId.remove(record.id);
                byId.put(record.id, record);
            }
            return new ArrayList<>(byId.values());
        }

        RiskRecord singleRecord() {
            List<RiskRecord> finals = finalRecords();
            assertThat(finals).hasSize(1);
            return finals.get(0);
        }
    }
}
