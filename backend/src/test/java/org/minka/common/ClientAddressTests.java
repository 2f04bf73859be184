package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTests {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.post("/api/v1/events")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header(ClientAddress.FORWARDED_FOR, forwardedFor)
                .build();
    }

    @Test
    void ofWhenNoProxyTrustedThenConnectionAddressAndForwardedForIgnored() {
        ClientAddress clients = new ClientAddress(List.of());
        assertThat(clients.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void ofWhenPeerIsNotATrustedProxyThenForwardedForIgnored() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8"));
        assertThat(clients.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void ofWhenBehindTrustedProxiesThenNearestUntrustedHop() {
        ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.1"));
        // a client may forge the left part; the proxies append what they saw on the right
        assertThat(clients.of(from("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.1")))
                .isEqualTo("198.51.100.1");
        assertThat(clients.of(from("10.1.2.3", "6.6.6.6", "198.51.100.1")))
                .isEqualTo("198.51.100.1");
        assertThat(clients.of(from("10.1.2.3", "10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(clients.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    @Test
    void ofWhenForwardedForIsNotAnAddressThenConnectionAddress() {
        ClientAddress clients = new ClientAddress(List.of("127.0.0.1/32"));
        assertThat(clients.of(from("127.0.0.1", "localhost"))).isEqualTo("127.0.0.1");
        assertThat(clients.of(from("127.0.0.1", "198.51.100.1, not-an-ip"))).isEqualTo("127.0.0.1");
    }

    @Test
    void ofWhenIpv6ThenNormalisedAndMatchedByPrefix() {
        ClientAddress clients = new ClientAddress(List.of("::1/128", "2001:db8:ffff::/48"));
        assertThat(clients.of(from("::1", "2001:DB8:0:0:0:0:0:1")))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(clients.of(from("::1", "2001:db8:1::5, 2001:db8:ffff::9")))
                .isEqualTo("2001:db8:1:0:0:0:0:5");
    }

    @Test
    void newWhenTrustedProxyIsNotAnAddressThenRefused() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.org")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
