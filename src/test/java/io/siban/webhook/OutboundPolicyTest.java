package io.siban.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a webhook may be sent: the URL's form and the host's addresses against the allow-list. */
class OutboundPolicyTest {
    private final OutboundPolicy defaults = new OutboundPolicy(OutboundPolicy.DEFAULT_ALLOWED);

    @ParameterizedTest
    @ValueSource(strings = {"ftp://10.0.0.1/x", "file:///etc/passwd", "gopher://10.0.0.1/", "http://user:pw@10.0.0.1/",
            "http://user@10.0.0.1/", "http://10.0.0.1/#frag", "http://127.0.0.1:99999/", "http://127.0.0.1:0/", "http://127.0.0.1:65536/", "http:///nohost", "not a url", "", "javascript:alert(1)"})
    void refusesTheForm(String url) {
        assertThatThrownBy(() -> OutboundPolicy.target(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheTarget() {
        OutboundPolicy.Target t = OutboundPolicy.target("https://Receiver.Internal:8443/hooks/in?x=1");
        assertThat(t.tls()).isTrue();
        assertThat(t.host()).isEqualTo("receiver.internal");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.requestUri()).isEqualTo("/hooks/in?x=1");
        assertThat(OutboundPolicy.target("http://[::1]/").host()).isEqualTo("::1");
        assertThat(OutboundPolicy.target("http://10.1.2.3").port()).isEqualTo(80);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, true", "10.20.30.40, true", "172.16.0.1, true", "172.31.255.255, true", "172.32.0.1, false",
            "192.168.1.1, true", "192.169.0.1, false", "8.8.8.8, false", "::1, true", "fd12::1, true", "2001:db8::1, false",
            "169.254.169.254, false", "169.254.0.1, false", "fe80::1, false", "0.0.0.0, false", "::ffff:169.254.169.254, false",
            "64:ff9b::a9fe:a9fe, false", "2002:a9fe:a9fe::1, false", "::a9fe:a9fe, false", "64:ff9b::808:808, false", "64:ff9b::a00:1, true",
            "2002:a00:1::1, true", "::7f00:1, true", "100.100.100.200, false", "168.63.129.16, false", "192.0.0.192, false"})
    void judgesAddressesByDefault(String address, boolean allowed) throws Exception {
        assertThat(defaults.refusal("h", List.of(InetAddress.getByName(address))) == null).as(address).isEqualTo(allowed);
    }

    @Test
    void metadataIsRefusedEvenWhenListed() throws Exception {
        OutboundPolicy open = new OutboundPolicy(List.of("0.0.0.0/0", "169.254.169.254", "metadata.google.internal"));
        assertThat(open.refusal("8.8.8.8", List.of(InetAddress.getByName("8.8.8.8")))).isNull();
        assertThat(open.refusal("169.254.169.254", List.of(InetAddress.getByName("169.254.169.254")))).contains("never called");
        assertThat(open.refusal("metadata.google.internal", List.of(InetAddress.getByName("169.254.169.254")))).contains("never called");
    }

    @Test
    void aListedHostNameAllowsItsPublicAddressesAndEveryAddressMustPass() throws Exception {
        OutboundPolicy listed = new OutboundPolicy(List.of("10.0.0.0/8", "hooks.example.org", "203.0.113.7"));
        assertThat(listed.refusal("hooks.example.org", List.of(InetAddress.getByName("198.51.100.1")))).isNull();
        assertThat(listed.refusal("other.example.org", List.of(InetAddress.getByName("198.51.100.1")))).contains("not in");
        assertThat(listed.refusal("x", List.of(InetAddress.getByName("203.0.113.7")))).isNull();
        assertThat(listed.refusal("x", List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("8.8.4.4")))).contains("8.8.4.4");
        assertThat(listed.refusal("x", List.of())).contains("no address");
    }

    @Test
    void cloudMetadataAddressesAndTheirIpv6FormsAreRefusedEvenWhenEverythingIsListed() throws Exception {
        OutboundPolicy open = new OutboundPolicy(List.of("0.0.0.0/0", "::/0"));
        for (String address : List.of("100.100.100.200", "168.63.129.16", "192.0.0.192", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::", "::a9fe:a9fe")) {
            assertThat(open.refusal("h", List.of(InetAddress.getByName(address)))).as(address).contains("never called");
        }
    }

    @Test
    void theServicesOwnPortsOnThisMachineAndUnlistedPortsAreRefused() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("10.0.0.9");
        OutboundPolicy own = new OutboundPolicy(OutboundPolicy.DEFAULT_ALLOWED, java.util.Set.of(), java.util.Set.of(8080, 9000), InetAddress::isLoopbackAddress);
        assertThat(own.refusal("localhost", 8080, List.of(loopback))).contains("service's own");
        assertThat(own.refusal("localhost", 9000, List.of(InetAddress.getByName("::1")))).contains("service's own");
        assertThat(own.refusal("h", 9000, List.of(InetAddress.getByName("::ffff:127.0.0.1")))).contains("service's own");
        assertThat(own.refusal("h", 8080, List.of(other))).as("another machine's 8080").isNull();
        assertThat(own.refusal("localhost", 8443, List.of(loopback))).isNull();
        OutboundPolicy ports = new OutboundPolicy(OutboundPolicy.DEFAULT_ALLOWED, java.util.Set.of(443, 8443), java.util.Set.of(), a -> false);
        assertThat(ports.refusal("h", 8443, List.of(other))).isNull();
        assertThat(ports.refusal("h", 22, List.of(other))).contains("allowed-ports");
    }

    @Test
    void aBadNetworkInTheListFailsAtStart() {
        assertThatThrownBy(() -> new OutboundPolicy(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundPolicy(List.of("foo/8"))).isInstanceOf(IllegalArgumentException.class);
    }
}
