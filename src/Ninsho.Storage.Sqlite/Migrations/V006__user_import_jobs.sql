-- Ninsho schema, version 6 (SQLite): user import jobs and their uploaded CSV files.
-- Deletes cascade: pool -> jobs -> CSV file. Timestamps are Unix milliseconds.
-- ix_user_import_jobs_runnable finds Pending jobs and stale running ones (ClaimAsync).

CREATE TABLE user_import_jobs (
    job_id             TEXT    NOT NULL PRIMARY KEY,
    pool_id            TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    job_name           TEXT    NOT NULL,
    role_arn           TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    started_at         INTEGER,
    completed_at       INTEGER,
    imported_users     INTEGER NOT NULL,
    skipped_users      INTEGER NOT NULL,
    failed_users       INTEGER NOT NULL,
    completion_message TEXT,
    rows_done          INTEGER NOT NULL,
    log                TEXT,
    owner              TEXT,
    heartbeat_at       INTEGER,
    version            INTEGER NOT NULL
);

CREATE INDEX ix_user_import_jobs_pool ON user_import_jobs (pool_id, job_id);
CREATE INDEX ix_user_import_jobs_runnable ON user_import_jobs (status, heartbeat_at);

CREATE TABLE user_import_csv (
    job_id TEXT NOT NULL PRIMARY KEY REFERENCES user_import_jobs (job_id) ON DELETE CASCADE,
    data   BLOB NOT NULL
);
