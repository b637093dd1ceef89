package dev.sluice.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** When a start runs Flyway and when it leaves an up-to-date database alone ({@link SchemaMigrations}). */
class SchemaMigrationsTest {
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");

    @TempDir
    Path dir;

    private static String newestFile(String location) throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaMigrationsTest.class.getClassLoader().getResource(location).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return String.valueOf(files.map(f -> VERSION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow());
        }
    }

    @Test
    void the_newest_versions_are_those_of_the_newest_migration_files() throws Exception {
        assertThat(SchemaMigrations.SQLITE.newest()).isEqualTo(newestFile("db/sqlite"));
        assertThat(SchemaMigrations.POSTGRES.newest()).isEqualTo(newestFile("db/postgres"));
    }

    private DataSource sqlite(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void a_sqlite_database_is_up_to_date_only_when_its_history_ends_with_the_newest_migration_applied()
            throws Exception {
        Files.createDirectories(dir.resolve("data"));
        DataSource ds = sqlite(dir.resolve("data/sluice.db"));
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).as("no history").isFalse();

        Database.openSqlite(dir.resolve("data")).close();
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).isTrue();

        execute(ds, "UPDATE " + SchemaMigrations.HISTORY + " SET success = 0 WHERE version = '"
                + SchemaMigrations.SQLITE.newest() + "'");
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).as("the newest one failed").isFalse();
        execute(ds, "UPDATE " + SchemaMigrations.HISTORY + " SET success = 1, version = '999'"
                + " WHERE version = '" + SchemaMigrations.SQLITE.newest() + "'");
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).as("made by a newer build").isFalse();
    }

    @Test
    void an_older_sqlite_database_is_still_migrated_to_the_newest_version() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        DataSource ds = sqlite(dir.resolve("data/sluice.db"));
        Flyway.configure().dataSource(ds).locations(SchemaMigrations.SQLITE.location())
                .table(SchemaMigrations.HISTORY).target("9").load().migrate();
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).isFalse();

        Database.openSqlite(dir.resolve("data")).close();

        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.SQLITE)).isTrue();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // V11's column exists: the migration ran, not just the check
            st.executeQuery("SELECT source_etag FROM _sluice_files LIMIT 1").close();
        }
    }

    @Test
    void a_postgres_database_is_up_to_date_once_opened_and_not_before() throws Exception {
        String url = PostgresTestServer.freshDatabaseUrl();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.POSTGRES)).as("no history").isFalse();

        Database.openPostgres(url, null, null, "public").close();
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.POSTGRES)).isTrue();
        // opening it again leaves it as it is, and works
        Database.openPostgres(url, null, null, "public").close();

        execute(ds, "UPDATE sluice." + SchemaMigrations.HISTORY + " SET version = '999' WHERE version = '"
                + SchemaMigrations.POSTGRES.newest() + "'");
        assertThat(SchemaMigrations.upToDate(ds, SchemaMigrations.POSTGRES)).as("made by a newer build").isFalse();
    }
}
