package dev.sluice.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the job contract tests stand on: a fresh database of the kind a subclass per database opens,
 * a hand-moved clock (so stored times are asserted exactly) and a {@link JobStore} over both,
 * opened before each test and closed after it.
 */
abstract class JobDatabaseContract {
    @TempDir
    Path dataDir;

    Database db;
    TestClock clock;
    JobStore jobs;

    /** Opens (creating and migrating) the database under test in {@code dataDir}. */
    protected abstract Database openDatabase(Path dataDir);

    @BeforeEach
    void openStore() {
        db = openDatabase(dataDir);
        clock = new TestClock(TestClock.T0);
        jobs = new JobStore(db, clock);
    }

    @AfterEach
    void closeStore() {
        db.close();
    }
}
