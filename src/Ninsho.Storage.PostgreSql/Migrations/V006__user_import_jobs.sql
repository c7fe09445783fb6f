-- Ninsho schema, version 6 (PostgreSQL): user import jobs, their uploaded CSV files, and user counts.
-- Deletes cascade: pool -> jobs -> CSV file; pool -> user counts.
-- ix_user_import_jobs_runnable finds Pending jobs and stale running ones (ClaimAsync, FOR UPDATE SKIP LOCKED).

CREATE TABLE user_import_jobs (
    job_id             text COLLATE "C" NOT NULL PRIMARY KEY,
    pool_id            text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    job_name           text             NOT NULL,
    role_arn           text             NOT NULL,
    status             text             NOT NULL,
    created_at         timestamptz      NOT NULL,
    started_at         timestamptz,
    completed_at       timestamptz,
    imported_users     bigint           NOT NULL,
    skipped_users      bigint           NOT NULL,
    failed_users       bigint           NOT NULL,
    completion_message text,
    rows_done          bigint           NOT NULL,
    log                text,
    owner              text,
    heartbeat_at       timestamptz,
    version            bigint           NOT NULL
);

CREATE INDEX ix_user_import_jobs_pool ON user_import_jobs (pool_id, job_id);
CREATE INDEX ix_user_import_jobs_runnable ON user_import_jobs (status, heartbeat_at);

CREATE TABLE user_import_csv (
    job_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES user_import_jobs (job_id) ON DELETE CASCADE,
    data   bytea            NOT NULL
);

-- EstimatedNumberOfUsers without count(*): each user insert or delete adds +1/-1 to one of 16 shards of its
-- pool (chosen at random, so concurrent sign-ups rarely wait on the same row); a pool's count is the sum.
CREATE TABLE user_counts (
    pool_id text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    shard   smallint         NOT NULL,
    n       bigint           NOT NULL,
    PRIMARY KEY (pool_id, shard)
);

INSERT INTO user_counts (pool_id, shard, n) SELECT pool_id, 0, count(*) FROM users GROUP BY pool_id;
