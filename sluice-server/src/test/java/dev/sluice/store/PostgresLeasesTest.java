package dev.sluice.store;

import java.nio.file.Path;

/** The lease contract on PostgreSQL (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresLeasesTest extends LeasesContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }
}
