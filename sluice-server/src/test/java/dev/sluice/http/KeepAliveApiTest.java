package dev.sluice.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused request never leaves its connection in a state the client cannot know: either the
 * answer says {@code Connection: close}, or the next request on the same connection is answered.
 * A pooling client (java.net.http, the SDK) otherwise sends its next request into a connection the
 * server is closing, and sees it break with no answer (docs/http-api.md, "Error codes").
 */
class KeepAliveApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            multipart cut off         | multipart/form-data; boundary=b | --b\\r\\nContent-Disposition: form-data; name="request"\\r\\n\\r\\n{"collec
            multipart with no boundary| multipart/form-data             | --x\\r\\n\\r\\n
            request part not JSON     | multipart/form-data; boundary=b | --b\\r\\nContent-Disposition: form-data; name="request"\\r\\n\\r\\nnot json\\r\\n--b--\\r\\n
            JSON sent as text/plain   | text/plain                      | {"collection": "c", "records": []}
            unknown collection        | application/json                | {"collection": "nope", "records": [{"id": "a"}]}
            """)
    void a_refused_request_either_closes_its_connection_or_keeps_serving_it(String name, String type, String body)
            throws IOException {
        byte[] payload = body.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            String first = exchange(socket, "POST /v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + payload.length + "\r\n\r\n", payload);
            assertThat(RawHttp.status(first)).as(first).isBetween(400, 499);
            if (first.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n")) {
                return;
            }
            String second = exchange(socket, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", new byte[0]);
            assertThat(second).as("the connection was kept open without Connection: close, so it must answer")
                    .startsWith("HTTP/1.1 200");
        }
    }

    /** Writes one request and reads one response (head and a Content-Length body); empty when the server closed. */
    private static String exchange(Socket socket, String head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int c;
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            seen.write(c);
        }
        String headers = seen.toString(StandardCharsets.ISO_8859_1);
        int at = headers.toLowerCase(Locale.ROOT).indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
            seen.write(in.readNBytes(length));
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
