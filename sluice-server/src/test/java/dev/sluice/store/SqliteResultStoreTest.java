package dev.sluice.store;

import java.nio.file.Path;

/** The result store contract on an embedded SQLite file. */
class SqliteResultStoreTest extends ResultStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }
}
