package dev.sluice.http;

import java.net.InetAddress;
import java.net.URI;

/**
 * Reads host names as the access rules need them (docs/operations.md#access): whether one names
 * this machine's loopback, and the host a Host header names. Never resolves a name through DNS:
 * only {@code localhost} and address literals count as loopback. Stateless.
 */
public final class HostNames {
    private HostNames() {
    }

    /** Whether {@code host} is {@code localhost}, a 127.x.x.x address or ::1 (brackets allowed). */
    public static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.contains(":") && !h.matches("[0-9.]+")) {
            return false; // a name other than localhost could resolve anywhere tomorrow
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /** The host of a Host header without its port or an IPv6 literal's brackets; null when unreadable. */
    static String ofHostHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            String host = URI.create("http://" + header.trim()).getHost();
            return host == null ? null : host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
