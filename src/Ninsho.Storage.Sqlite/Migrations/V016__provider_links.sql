-- Ninsho schema, version 16 (SQLite): identities of external providers linked to users (AdminLinkProviderForUser).
-- The primary key makes an identity linkable to one user of the pool and finds that user by provider and subject
-- (a federated sign-in). ix_provider_links_user lists a user's links; it also serves the foreign key, through which
-- deleting a user (or its pool, through users) deletes its links.

CREATE TABLE provider_links (
    pool_id         TEXT    NOT NULL,
    provider_name   TEXT    NOT NULL,
    attribute_name  TEXT    NOT NULL,
    attribute_value TEXT    NOT NULL,
    username_key    TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (pool_id, provider_name, attribute_name, attribute_value),
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_provider_links_user ON provider_links (pool_id, username_key);
