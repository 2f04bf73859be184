package org.minka.common;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's address: the connection's, or, when the connection comes from a trusted proxy, the
 * nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddress::range).toList();
    }

    /** One address or CIDR range, such as {@code 10.0.0.0/8} or {@code ::1}. */
    private record Range(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = rest == 0 ? 0 : (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private static Range range(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + text);
        }
        int max = address.getAddress().length * 8;
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("Bad prefix length: " + text);
        }
        return new Range(address.getAddress(), bits);
    }

    /** An IP literal, or null for anything else (never a name lookup). */
    private static InetAddress literal(String text) {
        String value = text.trim();
        if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            if (!isTrusted(hop) || i == 0) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static List<String> hops(ServerHttpRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }
}
