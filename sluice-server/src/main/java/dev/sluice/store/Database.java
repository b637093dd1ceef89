package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.error.SluiceException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The database Sluice stores everything in: its own tables and the collection tables, and the
 * {@link SqlDialect} that says the SQL that differs. Either embedded SQLite in WAL mode with one
 * writer connection (every write goes through {@link #write}) and a small pool of readers that
 * never block it, or PostgreSQL with one pool whose connections all read and write.
 *
 * <p>Thread-safe. Opening SQLite takes an exclusive lock on the data directory, so two processes can
 * never write one SQLite file; it throws {@link SluiceException} when another process holds it.
 * PostgreSQL takes no lock: several nodes share one database.
 */
public final class Database implements AutoCloseable {
    private static final String FILE_NAME = "sluice.db";
    private static final String POSTGRES_SCHEMA = "sluice";
    private static final int POSTGRES_MIN_POOL_SIZE = 10;
    private static final long POSTGRES_CONNECTION_TIMEOUT_MILLIS = 5_000;

    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path file;
    private final HikariDataSource checkpointPool;
    private final SqlDialect dialect;

    private Database(Path file, HikariDataSource writerPool, HikariDataSource readerPool, FileChannel lockChannel,
                     FileLock lock) {
        this.dialect = new SqliteDialect();
        this.file = file;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.writer = Jdbi.create(writerPool);
        this.reader = Jdbi.create(readerPool);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.checkpointPool = pool("sluice-checkpoint", sqlite(file, false), 1, false);
    }

    private Database(HikariDataSource pool, SqlDialect dialect) {
        this.dialect = dialect;
        this.file = null;
        this.writerPool = pool;
        this.readerPool = pool;
        this.writer = Jdbi.create(pool);
        this.reader = writer;
        this.lockChannel = null;
        this.lock = null;
        this.checkpointPool = null;
    }

    /**
     * Connects to PostgreSQL and migrates Sluice's own tables in schema {@code sluice}; collection
     * tables go to {@code collectionSchema}, which must exist.
     *
     * @throws SluiceException {@code database_unavailable} when the server cannot be reached or migrated
     */
    public static Database openPostgres(String jdbcUrl, String user, String password, String collectionSchema) {
        return openPostgres(jdbcUrl, user, password, collectionSchema, 1);
    }

    /**
     * As {@link #openPostgres(String, String, String, String)}, with a pool sized for {@code workers}
     * concurrent imports: each holds one connection for its chunk transaction and briefly another for
     * its checks, beside HTTP reads, heartbeats and the reaper.
     */
    public static Database openPostgres(String jdbcUrl, String user, String password, String collectionSchema,
                                        int workers) {
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
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/postgres")
                    .schemas(POSTGRES_SCHEMA)
                    .table("_sluice_schema_history")
                    .load()
                    .migrate();
            Database db = new Database(pool, dialect);
            db.write(h -> h.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(collectionSchema)));
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The SQL that differs on this database. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** True on SQLite: this process is the only one that writes (the data directory is locked). */
    public boolean singleWriter() {
        return lock != null;
    }

    /** Opens (creating when needed) {@code sluice.db} in {@code dataDir} and migrates it. */
    public static Database openSqlite(Path given) {
        // messages name the directory as one absolute path, without "/./" or "/../" in it
        Path dataDir = given.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new SluiceException.Misconfigured("invalid_configuration",
                    "data directory " + dataDir.toAbsolutePath() + " cannot be created: " + e.getMessage());
        }
        Path lockFile = dataDir.resolve("sluice.lock");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new SluiceException.Misconfigured("data_dir_locked", "data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Sluice process (" + lockFile + " is locked)",
                    Map.of("data_dir", dataDir.toAbsolutePath().toString()));
        }
        Path file = dataDir.resolve(FILE_NAME);
        HikariDataSource writerPool = pool("sluice-writer", sqlite(file, false), 1, false);
        HikariDataSource readerPool = null;
        try {
            migrate(writerPool);
            readerPool = pool("sluice-reader", sqlite(file, true), 4, true);
            return new Database(file, writerPool, readerPool, channel, lock);
        } catch (RuntimeException e) {
            writerPool.close();
            if (readerPool != null) {
                readerPool.close();
            }
            closeQuietly(channel);
            throw e;
        }
    }

    private static SQLiteDataSource sqlite(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable against process crashes in WAL mode; only an OS crash may lose the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(readOnly ? -16_384 : -131_072);
        config.enforceForeignKeys(true);
        config.setReadOnly(readOnly);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    private static HikariDataSource pool(String name, DataSource ds, int size, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setReadOnly(readOnly);
        config.setPoolName(name);
        config.setDataSource(ds);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(60_000);
        config.setMaxLifetime(0);
        config.setIdleTimeout(0);
        if (!readOnly) {
            // the writer never stops to checkpoint: the checkpointer does it beside it (see checkpoint())
            config.setConnectionInitSql("PRAGMA wal_autocheckpoint = 0");
        }
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/sqlite")
                .table("_sluice_schema_history")
                .load()
                .migrate();
    }

    /**
     * Copies committed pages from the write-ahead log into the database file, beside the writer
     * rather than in its commits (the writer runs with auto-checkpoints off). PASSIVE: it never
     * waits for readers or the writer, so a busy moment just leaves the rest for the next call.
     */
    public void checkpoint() {
        if (checkpointPool == null) {
            return;
        }
        try (var c = checkpointPool.getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (java.sql.SQLException e) {
            throw new SluiceException.Unavailable("database_unavailable", "checkpoint failed: " + e.getMessage(), Map.of(), e);
        }
    }

    /** Runs {@code work} in one transaction on the writer connection; every write goes through here. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return writer.inTransaction(work);
    }

    /**
     * Runs a read on a reader connection; sees the last committed state. A read that meets a
     * connection the server has cut (a restart, a terminated backend) is tried once more on a fresh
     * one, the pool's other idle connections dropped first since they were most likely cut too:
     * status reads keep answering through a database restart instead of failing once per pooled
     * connection.
     */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return reader.withHandle(work);
        } catch (RuntimeException e) {
            if (!ConnectionLoss.isLost(e) || ConnectionLoss.isPoolTimeout(e)) {
                throw e; // not a lost connection, or the database is away: the pool already waited for it
            }
            var pool = readerPool.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
            return reader.withHandle(work);
        }
    }

    /** The reader pool's JDBI, for streaming reads that outlive one callback. */
    public Handle openReadHandle() {
        return reader.open();
    }

    /** The SQLite file, or null on PostgreSQL. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (checkpointPool == null) {
            writerPool.close();
            return;
        }
        try (var c = checkpointPool.getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (java.sql.SQLException ignored) {
            // the next open replays the log; nothing is lost
        }
        checkpointPool.close();
        readerPool.close();
        writerPool.close();
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
