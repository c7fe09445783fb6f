-- Ninsho schema, version 4 (PostgreSQL): tracked devices (device remembering, DEVICE_SRP_AUTH).
-- Deletes cascade: pool -> devices (through users); user -> devices.
-- ix_devices_user lists a user's devices in key order (ListDevices).

CREATE TABLE devices (
    pool_id           text COLLATE "C" NOT NULL,
    device_key        text COLLATE "C" NOT NULL,
    username_key      text COLLATE "C" NOT NULL,
    device_group_key  text             NOT NULL,
    device_name       text,
    salt              text,
    verifier          text,
    remembered_status text,
    created_at        timestamptz      NOT NULL,
    modified_at       timestamptz      NOT NULL,
    last_auth_at      timestamptz,
    version           bigint           NOT NULL,
    PRIMARY KEY (pool_id, device_key),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
);

CREATE INDEX ix_devices_user ON devices (pool_id, username_key, device_key);
