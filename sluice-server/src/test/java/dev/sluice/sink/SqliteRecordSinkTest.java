package dev.sluice.sink;

import dev.sluice.store.Database;

import java.nio.file.Path;

/** The record sink contract for SQLite's batched upserts. */
class SqliteRecordSinkTest extends RecordSinkContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }

    @Override
    protected RecordSink sink() {
        return new SqliteRecordSink();
    }
}
