package io.siban.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The address the per-client limits count against: IPv4 as is, IPv6 as its /64, never a name lookup. */
class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "[2001:db8::1], 2001:db8:0:0::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "::ffff:10.1.2.3, 10.1.2.3",
            "_hidden, _hidden",
            "'evil}{key with spaces', evil__key_with_spaces",
    })
    void addressesAreKeyedAsTheLimitsCountThem(String host, String key) {
        assertThat(ClientAddress.normalize(host)).isEqualTo(key);
    }

    @Test
    void noRequestOrNoAddressIsUnknown() {
        assertThat(ClientAddress.of(null)).isEqualTo("unknown");
    }

    @Test
    void aLongForwardedIdentifierIsCut() {
        assertThat(ClientAddress.normalize("x".repeat(500))).hasSize(64);
    }
}
