-- Ninsho schema, version 17 (PostgreSQL): users' passkeys (WebAuthn credentials) and their pending registrations.
-- Deletes cascade: pool -> users -> both tables.
-- ix_webauthn_credentials_user lists a user's passkeys in id order (ListWebAuthnCredentials).
-- webauthn_registrations holds at most one registration per user, taken once by CompleteWebAuthnRegistration.

CREATE TABLE webauthn_credentials (
    pool_id          text COLLATE "C" NOT NULL,
    credential_id    text COLLATE "C" NOT NULL,
    username_key     text COLLATE "C" NOT NULL,
    public_key       text             NOT NULL,
    sign_count       bigint           NOT NULL,
    relying_party_id text             NOT NULL,
    friendly_name    text             NOT NULL,
    attachment       text,
    transports_json  text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    last_used_at     timestamptz,
    PRIMARY KEY (pool_id, credential_id),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
);

CREATE INDEX ix_webauthn_credentials_user ON webauthn_credentials (pool_id, username_key, credential_id);

CREATE TABLE webauthn_registrations (
    pool_id      text COLLATE "C" NOT NULL,
    username_key text COLLATE "C" NOT NULL,
    client_id    text             NOT NULL,
    options_json text             NOT NULL,
    expires_at   timestamptz      NOT NULL,
    PRIMARY KEY (pool_id, username_key),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
);
