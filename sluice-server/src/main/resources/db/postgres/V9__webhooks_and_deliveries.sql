-- Webhooks (docs/http-api.md, "Webhooks"). The signing secret is kept as given: signing needs it.
CREATE TABLE _sluice_webhooks (
    id          TEXT COLLATE "C" PRIMARY KEY,      -- UUIDv7: sorts by creation time
    url         TEXT NOT NULL,
    events      TEXT NOT NULL,         -- JSON array of event types
    collections TEXT NOT NULL,         -- JSON array of collection names, or ["*"]
    secret      TEXT NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    deleted_at  TEXT COLLATE "C"
);

-- The outbox: one row per event and webhook, written in the transaction of the job's state change,
-- so no event is lost; sent by whichever node leases it first, retried until delivered or given up.
CREATE TABLE _sluice_deliveries (
    id               TEXT COLLATE "C" PRIMARY KEY,   -- UUIDv7, the Sluice-Delivery header: stable across retries
    webhook_id       TEXT COLLATE "C",                -- null for a one-off notify_url
    url              TEXT,               -- the notify_url; null: the webhook's url
    job_id           TEXT NOT NULL,
    type             TEXT NOT NULL,      -- job.started, job.completed, ...
    created_at       TEXT COLLATE "C" NOT NULL,
    body             TEXT,               -- the JSON sent, made at the first attempt and sent as is after
    state            TEXT NOT NULL,      -- pending, delivered, failed (given up)
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT COLLATE "C" NOT NULL,
    give_up_at       TEXT COLLATE "C" NOT NULL,
    lease_owner      TEXT,
    lease_expires_at TEXT COLLATE "C"
);
CREATE INDEX _sluice_deliveries_due ON _sluice_deliveries (state, next_attempt_at);
CREATE INDEX _sluice_deliveries_webhook ON _sluice_deliveries (webhook_id, id);

-- Each attempt of a delivery, for GET /v1/webhooks/{id}/deliveries.
CREATE TABLE _sluice_delivery_attempts (
    delivery_id TEXT COLLATE "C" NOT NULL,
    attempt     INTEGER NOT NULL,
    at          TEXT COLLATE "C" NOT NULL,
    status_code INTEGER,
    duration_ms INTEGER NOT NULL,
    error       TEXT,
    PRIMARY KEY (delivery_id, attempt)
);

