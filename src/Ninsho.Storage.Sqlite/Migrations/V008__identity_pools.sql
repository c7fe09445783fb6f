-- Ninsho schema, version 8 (SQLite): identity pools (cognito-identity), their identities and linked logins.
-- Deletes cascade: identity pool -> identities -> logins.
-- identity_logins' primary key finds the identity of a login (GetId); ix_identity_logins_identity serves the
-- cascade and unlinking. ix_identities_pool lists a pool's identities in id order (ListIdentities).

CREATE TABLE identity_pools (
    identity_pool_id TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    config_json      TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    modified_at      INTEGER NOT NULL,
    version          INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE identities (
    identity_id      TEXT    NOT NULL PRIMARY KEY,
    identity_pool_id TEXT    NOT NULL REFERENCES identity_pools (identity_pool_id) ON DELETE CASCADE,
    logins_json      TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    modified_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_identities_pool ON identities (identity_pool_id, identity_id);

CREATE TABLE identity_logins (
    identity_pool_id TEXT NOT NULL,
    login_key        TEXT NOT NULL,
    provider         TEXT NOT NULL,
    identity_id      TEXT NOT NULL REFERENCES identities (identity_id) ON DELETE CASCADE,
    PRIMARY KEY (identity_pool_id, login_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_identity_logins_identity ON identity_logins (identity_id, provider);
