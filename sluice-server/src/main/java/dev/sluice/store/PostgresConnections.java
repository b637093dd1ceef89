package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.error.SluiceException;

import java.util.Map;

/**
 * How Sluice connects to PostgreSQL: one pool sized for the workers, whose connections find
 * Sluice's own tables in schema {@code sluice} and collections in theirs, and the migration.
 * Stateless.
 */
final class PostgresConnections {
    private static final String POSTGRES_SCHEMA = SchemaMigrations.POSTGRES.schema();
    private static final int POSTGRES_MIN_POOL_SIZE = 10;
    private static final long POSTGRES_CONNECTION_TIMEOUT_MILLIS = 5_000;

    private PostgresConnections() {
    }

    /** As {@link Database#openPostgres(String, String, String, String, int)}. */
    static Database open(String jdbcUrl, String user, String password, String collectionSchema, int workers) {
        PostgresDialect dialect = new PostgresDialect(collectionSchema);
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(POSTGRES_MIN_POOL_SIZE, 2 * workers + 4));
        // a request waits this long for a connection while the database is away, then answers 503;
        // chunk transactions retry past it with backoff
        config.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT_MILLIS);
        // Sluice names its own tables unqualified (found in schema sluice: no collection name starts with
        // '_') and collection tables always qualified; anything else unqualified lands beside the collections
        config.addDataSourceProperty("currentSchema", collectionSchema + "," + POSTGRES_SCHEMA);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the query part may carry a password: name the server by what comes before it
            String where = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
            throw new SluiceException.Unavailable("database_unavailable", "cannot connect to PostgreSQL at " + where + ": "
                    + e.getMessage(), Map.of(), e);
        }
        try {
            SchemaMigrations.migrate(pool, SchemaMigrations.POSTGRES);
            Database db = new Database(pool, dialect);
            db.write(h -> h.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(collectionSchema)));
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
