-- Ninsho schema, version 17 (SQLite): users' passkeys (WebAuthn credentials) and their pending registrations.
-- Deletes cascade: pool -> users -> both tables.
-- ix_webauthn_credentials_user lists a user's passkeys in id order (ListWebAuthnCredentials).
-- webauthn_registrations holds at most one registration per user, taken once by CompleteWebAuthnRegistration.

CREATE TABLE webauthn_credentials (
    pool_id          TEXT    NOT NULL,
    credential_id    TEXT    NOT NULL,
    username_key     TEXT    NOT NULL,
    public_key       TEXT    NOT NULL,
    sign_count       INTEGER NOT NULL,
    relying_party_id TEXT    NOT NULL,
    friendly_name    TEXT    NOT NULL,
    attachment       TEXT,
    transports_json  TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    last_used_at     INTEGER,
    PRIMARY KEY (pool_id, credential_id),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_webauthn_credentials_user ON webauthn_credentials (pool_id, username_key, credential_id);

CREATE TABLE webauthn_registrations (
    pool_id      TEXT    NOT NULL,
    username_key TEXT    NOT NULL,
    client_id    TEXT    NOT NULL,
    options_json TEXT    NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (pool_id, username_key),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
