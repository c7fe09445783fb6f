-- Ninsho schema, version 4 (SQLite): tracked devices (device remembering, DEVICE_SRP_AUTH).
-- Deletes cascade: pool -> devices (through users); user -> devices.
-- ix_devices_user lists a user's devices in key order (ListDevices).

CREATE TABLE devices (
    pool_id           TEXT    NOT NULL,
    device_key        TEXT    NOT NULL,
    username_key      TEXT    NOT NULL,
    device_group_key  TEXT    NOT NULL,
    device_name       TEXT,
    salt              TEXT,
    verifier          TEXT,
    remembered_status TEXT,
    created_at        INTEGER NOT NULL,
    modified_at       INTEGER NOT NULL,
    last_auth_at      INTEGER,
    version           INTEGER NOT NULL,
    PRIMARY KEY (pool_id, device_key),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_devices_user ON devices (pool_id, username_key, device_key);
