package dev.sluice.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 client that connects only where {@link UrlAdmission} allows: it resolves the
 * host itself, vets the addresses, and opens the socket to a vetted {@link InetAddress}, so nothing
 * resolves the name again behind our back (DNS rebinding). TLS is layered on that socket and
 * verified against the host name. One request per connection; redirects are followed, each target
 * admitted afresh. Proxies are never used. Thread-safe.
 */
final class UrlClient {
    private static final int BUFFER = 1 << 16;

    private final UrlPolicy policy;
    private final UrlAdmission admission;
    private final Supplier<SSLSocketFactory> tls;

    UrlClient(UrlPolicy policy, UrlAdmission admission, Supplier<SSLSocketFactory> tls) {
        this.policy = policy;
        this.admission = admission;
        this.tls = tls;
    }

    /**
     * Sends {@code method} to {@code first}, following redirects, and returns the first response that is
     * not a redirect, whatever its status. The caller closes it.
     *
     * @param headers extra request headers (values must not hold line breaks)
     * @throws SourceForbiddenException   when a host, first or redirected to, may not be connected to
     * @throws SourceRejectedException    on a broken redirect, too many of them, an untrusted certificate or a non-HTTP answer
     * @throws SourceUnavailableException when a host does not resolve, answer, or the connection fails before the body
     */
    UrlResponse exchange(String method, UrlTarget first, Map<String, String> headers) throws IOException {
        UrlTarget target = first;
        for (int redirects = 0; ; redirects++) {
            UrlResponse response;
            try {
                response = send(method, target, headers);
            } catch (SourceForbiddenException e) {
                if (target == first) {
                    throw e;
                }
                throw new SourceForbiddenException(first.url(), "it redirects to " + target.url() + ": " + e.reason());
            }
            if (!isRedirect(response.status())) {
                return response;
            }
            response.close();
            String location = response.header("location");
            if (location == null || location.isBlank()) {
                throw new SourceRejectedException(first.url(), response.status(), method + " " + target.url() + " "
                        + response.answered() + " without a Location to follow");
            }
            if (redirects == policy.maxRedirects()) {
                throw new SourceRejectedException(first.url(), response.status(), first.url()
                        + " redirects more than " + policy.maxRedirects() + " times (last to " + location + ")");
            }
            try {
                target = target.redirect(location);
            } catch (UrlRefusal refusal) {
                String to = UrlTarget.redact(location);
                if (refusal.kind() == UrlRefusal.Kind.FORBIDDEN) {
                    throw new SourceForbiddenException(first.url(), "it redirects to " + to + ": " + refusal.reason());
                }
                throw new SourceRejectedException(first.url(), response.status(), first.url() + " redirects to "
                        + to + ": " + refusal.reason());
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private UrlResponse send(String method, UrlTarget target, Map<String, String> headers) throws IOException {
        Socket socket = connect(target);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request(method, target, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            HttpHead head = HttpHead.read(in);
            return new UrlResponse(target, head, head.body(method, in), socket);
        } catch (HttpHead.MalformedResponseException e) {
            close(socket);
            throw new SourceRejectedException(target.url(), 0, method + " " + target.url() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close(socket);
            throw new SourceUnavailableException(target.url(), method + " " + target.url() + " failed: "
                    + message(e), e);
        }
    }

    private static String request(String method, UrlTarget target, Map<String, String> headers) {
        StringBuilder r = new StringBuilder(256);
        r.append(method).append(' ').append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("User-Agent: sluice\r\n")
                .append("Accept: */*\r\n")
                .append("Accept-Encoding: identity\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " holds a line break");
            }
            r.append(name).append(": ").append(value).append("\r\n");
        });
        return r.append("\r\n").toString();
    }

    /** A socket to one of the target's admitted addresses, TLS on top for https. */
    private Socket connect(UrlTarget target) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = admission.addresses(target);
        } catch (UrlRefusal refusal) {
            throw new SourceForbiddenException(target.url(), refusal.reason());
        } catch (UnknownHostException e) {
            throw new SourceUnavailableException(target.url(), target.host() + " does not resolve: " + message(e), e);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()), (int) policy.connectTimeout().toMillis());
                socket.setSoTimeout((int) policy.readTimeout().toMillis());
                return target.https() ? secure(socket, target) : socket;
            } catch (IOException e) {
                close(socket);
                if (hasCause(e, CertificateException.class)) {
                    throw new SourceRejectedException(target.url(), 0, "the TLS certificate of " + target.hostHeader()
                            + " does not verify: " + message(e), e);
                }
                last = e;
            }
        }
        throw new SourceUnavailableException(target.url(), "cannot connect to " + target.hostHeader() + " at "
                + addresses.stream().map(InetAddress::getHostAddress).toList() + ": " + message(last), last);
    }

    private Socket secure(Socket socket, UrlTarget target) throws IOException {
        String host = target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1)
                : target.host();
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(socket, host, target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.hostIsLiteral()) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // a name SNI cannot carry is still verified against the certificate
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already failing; the original error is the one to report
        }
    }
}
