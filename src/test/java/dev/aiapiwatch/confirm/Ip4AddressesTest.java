package dev.aiapiwatch.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ip4AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "104.18.32.47,      104.18.32.47",
        "' 104.18.32.47 ',  104.18.32.47",
        "0.0.0.0,           0.0.0.0",
        "255.255.255.255,   255.255.255.255",
        "010.001.000.009,   10.1.0.9",
    })
    void canonicalForm(String text, String expected) {
        assertThat(Ip4Addresses.canonical(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "104.18.32",
                "104.18.32.47.1",
                "104.18.32.256",
                "104.18..47",
                "104.18.32.-1",
                "104.18.32.0047",
                "2606:4700::6812:2",
                "api.openai.com"
            })
    void invalidAddressesRejected(String text) {
        assertThat(Ip4Addresses.canonical(text)).isNull();
    }

    @Test
    void nullAddressRejected() {
        assertThat(Ip4Addresses.canonical(null)).isNull();
    }

    @Test
    void recordsSplitInOrder() {
        assertThat(Ip4Addresses.ofRecords("104.18.32.47;172.66.0.243;"))
                .containsExactly("104.18.32.47", "172.66.0.243");
    }

    @Test
    void recordsSkipInvalidAndRepeated() {
        assertThat(Ip4Addresses.ofRecords(";104.18.32.47;;bad;104.18.32.47;1.2.3.4"))
                .containsExactly("104.18.32.47", "1.2.3.4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ";", ";;", "2606:4700::6812:2;"})
    void recordsWithoutAddressesEmpty(String records) {
        assertThat(Ip4Addresses.ofRecords(records)).isEmpty();
    }

    @Test
    void missingRecordsEmpty() {
        assertThat(Ip4Addresses.ofRecords(null)).isEmpty();
    }
}
