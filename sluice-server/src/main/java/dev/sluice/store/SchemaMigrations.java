package dev.sluice.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a database's Sluice tables to the newest schema with Flyway, which Sluice runs at every
 * start. Flyway takes 0.2-0.3 s to start, find and checksum the migrations even when there is
 * nothing to do (docs/operations.md, "Schema migrations"), so a database whose history
 * already ends with this build's newest migration, applied successfully, is left as it is without
 * starting Flyway. What that skips is Flyway's check that applied migrations were not edited since;
 * a history ending anywhere else (older, newer, failed, missing) goes through Flyway as before.
 * Stateless.
 */
final class SchemaMigrations {
    /** Flyway's history table, in the schema the tables are in. */
    static final String HISTORY = "_sluice_schema_history";

    /** One dialect's migrations: where they are, the schema they go in (null: the default), the newest version. */
    record Scripts(String location, String schema, String newest) {
    }

    /** src/main/resources/db/sqlite; SchemaMigrationsTest checks {@code newest} against the files. */
    static final Scripts SQLITE = new Scripts("classpath:db/sqlite", null, "11");
    /** src/main/resources/db/postgres, in the schema {@code sluice}; likewise checked. */
    static final Scripts POSTGRES = new Scripts("classpath:db/postgres", "sluice", "12");

    private SchemaMigrations() {
    }

    static void migrate(DataSource ds, Scripts migrations) {
        if (upToDate(ds, migrations)) {
            return;
        }
        var config = Flyway.configure().dataSource(ds).locations(migrations.location()).table(HISTORY);
        if (migrations.schema() != null) {
            config.schemas(migrations.schema());
        }
        config.load().migrate();
    }

    /** Whether the history's last entry is {@code migrations.newest()}, applied successfully. */
    static boolean upToDate(DataSource ds, Scripts migrations) {
        String table = migrations.schema() == null ? HISTORY
                : Identifiers.quote(migrations.schema()) + "." + HISTORY;
        try (Connection c = ds.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM " + table
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() && migrations.newest().equals(rs.getString(1)) && rs.getBoolean(2);
        } catch (SQLException e) {
            return false; // no history yet, or none readable: Flyway decides
        }
    }
}
