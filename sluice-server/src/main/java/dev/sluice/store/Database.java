package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.SluiceException;
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
 * The database Sluice stores everything in: its own tables and the collection tables.
 * Embedded SQLite in WAL mode with one writer connection (every write goes through
 * {@link #write}) and a small pool of readers that never block it.
 *
 * <p>Thread-safe. Opening takes an exclusive lock on the data directory, so two processes can
 * never write one SQLite file; it throws {@link SluiceException} when another process holds it.
 */
public final class Database implements AutoCloseable {
    private static final String FILE_NAME = "sluice.db";

    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path file;
    private final HikariDataSource checkpointPool;

    private Database(Path file, HikariDataSource writerPool, HikariDataSource readerPool, FileChannel lockChannel,
                     FileLock lock) {
        this.file = file;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.writer = Jdbi.create(writerPool);
        this.reader = Jdbi.create(readerPool);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.checkpointPool = pool("sluice-checkpoint", sqlite(file, false), 1, false);
    }

    /** Opens (creating when needed) {@code sluice.db} in {@code dataDir} and migrates it. */
    public static Database openSqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new SluiceException("invalid_configuration",
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
            throw new SluiceException("data_dir_locked", "data directory " + dataDir.toAbsolutePath()
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
        try (var c = checkpointPool.getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (java.sql.SQLException e) {
            throw new SluiceException("database_unavailable", "checkpoint failed: " + e.getMessage(), Map.of(), e);
        }
    }

    /** Runs {@code work} in one transaction on the writer connection; every write goes through here. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return writer.inTransaction(work);
    }

    /** Runs a read on a reader connection; sees the last committed state. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return reader.withHandle(work);
    }

    /** The reader pool's JDBI, for streaming reads that outlive one callback. */
    public Handle openReadHandle() {
        return reader.open();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
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
