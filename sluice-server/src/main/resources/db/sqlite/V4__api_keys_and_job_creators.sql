-- API keys (docs/http-api.md, "Keys and scopes"). The secret itself is never stored: only its
-- SHA-256, looked up on every request so that a revocation holds on every node at once.
CREATE TABLE _sluice_keys (
    id            TEXT PRIMARY KEY,      -- UUIDv7: sorts by creation time
    name          TEXT NOT NULL,
    prefix        TEXT NOT NULL,            -- the secret's first characters, to recognise it
    secret_hash   TEXT NOT NULL UNIQUE,     -- hex SHA-256 of the secret
    scopes        TEXT NOT NULL,            -- JSON array of scope names
    collections   TEXT NOT NULL,            -- JSON array of collection names, or ["*"]
    created_at    TEXT NOT NULL,
    expires_at    TEXT,
    last_used_at  TEXT,
    revoked_at    TEXT
);

-- Who created a job: {"key_id", "key_name"} as JSON, or NULL when the server ran open.
ALTER TABLE _sluice_jobs ADD COLUMN created_by TEXT;
