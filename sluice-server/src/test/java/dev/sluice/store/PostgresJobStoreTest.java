package dev.sluice.store;

import java.nio.file.Path;

/** The job store contract on PostgreSQL (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresJobStoreTest extends JobStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }
}
