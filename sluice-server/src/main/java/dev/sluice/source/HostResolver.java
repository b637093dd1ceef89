package dev.sluice.source;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name or IP literal into addresses; the system resolver outside tests. */
@FunctionalInterface
interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
