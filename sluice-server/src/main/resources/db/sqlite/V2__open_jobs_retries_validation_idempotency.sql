-- Open jobs, retries, validate-only jobs and idempotency keys (issue 4).

-- An Idempotency-Key may be used again 24 h after its first use, so a unique index over every job
-- that ever carried it would refuse the reuse. The uniqueness lives in a table of live keys instead:
-- one row per key, replaced once it has expired (or when its job is purged).
DROP INDEX _sluice_jobs_idempotency;
CREATE INDEX _sluice_jobs_idempotency ON _sluice_jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE _sluice_idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    request_hash    TEXT NOT NULL,   -- SHA-256 of the request: body bytes and options
    job_id          TEXT NOT NULL,
    expires_at      TEXT NOT NULL    -- 24 h after first use
);
CREATE INDEX _sluice_idempotency_keys_job ON _sluice_idempotency_keys (job_id);

-- The format and dialect options of the request that created a job, as JSON: files added to an
-- open job later read with them unless the adding request says otherwise.
ALTER TABLE _sluice_jobs ADD COLUMN file_defaults TEXT NOT NULL DEFAULT '{}';

-- A retry child's file re-reads its parent's data. Before record number lines_listed_until (the
-- parent's checkpoint; 9223372036854775807 for the whole file) only the lines listed in
-- _sluice_retry_lines are imported; from it on, every record. NULL: an ordinary file.
ALTER TABLE _sluice_files ADD COLUMN lines_listed_until INTEGER;
-- 1: a fixed file sent to retry; its _line column names each row's original line, and its
-- _error_code, _error_field and _error_message columns are ignored.
ALTER TABLE _sluice_files ADD COLUMN original_lines INTEGER NOT NULL DEFAULT 0;

CREATE TABLE _sluice_retry_lines (
    job_id       TEXT NOT NULL,
    file_ordinal INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (job_id, file_ordinal, line)
) WITHOUT ROWID;

-- The keys a validate-only job would have written, so it can tell in-job duplicates without a
-- set in memory. Written in the chunk's transaction (so a resumed job sees exactly the keys of
-- its committed rows) and emptied when the job ends.
CREATE TABLE _sluice_validation_keys (
    job_id       TEXT NOT NULL,
    row_key      TEXT NOT NULL,
    file_ordinal INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (job_id, row_key)
) WITHOUT ROWID;
