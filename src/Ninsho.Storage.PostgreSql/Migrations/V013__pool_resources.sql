-- Ninsho schema, version 13 (PostgreSQL): named configuration resources of user pools (identity providers, …).
-- Deletes cascade with the pool. The primary key finds one resource and lists a kind in name order.

CREATE TABLE pool_resources (
    pool_id     text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    kind        text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    body_json   text             NOT NULL,
    created_at  timestamptz      NOT NULL,
    modified_at timestamptz      NOT NULL,
    version     bigint           NOT NULL,
    PRIMARY KEY (pool_id, kind, name)
);
