-- Ninsho schema, version 1 (SQLite).
-- Timestamps are INTEGER milliseconds since the Unix epoch, UTC.
-- Text uses SQLite's BINARY collation: keys sort by UTF-8 bytes, i.e. by code point, as PostgreSQL's "C".
-- Deletes cascade through foreign keys (the connection turns foreign_keys on):
--   pool -> keys, clients, users; client -> refresh tokens; user -> refresh tokens.
-- Search rows have no foreign key (see user_search): the user store deletes them with the user or the pool.

CREATE TABLE user_pools (
    pool_id     TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    config_json TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    -- Kept by the user store in the same transactions as user inserts and deletes (writes are serialized).
    user_count  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE signing_keys (
    pool_id     TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    key_id      TEXT    NOT NULL,
    key_use     TEXT    NOT NULL,
    private_key BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (pool_id, key_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_pool_clients (
    client_id   TEXT    NOT NULL PRIMARY KEY,
    pool_id     TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    config_json TEXT    NOT NULL,
    version     INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_user_pool_clients_pool ON user_pool_clients (pool_id, client_id);

CREATE TABLE users (
    pool_id                TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    username_key           TEXT    NOT NULL,
    username               TEXT    NOT NULL,
    sub                    TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    enabled                INTEGER NOT NULL,
    created_at             INTEGER NOT NULL,
    modified_at            INTEGER NOT NULL,
    attributes_json        TEXT    NOT NULL,
    password_hash          TEXT,
    password_set_at        INTEGER,
    tokens_valid_after     INTEGER,
    failed_sign_ins        INTEGER NOT NULL,
    last_failed_sign_in_at INTEGER,
    extra_json             TEXT,
    version                INTEGER NOT NULL,
    UNIQUE (pool_id, username_key)
) STRICT;

-- One row per searchable attribute value of a user (SearchableAttributes.ValueOf), rewritten with the user.
-- The primary key is the search index: equality and prefix (a range on value) filters, paged by username_key.
-- The second index reads one attribute of a pool in username_key order: it answers broad prefix filters
-- without sorting every match, and finds a user's rows (one seek per searchable attribute) on update or delete.
-- A foreign key to users would need an index on (pool_id, username_key) instead, a third copy of the rows.
CREATE TABLE user_search (
    pool_id      TEXT NOT NULL,
    attr         TEXT NOT NULL,
    value        TEXT NOT NULL,
    username_key TEXT NOT NULL,
    PRIMARY KEY (pool_id, attr, value, username_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_user_search_key ON user_search (pool_id, attr, username_key);

CREATE TABLE refresh_tokens (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    pool_id      TEXT    NOT NULL,
    client_id    TEXT    NOT NULL REFERENCES user_pool_clients (client_id) ON DELETE CASCADE,
    username_key TEXT    NOT NULL,
    origin_jti   TEXT    NOT NULL,
    auth_time    INTEGER NOT NULL,
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT;

CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (pool_id, username_key);
CREATE INDEX ix_refresh_tokens_client ON refresh_tokens (client_id);
CREATE INDEX ix_refresh_tokens_origin ON refresh_tokens (origin_jti);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

CREATE TABLE secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
