-- Ninsho schema, version 12 (SQLite): resource servers (OAuth scopes) and user pool domains.
-- Deletes cascade from the pool. A domain is unique across all pools (its primary key); a pool has at most one
-- prefix domain and one custom domain (ux_user_pool_domains_kind).

CREATE TABLE resource_servers (
    pool_id     TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    identifier  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    scopes_json TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (pool_id, identifier)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_pool_domains (
    domain                TEXT    NOT NULL PRIMARY KEY,
    pool_id               TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    is_custom             INTEGER NOT NULL,
    certificate_arn       TEXT,
    managed_login_version INTEGER,
    created_at            INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_user_pool_domains_kind ON user_pool_domains (pool_id, is_custom);
