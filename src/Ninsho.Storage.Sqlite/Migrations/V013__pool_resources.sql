-- Ninsho schema, version 13 (SQLite): named configuration resources of user pools (identity providers, …).
-- Deletes cascade with the pool. The primary key finds one resource and lists a kind in name order.

CREATE TABLE pool_resources (
    pool_id     TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    body_json   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (pool_id, kind, name)
) STRICT, WITHOUT ROWID;
