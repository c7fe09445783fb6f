-- Ninsho schema, version 1 (PostgreSQL).
-- Keys and searched values use COLLATE "C": byte order (= code point order on UTF-8), the same order as
-- SQLite's BINARY, whatever the database's default collation; range conditions then use the b-tree indexes.
-- Timestamps are timestamptz, written at millisecond precision.
-- Deletes cascade through foreign keys:
--   pool -> keys, clients, users; client -> refresh tokens; user -> refresh tokens.
-- Search rows have no foreign key (see user_search): the user store deletes them with the user or the pool.

CREATE TABLE user_pools (
    pool_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    name        text             NOT NULL,
    created_at  timestamptz      NOT NULL,
    modified_at timestamptz      NOT NULL,
    config_json text             NOT NULL,
    version     bigint           NOT NULL
);

CREATE TABLE signing_keys (
    pool_id     text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    key_id      text COLLATE "C" NOT NULL,
    key_use     text             NOT NULL,
    private_key bytea            NOT NULL,
    created_at  timestamptz      NOT NULL,
    PRIMARY KEY (pool_id, key_id)
);

CREATE TABLE user_pool_clients (
    client_id   text COLLATE "C" NOT NULL PRIMARY KEY,
    pool_id     text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    name        text             NOT NULL,
    created_at  timestamptz      NOT NULL,
    modified_at timestamptz      NOT NULL,
    config_json text             NOT NULL,
    version     bigint           NOT NULL
);

CREATE INDEX ix_user_pool_clients_pool ON user_pool_clients (pool_id, client_id);

CREATE TABLE users (
    pool_id                text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    username_key           text COLLATE "C" NOT NULL,
    username               text             NOT NULL,
    sub                    text             NOT NULL,
    status                 text             NOT NULL,
    enabled                boolean          NOT NULL,
    created_at             timestamptz      NOT NULL,
    modified_at            timestamptz      NOT NULL,
    attributes_json        jsonb            NOT NULL,
    password_hash          text,
    password_set_at        timestamptz,
    tokens_valid_after     timestamptz,
    failed_sign_ins        integer          NOT NULL,
    last_failed_sign_in_at timestamptz,
    extra_json             text,
    version                bigint           NOT NULL,
    PRIMARY KEY (pool_id, username_key)
);

-- One row per searchable attribute value of a user (SearchableAttributes.ValueOf), rewritten with the user.
-- The primary key is the search index: equality and prefix (a range on value) filters, paged by username_key.
-- The second index reads one attribute of a pool in username_key order, so the planner can answer a broad
-- prefix filter without sorting every match, and finds a user's rows (attr = ANY(...)) on update or delete.
-- A foreign key to users would need an index on (pool_id, username_key) instead, a third copy of the rows.
CREATE TABLE user_search (
    pool_id      text COLLATE "C" NOT NULL,
    attr         text COLLATE "C" NOT NULL,
    value        text COLLATE "C" NOT NULL,
    username_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (pool_id, attr, value, username_key)
);

CREATE INDEX ix_user_search_key ON user_search (pool_id, attr, username_key);

CREATE TABLE refresh_tokens (
    token_hash   text COLLATE "C" NOT NULL PRIMARY KEY,
    pool_id      text COLLATE "C" NOT NULL,
    client_id    text COLLATE "C" NOT NULL REFERENCES user_pool_clients (client_id) ON DELETE CASCADE,
    username_key text COLLATE "C" NOT NULL,
    origin_jti   text COLLATE "C" NOT NULL,
    auth_time    timestamptz      NOT NULL,
    issued_at    timestamptz      NOT NULL,
    expires_at   timestamptz      NOT NULL,
    revoked_at   timestamptz,
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
);

CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (pool_id, username_key);
CREATE INDEX ix_refresh_tokens_client ON refresh_tokens (client_id);
CREATE INDEX ix_refresh_tokens_origin ON refresh_tokens (origin_jti);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

CREATE TABLE secrets (
    name  text COLLATE "C" NOT NULL PRIMARY KEY,
    value bytea            NOT NULL
);
