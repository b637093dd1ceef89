-- Open jobs, retries, validate-only jobs and idempotency keys (mirrors db/sqlite/V2).

-- An Idempotency-Key may be used again 24 h after its first use: its uniqueness lives in a table
-- of live keys, one row per key, replaced once it has expired (or when its job is purged).
DROP INDEX _sluice_jobs_idempotency;
CREATE INDEX _sluice_jobs_idempotency ON _sluice_jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE _sluice_idempotency_keys (
    idempotency_key TEXT PRIMARY KEY,
    request_hash    TEXT NOT NULL,            -- SHA-256 of the request: body bytes and options
    job_id          TEXT NOT NULL,
    expires_at      TEXT COLLATE "C" NOT NULL -- 24 h after first use
);
CREATE INDEX _sluice_idempotency_keys_job ON _sluice_idempotency_keys (job_id);

-- The format and dialect options of the request that created a job, as JSON.
ALTER TABLE _sluice_jobs ADD COLUMN file_defaults TEXT NOT NULL DEFAULT '{}';

-- A retry child's file: before record number lines_listed_until only the lines listed in
-- _sluice_retry_lines are imported; from it on, every record. NULL: an ordinary file.
ALTER TABLE _sluice_files ADD COLUMN lines_listed_until BIGINT;
-- 1: a fixed file sent to retry; its _line column names each row's original line.
ALTER TABLE _sluice_files ADD COLUMN original_lines INTEGER NOT NULL DEFAULT 0;

CREATE TABLE _sluice_retry_lines (
    job_id       TEXT NOT NULL,
    file_ordinal INTEGER NOT NULL,
    line         BIGINT NOT NULL,
    PRIMARY KEY (job_id, file_ordinal, line)
);

-- The keys a validate-only job would have written, written in the chunk's transaction and emptied
-- when the job ends.
CREATE TABLE _sluice_validation_keys (
    job_id       TEXT NOT NULL,
    row_key      TEXT NOT NULL,
    file_ordinal INTEGER NOT NULL,
    line         BIGINT NOT NULL,
    PRIMARY KEY (job_id, row_key)
);
