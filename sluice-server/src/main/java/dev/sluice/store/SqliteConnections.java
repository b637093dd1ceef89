package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.error.SluiceException;
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
 * How Sluice opens its SQLite database: the data directory's exclusive lock, the file in WAL mode,
 * the one writer connection, the read-only pool, the checkpointer beside them, and the migration.
 * Stateless.
 */
final class SqliteConnections {
    private static final String FILE_NAME = "sluice.db";

    private SqliteConnections() {
    }

    /** As {@link Database#openSqlite}. */
    static Database open(Path given) {
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
            SchemaMigrations.migrate(writerPool, SchemaMigrations.SQLITE);
            readerPool = pool("sluice-reader", sqlite(file, true), 4, true);
            HikariDataSource checkpointPool = pool("sluice-checkpoint", sqlite(file, false), 1, false);
            return new Database(file, writerPool, readerPool, checkpointPool, channel, lock);
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

    static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
