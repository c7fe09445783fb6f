-- Ninsho schema, version 12 (PostgreSQL): resource servers (OAuth scopes) and user pool domains.
-- Deletes cascade from the pool. A domain is unique across all pools (its primary key); a pool has at most one
-- prefix domain and one custom domain (ux_user_pool_domains_kind).

CREATE TABLE resource_servers (
    pool_id     text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    identifier  text COLLATE "C" NOT NULL,
    name        text             NOT NULL,
    scopes_json text             NOT NULL,
    created_at  timestamptz      NOT NULL,
    modified_at timestamptz      NOT NULL,
    PRIMARY KEY (pool_id, identifier)
);

CREATE TABLE user_pool_domains (
    domain                text COLLATE "C" NOT NULL PRIMARY KEY,
    pool_id               text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    is_custom             boolean          NOT NULL,
    certificate_arn       text,
    managed_login_version integer,
    created_at            timestamptz      NOT NULL
);

CREATE UNIQUE INDEX ux_user_pool_domains_kind ON user_pool_domains (pool_id, is_custom);
