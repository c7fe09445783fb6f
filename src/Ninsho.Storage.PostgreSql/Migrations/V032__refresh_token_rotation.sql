-- Ninsho schema, version 32 (PostgreSQL): refresh token rotation. When a client that rotates refresh tokens replaces
-- a token, the old one keeps working until rotated_until (the client's retry grace period), then is refused. NULL for
-- tokens never rotated out.

ALTER TABLE refresh_tokens ADD COLUMN rotated_until TIMESTAMPTZ;
