-- V002: the message outbox (verification codes, invitations) that the default sender writes to.
-- No foreign keys: messages outlive the users and pools they were sent for, like a mailbox does.

CREATE TABLE messages (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    pool_id    TEXT    NOT NULL,
    username   TEXT,
    recipient  TEXT    NOT NULL,
    medium     TEXT    NOT NULL,
    subject    TEXT,
    body       TEXT    NOT NULL,
    code       TEXT,
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX ix_messages_pool ON messages (pool_id, id);
CREATE INDEX ix_messages_recipient ON messages (recipient, id);
