package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An S3 store that cannot be reached (docs/http-api.md "S3 sources"): {@code --s3-endpoint} names a
 * loopback port nothing listens on. A prefix, which must be listed to make the job's files, is
 * refused at submit with {@code 503 source_unavailable}, naming the URL; nothing is created.
 */
class S3UnreachableStoreApiTest {
    static final int CLOSED_PORT = closedPort();

    static {
        // credentials are found, so what fails is the connection, not the AWS chain
        System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(50)
            .with(b -> b.s3Endpoint("http://127.0.0.1:" + CLOSED_PORT).s3Region("us-east-1").s3PathStyle(true)));

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_prefix_on_a_store_that_cannot_be_reached_is_refused_with_503_source_unavailable() {
        server.createCollection("s3_down", "id:integer, name:string", "id");

        JsonNode error = assertError(server.postJson("/v1/imports", "{\"collection\": \"s3_down\", \"sources\":"
                + " [{\"url\": \"s3://landing/daily/\"}]}"), 503, "source_unavailable");

        assertThat(error.get("message").asText()).contains("s3://landing/daily/", "could not list the objects of");
        assertThat(error.get("details").get("url").asText()).isEqualTo("s3://landing/daily/");
        assertThat(server.get("/v1/imports").json().get("imports")).isEmpty();
    }
}
