package dev.sluice.store;

import java.nio.file.Path;

/** The job moves contract on an embedded SQLite file. */
class SqliteJobTransitionsTest extends JobTransitionsContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }
}
