package dev.sluice.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.error.SluiceException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
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
    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path file;
    private final HikariDataSource checkpointPool;
    private final SqlDialect dialect;
    private final JobSignals signals = new JobSignals();
    private PostgresListener listener;

    Database(Path file, HikariDataSource writerPool, HikariDataSource readerPool, HikariDataSource checkpointPool,
             FileChannel lockChannel, FileLock lock) {
        this.dialect = new SqliteDialect();
        this.file = file;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.writer = Jdbi.create(writerPool);
        this.reader = Jdbi.create(readerPool);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.checkpointPool = checkpointPool;
    }

    Database(HikariDataSource pool, SqlDialect dialect) {
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
        return PostgresConnections.open(jdbcUrl, user, password, collectionSchema, workers);
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
        return SqliteConnections.open(given);
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
        T result = writer.inTransaction(work);
        if (singleWriter()) {
            signals.pulse(); // one process writes SQLite: its own commits are every change there is
        }
        return result;
    }

    /**
     * Tells every node, once the caller's transaction commits, that a job changed: a {@code NOTIFY}
     * on PostgreSQL; nothing to do on SQLite, whose commits pulse {@link #signals()} themselves.
     */
    public void announce(Handle h) {
        dialect.announce(h);
    }

    /**
     * The pulse raised after changes to jobs commit, on this node or (on PostgreSQL, through a
     * dedicated {@code LISTEN} connection opened at the first call) on any other.
     */
    public synchronized JobSignals signals() {
        if (!singleWriter() && listener == null) {
            listener = new PostgresListener(writerPool.getJdbcUrl(), writerPool.getUsername(),
                    writerPool.getPassword(), signals);
            listener.start();
        }
        return signals;
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
        synchronized (this) {
            if (listener != null) {
                listener.close();
            }
        }
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
        SqliteConnections.closeQuietly(lockChannel);
    }

}
