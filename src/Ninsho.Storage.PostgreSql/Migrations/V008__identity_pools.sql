-- Ninsho schema, version 8 (PostgreSQL): identity pools (cognito-identity), their identities and linked logins.
-- Deletes cascade: identity pool -> identities -> logins.
-- identity_logins' primary key finds the identity of a login (GetId); ix_identity_logins_identity serves the
-- cascade and unlinking. ix_identities_pool lists a pool's identities in id order (ListIdentities).

CREATE TABLE identity_pools (
    identity_pool_id text COLLATE "C" NOT NULL PRIMARY KEY,
    name             text             NOT NULL,
    config_json      text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    modified_at      timestamptz      NOT NULL,
    version          bigint           NOT NULL
);

CREATE TABLE identities (
    identity_id      text COLLATE "C" NOT NULL PRIMARY KEY,
    identity_pool_id text COLLATE "C" NOT NULL REFERENCES identity_pools (identity_pool_id) ON DELETE CASCADE,
    logins_json      text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    modified_at      timestamptz      NOT NULL
);

CREATE INDEX ix_identities_pool ON identities (identity_pool_id, identity_id);

CREATE TABLE identity_logins (
    identity_pool_id text COLLATE "C" NOT NULL,
    login_key        text COLLATE "C" NOT NULL,
    provider         text COLLATE "C" NOT NULL,
    identity_id      text COLLATE "C" NOT NULL REFERENCES identities (identity_id) ON DELETE CASCADE,
    PRIMARY KEY (identity_pool_id, login_key)
);

CREATE INDEX ix_identity_logins_identity ON identity_logins (identity_id, provider);
