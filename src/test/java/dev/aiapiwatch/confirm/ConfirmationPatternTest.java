package dev.aiapiwatch.confirm;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.HOST_B;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_10M;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_1S;
import static dev.aiapiwatch.testing.TestEvents.T0_PLUS_30S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CEP operator of the confirmation as the stage configures it, driven by a test harness. */
class ConfirmationPatternTest {

    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final long WITHIN_MILLIS = WITHIN.toMillis();
    private static final String OPENAI_ADDRESS = "104.18.0.1";
    private static final String OTHER_OPENAI_ADDRESS = "172.66.0.243";
    private static final String UNRELATED_ADDRESS = "140.82.112.3";

    private KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, Long>, ConfirmationInput, AiLookup>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        cepOperator(), ConnectionConfirmation::processAddressKey, HashedKey.TYPE);
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void connectionInTimeConfirms() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS, OTHER_OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_30S, OTHER_OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_30S));

        List<StreamRecord<? extends AiLookup>> records = harness.extractOutputStreamRecords();
        assertThat(records).hasSize(1);
        AiLookup confirmation = records.get(0).getValue();
        assertThat(confirmation.confirmedAddress).isEqualTo(OTHER_OPENAI_ADDRESS);
        assertThat(confirmation.timestamp).isEqualTo(T0);
        assertThat(confirmation.aid).isEqualTo(HOST_A);
        assertThat(confirmation.contextProcessId).isEqualTo("100");
        assertThat(confirmation.domain).isEqualTo("api.openai.com");
        assertThat(confirmation.provider).isEqualTo("OpenAI");
        assertThat(records.get(0).getTimestamp()).isEqualTo(T0_PLUS_30S);
        assertDrainsAfter(T0_PLUS_30S);
    }

    @Test
    void connectionAtLimitConfirms() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0 + WITHIN_MILLIS, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0 + WITHIN_MILLIS));

        assertThat(confirmedAddresses()).containsExactly(OPENAI_ADDRESS);
        assertDrainsAfter(T0 + WITHIN_MILLIS);
    }

    @Test
    void connectionJustAfterLimitUnconfirmed() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0 + WITHIN_MILLIS + 1, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0 + WITHIN_MILLIS + 1));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertDrainsAfter(T0 + WITHIN_MILLIS + 1);
    }

    @Test
    void connectionInLookupMillisecondConfirms() throws Exception {
        // The connection arrives first; the operator still puts the lookup before it.
        connection(HOST_A, "100", T0, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0));

        assertThat(confirmedAddresses()).containsExactly(OPENAI_ADDRESS);
        assertDrainsAfter(T0);
    }

    @Test
    void connectionBeforeLookupUnconfirmed() throws Exception {
        connection(HOST_A, "100", T0 - 1, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertDrainsAfter(T0);
    }

    @Test
    void connectionToOtherAddressUnconfirmed() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, UNRELATED_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertDrainsAfter(T0_PLUS_1S);
    }

    @Test
    void connectionOfOtherHostUnconfirmed() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_B, "100", T0_PLUS_1S, OPENAI_ADDRESS);
        connection(HOST_A, "101", T0_PLUS_1S, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertDrainsAfter(T0_PLUS_1S);
    }

    @Test
    void connectionAfterThreeLookupsConfirmsOnce() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0 + 10, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0 + 20, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        List<AiLookup> confirmations = harness.extractOutputValues();
        assertThat(confirmations).hasSize(1);
        assertThat(confirmations.get(0).timestamp).isEqualTo(T0);
        assertDrainsAfter(T0_PLUS_1S);
    }

    @Test
    void lookupConfirmedOnlyOnce() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_30S, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        assertThat(confirmedAddresses()).containsExactly(OPENAI_ADDRESS);
        assertDrainsAfter(T0_PLUS_30S);
    }

    @Test
    void eachLookupConfirmedByItsConnection() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0_PLUS_30S, OTHER_OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_30S + 1_000, OTHER_OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        List<AiLookup> confirmations = harness.extractOutputValues();
        assertThat(confirmations)
                .extracting(confirmation -> confirmation.timestamp)
                .containsExactly(T0, T0_PLUS_30S);
        assertThat(confirmations)
                .extracting(confirmation -> confirmation.confirmedAddress)
                .containsExactly(OPENAI_ADDRESS, OTHER_OPENAI_ADDRESS);
        assertDrainsAfter(T0_PLUS_30S + 1_000);
    }

    @Test
    void connectionsToTwoAddressesConfirmBoth() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        lookup(HOST_A, "100", T0 + 10, OTHER_OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OTHER_OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_30S, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        List<AiLookup> confirmations = harness.extractOutputValues();
        assertThat(confirmations)
                .extracting(confirmation -> confirmation.confirmedAddress)
                .containsExactlyInAnyOrder(OTHER_OPENAI_ADDRESS, OPENAI_ADDRESS);
        assertThat(confirmations)
                .extracting(confirmation -> confirmation.timestamp)
                .containsExactlyInAnyOrder(T0 + 10, T0);
        assertDrainsAfter(T0_PLUS_30S);
    }

    @Test
    void lookupOfTwoAddressesConfirmedByEach() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS, OTHER_OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_30S, OTHER_OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_10M));

        assertThat(confirmedAddresses())
                .containsExactlyInAnyOrder(OPENAI_ADDRESS, OTHER_OPENAI_ADDRESS);
        assertDrainsAfter(T0_PLUS_30S);
    }

    @Test
    void lateInputGoesToSideOutput() throws Exception {
        lookup(HOST_A, "100", T0, OPENAI_ADDRESS);
        harness.processWatermark(new Watermark(T0_PLUS_30S));

        connection(HOST_A, "100", T0_PLUS_30S, OPENAI_ADDRESS);
        connection(HOST_A, "100", T0_PLUS_1S, OPENAI_ADDRESS);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(Descriptors.LATE_CONFIRMATION_INPUTS))
                .extracting(StreamRecord::getTimestamp)
                .containsExactly(T0_PLUS_30S, T0_PLUS_1S);
        assertDrainsAfter(T0);
    }

    /**
     * Moves the watermark one confirmation time past {@code lastInputTime} and checks that no keyed
     * state or timer is left. CEP may set a timer that far after any input it processes.
     */
    private void assertDrainsAfter(long lastInputTime) throws Exception {
        harness.processWatermark(new Watermark(lastInputTime + WITHIN_MILLIS + 1));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private List<String> confirmedAddresses() {
        return harness.extractOutputValues().stream()
                .map(confirmation -> confirmation.confirmedAddress)
                .toList();
    }

    private void lookup(String aid, String processId, long time, String... addresses)
            throws Exception {
        AiLookup lookup = new AiLookup();
        lookup.aid = aid;
        lookup.contextProcessId = processId;
        lookup.domain = "api.openai.com";
        lookup.provider = "OpenAI";
        lookup.watchlistVersion = "wl-test";
        lookup.ip4Records = String.join(";", addresses) + ";";
        lookup.timestamp = time;
        for (String address : addresses) {
            harness.processElement(ConfirmationInput.ofLookup(lookup, address), time);
        }
    }

    private void connection(String aid, String processId, long time, String address)
            throws Exception {
        ConfirmationInput input = new ConfirmationInput();
        input.aid = aid;
        input.processId = processId;
        input.address = address;
        harness.processElement(input, time);
    }

    private static StreamOperatorFactory<AiLookup> cepOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<AiLookup> matches =
                ConnectionConfirmation.matchPattern(
                        env.fromSequence(0, 0)
                                .map(number -> new ConfirmationInput())
                                .returns(TypeInformation.of(ConfirmationInput.class))
                                .keyBy(ConnectionConfirmation::processAddressKey, HashedKey.TYPE),
                        WITHIN);
        return ((OneInputTransformation<?, AiLookup>) matches.getTransformation())
                .getOperatorFactory();
    }
}
