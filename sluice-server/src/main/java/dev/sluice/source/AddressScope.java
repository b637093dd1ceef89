package dev.sluice.source;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where an IP address reaches: the public internet, or somewhere a server must not be sent by a
 * URL it was handed (its own loopback, the private network, the cloud metadata service, ...).
 * Only {@link #PUBLIC} addresses may be fetched from unless the host is allowed by name.
 * IPv4-mapped, IPv4-compatible, 6to4 and NAT64 IPv6 addresses are judged by the IPv4 address they carry
 * or refused. Stateless and thread-safe.
 */
enum AddressScope {
    PUBLIC("a public"),
    UNSPECIFIED("an unspecified"),
    LOOPBACK("a loopback"),
    PRIVATE("a private"),
    SHARED("a shared (carrier-grade NAT)"),
    LINK_LOCAL("a link-local"),
    MULTICAST("a multicast"),
    BROADCAST("a broadcast"),
    DOCUMENTATION("a documentation"),
    RESERVED("a reserved, non-global");

    private final String label;

    AddressScope(String label) {
        this.label = label;
    }

    /** Words for a message, article included: "a loopback" (address). */
    String label() {
        return label;
    }

    static AddressScope of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ofIpv4(b, 0) : ofIpv6(b);
    }

    private static AddressScope ofIpv4(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        int d = bytes[at + 3] & 0xff;
        if (a == 0) {
            return UNSPECIFIED;
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
            return PRIVATE;
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return SHARED;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL;
        }
        if (a == 192 && b == 0 && c == 2 || a == 198 && b == 51 && c == 100 || a == 203 && b == 0 && c == 113) {
            return DOCUMENTATION;
        }
        if (a == 192 && b == 0 && c == 0 || a == 192 && b == 88 && c == 99 || a == 198 && (b & 0xfe) == 18) {
            return RESERVED;
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return BROADCAST;
        }
        return a >= 240 ? RESERVED : PUBLIC;
    }

    private static AddressScope ofIpv6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofIpv4(b, 12);
        }
        if (zeros(b, 0, 12)) {
            if (zeros(b, 12, 15)) {
                return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : RESERVED;
            }
            return RESERVED;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if ((first & 0xfe) == 0xfc || first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE;
        }
        if ((first & 0xe0) != 0x20) {
            // outside 2000::/3, the only global unicast block: NAT64 64:ff9b::/96 and every reserved block
            return RESERVED;
        }
        int word0 = first << 8 | second;
        int word1 = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (word0 == 0x2001 && word1 == 0x0db8 || word0 == 0x3fff && (word1 & 0xf000) == 0) {
            return DOCUMENTATION;
        }
        if (word0 == 0x2001 && word1 < 0x0200) {
            // 2001::/23: IETF protocol assignments, Teredo among them
            return RESERVED;
        }
        if (word0 == 0x2002) {
            return ofIpv4(b, 2);
        }
        return PUBLIC;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text of an IPv6 literal, or the text unchanged when it is not one. Never looks up a name. */
    static String canonicalIpv6(String literal) {
        if (!literal.matches("[0-9a-f:.]+")) {
            return literal;
        }
        try {
            // a text with a colon is parsed as a literal, never looked up
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return literal;
        }
    }
}
