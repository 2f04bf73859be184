package org.minka.catalog.portal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses outbound fetches may connect to: public unicast only. Loopback, private (RFC
 * 1918), link-local (with the cloud metadata address 169.254.169.254), shared (CGNAT, 100.64/10),
 * unique-local IPv6 (fc00::/7), multicast, "this network" and broadcast addresses are refused,
 * unless a configured CIDR allows them (for example 127.0.0.0/8 for local runs).
 */
public final class AddressGuard {

    private static final List<Cidr> REFUSED =
            List.of(
                    Cidr.parse("0.0.0.0/8"),
                    Cidr.parse("10.0.0.0/8"),
                    Cidr.parse("100.64.0.0/10"),
                    Cidr.parse("127.0.0.0/8"),
                    Cidr.parse("169.254.0.0/16"),
                    Cidr.parse("172.16.0.0/12"),
                    Cidr.parse("192.0.0.0/24"),
                    Cidr.parse("192.168.0.0/16"),
                    Cidr.parse("198.18.0.0/15"),
                    Cidr.parse("224.0.0.0/4"),
                    Cidr.parse("240.0.0.0/4"),
                    Cidr.parse("::/128"),
                    Cidr.parse("::1/128"),
                    Cidr.parse("fc00::/7"),
                    Cidr.parse("fe80::/10"),
                    Cidr.parse("ff00::/8"));

    private final List<Cidr> allowed;

    /** A guard that allows these CIDRs (e.g. {@code 127.0.0.0/8}, {@code ::1/128}) anyway. */
    public AddressGuard(List<String> allow) {
        this.allowed = allow == null ? List.of() : allow.stream().map(Cidr::parse).toList();
    }

    /** Whether a connection to this address is allowed. */
    public boolean permits(InetAddress address) {
        InetAddress a = unmapped(address);
        if (allowed.stream().anyMatch(c -> c.contains(a))) {
            return true;
        }
        return REFUSED.stream().noneMatch(c -> c.contains(a)) && !a.isAnyLocalAddress();
    }

    /** An IPv4-mapped or IPv4-compatible IPv6 address as the IPv4 address it carries. */
    private static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** A network in CIDR notation (an address literal only: nothing is looked up). */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            String host = slash < 0 ? t : t.substring(0, slash);
            byte[] bytes = literal(host);
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("bad CIDR: " + text);
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        private static byte[] literal(String host) {
            byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(host);
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP address: " + host);
            }
            return bytes;
        }
    }
}
