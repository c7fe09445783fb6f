-- V002: the message outbox (verification codes, invitations) that the default sender writes to.
-- No foreign keys: messages outlive the users and pools they were sent for, like a mailbox does.

CREATE TABLE messages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id    text COLLATE "C" NOT NULL,
    username   text,
    recipient  text COLLATE "C" NOT NULL,
    medium     text             NOT NULL,
    subject    text,
    body       text             NOT NULL,
    code       text,
    created_at timestamptz      NOT NULL
);

CREATE INDEX ix_messages_pool ON messages (pool_id, id);
CREATE INDEX ix_messages_recipient ON messages (recipient, id);
