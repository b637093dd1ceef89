package dev.sluice.store;

import dev.sluice.sink.PostgresRecordSink;
import dev.sluice.sink.RecordSink;

import java.nio.file.Path;

/** The collection store contract on PostgreSQL (embedded, or {@code SLUICE_TEST_PG_URL}). */
class PostgresCollectionStoreTest extends CollectionStoreContractTest {

    @Override
    protected Database openDatabase(Path dataDir) {
        return PostgresTestServer.openFresh();
    }

    @Override
    protected RecordSink sink() {
        return new PostgresRecordSink("public");
    }
}
