-- Sluice's own tables. Collection tables share this database file (so a chunk's records,
-- results, counters and checkpoint commit in one transaction); collection names must start
-- with a letter, so the _sluice_ prefix can never collide with them.

CREATE TABLE _sluice_collections (
    name        TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,            -- JSON: fields, key, key_case_insensitive
    created_at  TEXT NOT NULL
);

CREATE TABLE _sluice_jobs (
    id                   TEXT PRIMARY KEY,  -- UUIDv7: sorts by creation time
    collection           TEXT NOT NULL,
    state                TEXT NOT NULL,
    job_type             TEXT NOT NULL,
    options              TEXT NOT NULL,     -- JSON
    metadata             TEXT NOT NULL DEFAULT '{}',
    provenance           TEXT NOT NULL DEFAULT '{}',
    attempt              INTEGER NOT NULL DEFAULT 1,
    parent_id            TEXT,
    idempotency_key      TEXT,
    request_hash         TEXT,
    created              INTEGER NOT NULL DEFAULT 0,
    updated              INTEGER NOT NULL DEFAULT 0,
    unchanged            INTEGER NOT NULL DEFAULT 0,
    skipped              INTEGER NOT NULL DEFAULT 0,
    failed               INTEGER NOT NULL DEFAULT 0,
    bytes_processed      INTEGER NOT NULL DEFAULT 0,
    percent              REAL,
    rows_per_second      REAL,
    estimated_completion TEXT,
    current_operation    TEXT,
    error_code           TEXT,
    error_message        TEXT,
    retryable            INTEGER NOT NULL DEFAULT 0,
    error_samples        TEXT NOT NULL DEFAULT '[]',
    cancel_requested     INTEGER NOT NULL DEFAULT 0,
    lease_owner          TEXT,
    lease_expires_at     TEXT,
    created_at           TEXT NOT NULL,
    started_at           TEXT,
    updated_at           TEXT NOT NULL,
    completed_at         TEXT,
    failed_at            TEXT,
    expires_at           TEXT
);
CREATE INDEX _sluice_jobs_state ON _sluice_jobs (state, id);
CREATE INDEX _sluice_jobs_collection ON _sluice_jobs (collection, id);
CREATE INDEX _sluice_jobs_expires ON _sluice_jobs (expires_at) WHERE expires_at IS NOT NULL;
CREATE UNIQUE INDEX _sluice_jobs_idempotency ON _sluice_jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE _sluice_files (
    id              TEXT PRIMARY KEY,
    job_id          TEXT NOT NULL REFERENCES _sluice_jobs (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    name            TEXT NOT NULL,
    format          TEXT NOT NULL,
    dialect         TEXT NOT NULL DEFAULT '{}',  -- JSON: delimiter, quote, header, columns, null_values, encoding, strict
    size_bytes      INTEGER,
    source_url      TEXT,
    staged_path     TEXT,
    state           TEXT NOT NULL,
    created         INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    unchanged       INTEGER NOT NULL DEFAULT 0,
    skipped         INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    bytes_processed INTEGER NOT NULL DEFAULT 0,
    records_read    INTEGER NOT NULL DEFAULT 0,  -- the checkpoint: source records consumed and committed
    last_line       INTEGER NOT NULL DEFAULT 0,
    columns         TEXT,                        -- JSON array: the columns as read, for the failed-rows file
    percent         REAL,
    rows_per_second REAL,
    started_at      TEXT,
    completed_at    TEXT,
    error_code      TEXT,
    error_message   TEXT,
    UNIQUE (job_id, ordinal)
);

CREATE TABLE _sluice_results (
    seq           INTEGER PRIMARY KEY,
    job_id        TEXT NOT NULL,
    file_ordinal  INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    row_key       TEXT,
    outcome       TEXT NOT NULL,
    record_id     TEXT,
    error_code    TEXT,
    error_field   TEXT,
    error_message TEXT,
    dup_file      INTEGER,
    dup_line      INTEGER,
    source        TEXT
);
CREATE INDEX _sluice_results_job ON _sluice_results (job_id, seq);
CREATE INDEX _sluice_results_job_outcome ON _sluice_results (job_id, outcome, seq);

CREATE TABLE _sluice_job_log (
    seq     INTEGER PRIMARY KEY,
    job_id  TEXT NOT NULL,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX _sluice_job_log_job ON _sluice_job_log (job_id, seq);
