-- Log line numbers are taken at insert but lines commit in any order, so event streams read the log
-- in the order of the writing transaction's id, and only up to the oldest transaction still open:
-- a line that commits later then never sorts before one already sent (docs/http-api.md#events).
ALTER TABLE _sluice_job_log ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX _sluice_job_log_job_tx ON _sluice_job_log (job_id, tx, seq);
CREATE INDEX _sluice_job_log_tx ON _sluice_job_log (tx, seq);
