package dev.sluice.engine;

import dev.sluice.job.OptionSet;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.format.RecordLimit;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.Job;
import dev.sluice.job.ImportOptions;
import dev.sluice.sink.RecordSink;
import dev.sluice.sink.SqliteRecordSink;
import dev.sluice.source.Staging;
import dev.sluice.store.CollectionStore;
import dev.sluice.store.Database;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine wired as {@code Service} wires it, minus HTTP, in this JVM: a real SQLite file, real
 * staging, real worker threads; only the chunk size and the commit interval are the test's.
 */
final class LocalEngine implements AutoCloseable {
    static final Duration RETENTION = Duration.ofDays(7);

    final Database db;
    final CollectionStore collections;
    final JobStore jobs;
    final ResultStore results;
    private final Engine engine;
    private final Imports imports;

    LocalEngine(Path dataDir, int chunkRows, Duration commitInterval) {
        this(dataDir, chunkRows, commitInterval, new SqliteRecordSink());
    }

    /** @param sink what the engine writes through (a test may hand it one that misbehaves) */
    LocalEngine(Path dataDir, int chunkRows, Duration commitInterval, RecordSink sink) {
        InstantSource clock = InstantSource.system();
        db = Database.openSqlite(dataDir);
        collections = new CollectionStore(db, clock);
        jobs = new JobStore(db, clock);
        results = new ResultStore(db);
        Staging staging = new Staging(dataDir.resolve("staging"));
        engine = new Engine(EngineParts.of(db, jobs, results, collections, sink, staging),
                new EngineSettings(1, chunkRows, 8L * 1024 * 1024, commitInterval, Duration.ofSeconds(30), RETENTION,
                        "test-node", 3, RecordLimit.DEFAULT), new JobEvents());
        imports = new Imports(collections, jobs, staging, engine, clock);
        engine.start();
    }

    /** The collection {@link PeopleCsv} and the tests' small files fit: email (the key), name, age. */
    static CollectionSchema people() {
        return CollectionSchema.define("people", List.of(
                new Field("email", FieldType.STRING, true, null),
                new Field("name", FieldType.STRING, false, null),
                new Field("age", FieldType.INTEGER, false, null)), List.of("email"), false);
    }

    CollectionSchema createPeople() {
        return collections.create(people());
    }

    /** Stages {@code csv} as {@code people.csv} and queues a job for it. */
    Job submit(ImportOptions options, byte[] csv) {
        return imports.submitFile(new Imports.FileSubmission("people", options, "people.csv", SourceFormat.CSV, OptionSet.EMPTY,
                new ByteArrayInputStream(csv), "{}"));
    }

    /** Waits for the job to end and answers it as it ended. */
    Job awaitEnd(String id) throws InterruptedException {
        Job job = imports.await(id, Duration.ofSeconds(60)).orElseThrow();
        assertThat(job.state().isTerminal()).as("job ended within 60 s: %s", job).isTrue();
        return job;
    }

    /** Stops the engine (a running job is released) and closes the database. */
    @Override
    public void close() {
        engine.stop();
        db.close();
    }
}
