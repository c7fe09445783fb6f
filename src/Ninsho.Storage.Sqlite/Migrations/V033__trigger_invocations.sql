-- Ninsho schema, version 33 (SQLite): the log of Lambda trigger invocations (docs/triggers.md). No foreign keys:
-- the log outlives the users it mentions; each pool keeps only its newest entries (the store prunes on insert).

CREATE TABLE trigger_invocations (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    pool_id        TEXT    NOT NULL,
    trigger_source TEXT    NOT NULL,
    function_arn   TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    event          TEXT    NOT NULL,
    response       TEXT,
    error_type     TEXT,
    error_message  TEXT,
    duration_ms    INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_trigger_invocations_pool ON trigger_invocations (pool_id, id);
