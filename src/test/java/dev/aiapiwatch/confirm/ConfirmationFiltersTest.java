package dev.aiapiwatch.confirm;

import static dev.aiapiwatch.testing.TestEvents.HOST_A;
import static dev.aiapiwatch.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.config.ConfirmSettings;
import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filters in front of the confirmation pattern, which select the lookups and connections. */
class ConfirmationFiltersTest {

    private static final ConfirmSettings ANY_PORT = ConfirmSettings.defaults();
    private static final ConfirmSettings HTTPS_ONLY =
            new ConfirmSettings(Duration.ofMinutes(2), Set.of(443));

    @Test
    void lookupWithRecordsKept() {
        List<ConfirmationInput> kept = keepLookup("104.18.32.47;172.66.0.243;");

        assertThat(kept).hasSize(2);
        assertThat(kept).allSatisfy(input -> assertThat(input.isLookup()).isTrue());
        assertThat(kept).allSatisfy(input -> assertThat(input.aid).isEqualTo(HOST_A));
        assertThat(kept).allSatisfy(input -> assertThat(input.processId).isEqualTo("100"));
        assertThat(kept)
                .extracting(input -> input.address)
                .containsExactly("104.18.32.47", "172.66.0.243");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", ";", "2606:4700::6812:2;"})
    void lookupWithoutRecordsDropped(String ip4Records) {
        assertThat(keepLookup(ip4Records)).isEmpty();
    }

    @Test
    void outboundTcpConnectionKept() {
        List<ConfirmationInput> kept = keepConnection(ANY_PORT, connect("0", "6", "8443"));

        assertThat(kept).hasSize(1);
        ConfirmationInput input = kept.get(0);
        assertThat(input.isLookup()).isFalse();
        assertThat(input.aid).isEqualTo(HOST_A);
        assertThat(input.processId).isEqualTo("100");
        assertThat(input.address).isEqualTo("104.18.32.47");
        assertThat(input.lookup).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "1, 6,  inbound",
        "0, 17, UDP",
        "1, 17, inbound UDP",
        "'', 6, no direction",
        "0, '', no protocol",
    })
    void otherConnectionsDropped(String direction, String protocol, String description) {
        assertThat(keepConnection(ANY_PORT, connect(direction, protocol, "443")))
                .as(description)
                .isEmpty();
    }

    @Test
    void allowedPortKept() {
        assertThat(keepConnection(HTTPS_ONLY, connect("0", "6", "443"))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "8443", "", "https"})
    void otherPortsDroppedWhenRestricted(String port) {
        assertThat(keepConnection(HTTPS_ONLY, connect("0", "6", port))).isEmpty();
    }

    @Test
    void missingPortKeptWithoutRestriction() {
        assertThat(keepConnection(ANY_PORT, connect("0", "6", null))).hasSize(1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "104.18.32", "2606:4700::6812:2"})
    void connectionWithoutAddressDropped(String address) {
        NetworkConnect connect = connect("0", "6", "443");
        connect.remoteAddressIp4 = address;

        assertThat(keepConnection(ANY_PORT, connect)).isEmpty();
    }

    private static List<ConfirmationInput> keepLookup(String ip4Records) {
        AiLookup lookup = new AiLookup();
        lookup.aid = HOST_A;
        lookup.contextProcessId = "100";
        lookup.domain = "api.openai.com";
        lookup.ip4Records = ip4Records;
        lookup.timestamp = T0;
        List<ConfirmationInput> kept = new ArrayList<>();
        new LookupsWithAddresses().flatMap(lookup, new ListCollector<>(kept));
        return kept;
    }

    private static List<ConfirmationInput> keepConnection(
            ConfirmSettings settings, NetworkConnect connect) {
        List<ConfirmationInput> kept = new ArrayList<>();
        new OutboundTcpConnections(settings).flatMap(connect, new ListCollector<>(kept));
        return kept;
    }

    private static NetworkConnect connect(String direction, String protocol, String port) {
        NetworkConnect connect = new NetworkConnect();
        connect.aid = HOST_A;
        connect.contextProcessId = "100";
        connect.remoteAddressIp4 = "104.18.32.47";
        connect.remotePort = port;
        connect.protocol = protocol;
        connect.connectionDirection = direction;
        connect.timestamp = T0;
        return connect;
    }
}
