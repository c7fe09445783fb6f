-- Ninsho schema, version 31 (PostgreSQL): when the code or temporary password of an outbox message stops working, so
-- that the expired-row sweeper can delete the message (it holds the secret in clear). Messages kept so far get a day
-- from their creation, the longest a verification code lives.

ALTER TABLE messages ADD COLUMN expires_at timestamptz;
UPDATE messages SET expires_at = created_at + interval '1 day';

CREATE INDEX ix_messages_expires ON messages (expires_at);
CREATE INDEX ix_messages_created ON messages (created_at);
