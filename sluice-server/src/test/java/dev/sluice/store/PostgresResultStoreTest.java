package dev.sluice.store;

import java.nio.file.Path;

/** The result store contract on PostgreSQL (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresResultStoreTest extends ResultStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }
}
