package dev.sluice.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;

import static dev.sluice.http.ApiAssertions.assertError;

/**
 * An upload refused before its body is read still gets its error answer. The server drains what is
 * left of the body before answering; without that, a client still sending may see the connection
 * reset instead of the answer. That race depends on socket buffers and does not show on every run,
 * so these tests guard the answers rather than reproduce the race.
 */
class RefusedUploadApiTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(100));

    private static byte[] csv(int megabytes) {
        byte[] body = new byte[megabytes << 20];
        Arrays.fill(body, (byte) 'a');
        byte[] header = "email\n".getBytes();
        System.arraycopy(header, 0, body, 0, header.length);
        for (int i = 64; i < body.length; i += 64) {
            body[i] = '\n';
        }
        return body;
    }

    @Test
    void a_large_upload_to_an_unknown_collection_gets_the_404_answer() {
        assertError(server.post("/v1/collections/nowhere/import", "text/csv", csv(24)), 404, "collection_not_found");
    }

    @Test
    void a_large_upload_with_a_bad_option_gets_the_400_answer() {
        assertError(server.post("/v1/collections/nowhere/import?on_conflict=sometimes", "text/csv", csv(24)), 400,
                "invalid_option");
    }

    @Test
    void a_chunked_upload_refused_early_gets_its_answer() {
        byte[] body = csv(8);
        RunningServer.Answer a = server.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/collections/nowhere/import"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        assertError(a, 404, "collection_not_found");
    }
}
