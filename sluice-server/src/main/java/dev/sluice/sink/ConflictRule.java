package dev.sluice.sink;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.ConvertedRow;
import dev.sluice.job.ConflictPolicy;
import dev.sluice.job.RowOutcome;

import java.util.List;

import java.util.Objects;
import java.util.UUID;

/**
 * The conflict rules, written once: the outcome of a row under its job's {@code on_conflict} policy,
 * given what its key met (docs/concepts.md, "Row outcomes"). Every sink asks it, the validating one
 * included, so a validate-only job predicts exactly what an import would do. A new policy or a new
 * answer is one more case in {@link #decide}, and {@link #overwrites} says whether its rows still
 * go to the database when their key is taken. Immutable and thread-safe.
 */
public final class ConflictRule {
    private final ConflictPolicy policy;

    /** @param policy the job's {@code on_conflict} */
    public ConflictRule(ConflictPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * What a row's key met when the row reached the collection.
     *
     * @param recordBeforeJob whether a record written before this job held the key (and still does)
     * @param earlierRow      where an earlier row of this job with the key was, or null
     * @param recordId        the record the outcome names: the one holding the key, or the one made
     *                        for the row when nothing held it; null where no record is made
     * @param same            whether the record already holds the row's values, as stored, in every
     *                        field the row overwrites (asked only by overwriting rules)
     * @param absentRequired  a required field the row does not carry (only {@code merge} leaves one
     *                        out), or null: the row can update a record but not create one
     */
    public record Met(boolean recordBeforeJob, RowOutcome.Position earlierRow, UUID recordId, boolean same,
                      String absentRequired) {

        /** The key was free: the row makes record {@code newId}. */
        public static Met nothing(UUID newId) {
            return new Met(false, null, newId, false, null);
        }

        /** A record from before this job holds the key. */
        public static Met recordBeforeJob(UUID id) {
            return new Met(true, null, id, false, null);
        }

        /** An earlier row of this job, at {@code at}, has the key; {@code id} is its record, if known. */
        public static Met earlierRow(RowOutcome.Position at, UUID id) {
            return new Met(false, at, id, false, null);
        }

        /** Record {@code id} holds the key: written by this job at packed position {@code writtenAt}, or before it. */
        static Met record(UUID id, boolean byThisJob, long writtenAt) {
            return byThisJob ? earlierRow(RecordSink.position(writtenAt), id) : recordBeforeJob(id);
        }

        /** As this, where the record already holds the row's values ({@code same}) or not. */
        public Met same(boolean same) {
            return new Met(recordBeforeJob, earlierRow, recordId, same, absentRequired);
        }

        /** As this, for a row that does not carry required field {@code field} (null: it carries them all). */
        public Met absentRequired(String field) {
            return new Met(recordBeforeJob, earlierRow, recordId, same, field);
        }
    }

    /**
     * Whether a row whose key is taken still goes to the database, to overwrite the record: then
     * the repeats of a key within one chunk are written in order, not decided before the write.
     */
    public boolean overwrites() {
        return policy == ConflictPolicy.UPDATE || policy == ConflictPolicy.MERGE;
    }

    /**
     * The first required field that {@code row} does not carry, or null: under {@code merge} a row
     * may leave out fields and still update a record, but it cannot create one without them.
     */
    public String absentRequired(CollectionSchema collection, ConvertedRow row) {
        if (policy != ConflictPolicy.MERGE || row.carried() == null) {
            return null;
        }
        List<Field> fields = collection.fields();
        for (int f = 0; f < fields.size(); f++) {
            if (fields.get(f).required() && !row.carried().get(f)) {
                return fields.get(f).name();
            }
        }
        return null;
    }

    /**
     * The row's outcome. A record from before the job outranks an earlier row of the job: under
     * {@code skip} a repeat of a pre-existing key is {@code unchanged}, not {@code skipped}. Under
     * {@code update} and {@code merge} a record from before the job that already holds the row's
     * values is {@code unchanged} (and not written); a record this job wrote is {@code updated}
     * either way, so that a validate-only job, which remembers keys and not values, predicts it.
     */
    public RowOutcome decide(Met met) {
        if (met.recordBeforeJob()) {
            return switch (policy) {
                case SKIP -> new RowOutcome.Unchanged(met.recordId());
                case UPDATE, MERGE -> met.same() ? new RowOutcome.Unchanged(met.recordId())
                        : new RowOutcome.Updated(met.recordId());
                case FAIL -> new RowOutcome.Failed("duplicate_key", null,
                        "a record with this key already exists (" + met.recordId() + ")");
            };
        }
        if (met.earlierRow() != null) {
            return switch (policy) {
                case SKIP -> new RowOutcome.Skipped(met.earlierRow(), met.recordId());
                case UPDATE, MERGE -> new RowOutcome.Updated(met.recordId());
                case FAIL -> new RowOutcome.Failed("duplicate_key", null,
                        "key already appeared at line " + met.earlierRow().line() + " of this import");
            };
        }
        if (met.absentRequired() != null) {
            return new RowOutcome.Failed("missing_required", met.absentRequired(),
                    "is required but the source has no " + met.absentRequired());
        }
        return new RowOutcome.Created(met.recordId());
    }
}
