package dev.sluice.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides which addresses a target may be connected to: every address of a host allowed by name,
 * else the host's addresses only when all of them are public (one internal answer among public
 * ones refuses the host, so a resolver that mixes them cannot choose where we connect). Called
 * for every connection, with a fresh lookup, so DNS that changes after a check or between redirects
 * is judged again. Thread-safe.
 */
final class UrlAdmission {
    private final UrlPolicy policy;
    private final HostResolver resolver;

    UrlAdmission(UrlPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** Whether the host is let through by name, whatever it resolves to. */
    boolean allowedByName(UrlTarget target) {
        return policy.allows(target.host());
    }

    /**
     * @throws UrlRefusal          {@code FORBIDDEN} naming the host, the address and its scope
     * @throws UnknownHostException when the host does not resolve
     */
    List<InetAddress> addresses(UrlTarget target) throws UrlRefusal, UnknownHostException {
        InetAddress[] all = resolver.resolve(target.host());
        if (all == null || all.length == 0) {
            throw new UnknownHostException(target.host() + " has no addresses");
        }
        if (!allowedByName(target)) {
            for (InetAddress address : all) {
                AddressScope scope = AddressScope.of(address);
                if (scope != AddressScope.PUBLIC) {
                    throw new UrlRefusal(UrlRefusal.Kind.FORBIDDEN, describe(target, address, scope));
                }
            }
        }
        return List.of(all);
    }

    private static String describe(UrlTarget target, InetAddress address, AddressScope scope) {
        String what = target.hostIsLiteral() ? target.host() + " is " + scope.label() + " address"
                : target.host() + " resolves to " + address.getHostAddress() + ", " + scope.label() + " address";
        return what + "; only public addresses are fetched unless the host is named in --allow-url-hosts";
    }
}
