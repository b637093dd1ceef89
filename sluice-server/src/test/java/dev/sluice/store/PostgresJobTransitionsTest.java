package dev.sluice.store;

import java.nio.file.Path;

/** The job moves contract on PostgreSQL (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresJobTransitionsTest extends JobTransitionsContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }
}
