package dev.sluice.store;

import java.nio.file.Path;

/** The job store contract on an embedded SQLite file. */
class SqliteJobStoreTest extends JobStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }
}
