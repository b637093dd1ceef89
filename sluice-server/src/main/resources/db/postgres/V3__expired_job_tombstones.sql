-- Ids of jobs that the retention purge deleted, so that asking for one answers "expired" rather
-- than "does not exist". A tombstone is kept for 30 days after the purge, then purged itself.
CREATE TABLE _sluice_expired_jobs (
    id          TEXT COLLATE "C" PRIMARY KEY,
    expired_at  TEXT NOT NULL
);

CREATE INDEX _sluice_expired_jobs_expired_at ON _sluice_expired_jobs (expired_at);
