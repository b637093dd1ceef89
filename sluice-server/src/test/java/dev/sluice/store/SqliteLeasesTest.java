package dev.sluice.store;

import java.nio.file.Path;

/** The lease contract on an embedded SQLite file. */
class SqliteLeasesTest extends LeasesContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return Database.openSqlite(dataDir);
    }
}
