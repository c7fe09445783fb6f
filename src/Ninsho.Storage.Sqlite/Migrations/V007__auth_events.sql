-- Ninsho schema, version 7 (SQLite): users' authentication events (AdminListUserAuthEvents).
-- Events cascade with their user. The primary key serves the newest-first listing of one user's events
-- (ORDER BY created_at DESC, event_id DESC) and the lookup of one event.

CREATE TABLE auth_events (
    pool_id        TEXT    NOT NULL,
    username_key   TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    event_id       TEXT    NOT NULL,
    event_type     TEXT    NOT NULL,
    event_response TEXT    NOT NULL,
    detail         TEXT    NOT NULL,
    PRIMARY KEY (pool_id, username_key, created_at, event_id),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ix_auth_events_id ON auth_events (pool_id, username_key, event_id);
