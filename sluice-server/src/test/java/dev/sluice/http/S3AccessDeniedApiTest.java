package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.source.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.sluice.http.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An S3 store that refuses the server's credentials: a moto server that enforces IAM once its
 * bucket and object are made, and so answers every request of the service (signed with a key it
 * does not know) with 403. An object and a prefix are then refused at submit with
 * {@code source_forbidden}, naming the URL and what the store said, never a credential.
 */
class S3AccessDeniedApiTest {
    static final MotoServer store = MotoServer.refusingAfter(2);

    static {
        store.createBucket("private");
        store.put("private", "people.csv", "id,name\n1,one\n");
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(50)
            .with(b -> b.s3Endpoint(store.endpoint().toString()).s3PathStyle(true)));

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private static RunningServer.Answer submit(String url) {
        return server.postJson("/v1/imports", "{\"collection\": \"s3_denied\", \"sources\": [{\"url\": \"" + url + "\"}]}");
    }

    @Test
    void an_object_and_a_prefix_the_credentials_may_not_read_are_refused_with_source_forbidden() {
        server.createCollection("s3_denied", "id:integer, name:string", "id");

        JsonNode object = assertError(submit("s3://private/people.csv"), 400, "source_forbidden");
        assertThat(object.get("message").asText()).contains("s3://private/people.csv", "access denied", "403");
        assertThat(object.get("details").get("url").asText()).isEqualTo("s3://private/people.csv");
        JsonNode prefix = assertError(submit("s3://private/"), 400, "source_forbidden");
        assertThat(prefix.get("message").asText()).contains("s3://private/", "access denied", "InvalidAccessKeyId");
        assertThat(object + " " + prefix).doesNotContain(MotoServer.SECRET_KEY);
    }
}
