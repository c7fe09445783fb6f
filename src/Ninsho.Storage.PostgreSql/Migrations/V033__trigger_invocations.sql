-- Ninsho schema, version 33 (PostgreSQL): the log of Lambda trigger invocations (docs/triggers.md). No foreign keys:
-- the log outlives the users it mentions; each pool keeps only its newest entries (the store prunes on insert).

CREATE TABLE trigger_invocations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id        text COLLATE "C" NOT NULL,
    trigger_source text COLLATE "C" NOT NULL,
    function_arn   text             NOT NULL,
    target         text             NOT NULL,
    event          text             NOT NULL,
    response       text,
    error_type     text,
    error_message  text,
    duration_ms    bigint           NOT NULL,
    created_at     timestamptz      NOT NULL
);

CREATE INDEX ix_trigger_invocations_pool ON trigger_invocations (pool_id, id);
