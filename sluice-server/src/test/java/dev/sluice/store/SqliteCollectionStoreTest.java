package dev.sluice.store;

import dev.sluice.sink.RecordSink;
import dev.sluice.sink.SqliteRecordSink;

import java.nio.file.Path;

/** The collection store contract on an embedded SQLite file. */
class SqliteCollectionStoreTest extends CollectionStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }

    @Override
    protected RecordSink sink() {
        return new SqliteRecordSink();
    }
}
