-- Ninsho schema, version 34 (SQLite): signing-key rotation (docs/operations.md#key-rotation). A rotated-in key signs
-- from active_at on (null: since created); a superseded key is published and accepted until retire_at.

ALTER TABLE signing_keys ADD COLUMN active_at INTEGER;
ALTER TABLE signing_keys ADD COLUMN retire_at INTEGER;
