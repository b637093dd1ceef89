package dev.sluice.sink;

import dev.sluice.store.Database;
import dev.sluice.store.PostgresTestServer;

import java.nio.file.Path;

/** The record sink contract for PostgreSQL's COPY and merge (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresRecordSinkTest extends RecordSinkContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }

    @Override
    protected RecordSink sink() {
        return new PostgresRecordSink("public");
    }
}
