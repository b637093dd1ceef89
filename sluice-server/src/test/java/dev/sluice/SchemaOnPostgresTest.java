package dev.sluice;

import dev.sluice.client.Collection;
import dev.sluice.client.ImportJob;
import dev.sluice.client.ImportRequest;
import dev.sluice.client.SluiceClient;
import dev.sluice.store.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --schema}: collection tables live in the schema given (created when missing), Sluice's
 * own tables in {@code sluice}, and nothing lands in {@code public}; both write paths (straight into
 * the table, and the merge) use the schema.
 */
class SchemaOnPostgresTest {
    @TempDir
    Path dir;

    private static List<String> tables(Connection c, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'"
                        + " ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void collection_tables_go_to_the_schema_given_and_both_write_paths_use_it() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        Path csv = Files.writeString(dir.resolve("people.csv"), "email,age\na@x,30\nb@x,41\n");
        Path again = Files.writeString(dir.resolve("again.csv"), "email,age\nb@x,42\nc@x,50\n");
        Config config = Config.builder().port(0).dataDir(dir.resolve("data")).chunkRows(100)
                .commitInterval(Duration.ofMillis(50)).nodeId("schema-test").database(DatabaseUrl.parse(url))
                .schema("imports").build();
        try (Service service = Service.start(config)) {
            SluiceClient client = SluiceClient.create("http://127.0.0.1:" + service.port());
            client.createCollection(new Collection("people", List.of(new Collection.Field("email", "string", true, null),
                    new Collection.Field("age", "integer", false, null)), List.of("email"), false, null, null, null));
            ImportRequest wait = ImportRequest.builder().waitForCompletion(true).build();

            ImportJob first = client.importFile("people", csv, wait);
            ImportJob second = client.importFile("people", again,
                    wait.toBuilder().onConflict(ImportRequest.OnConflict.UPDATE).build());

            assertThat(first.counts().created()).isEqualTo(2);
            assertThat(second.counts().updated()).isEqualTo(1);
            assertThat(second.counts().created()).isEqualTo(1);
            assertThat(client.recordByKey("people", "b@x")).hasValueSatisfying(r -> assertThat(r.get("age").asLong())
                    .isEqualTo(42));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(tables(c, "imports")).containsExactly("people");
            assertThat(tables(c, "public")).isEmpty();
            assertThat(tables(c, "sluice")).contains("_sluice_jobs", "_sluice_collections");
        }
    }
}
