-- Ninsho schema, version 3 (PostgreSQL): user pool groups and their members.
-- Deletes cascade: pool -> groups; group -> memberships; user -> memberships.
-- group_members' primary key lists a group's members in username_key order (ListUsersInGroup);
-- ix_group_members_user lists a user's groups in name order (AdminListGroupsForUser, tokens) and serves the
-- cascade when a user is deleted.

CREATE TABLE user_groups (
    pool_id     text COLLATE "C" NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    group_name  text COLLATE "C" NOT NULL,
    description text,
    role_arn    text,
    precedence  integer,
    created_at  timestamptz      NOT NULL,
    modified_at timestamptz      NOT NULL,
    version     bigint           NOT NULL,
    PRIMARY KEY (pool_id, group_name)
);

CREATE TABLE group_members (
    pool_id      text COLLATE "C" NOT NULL,
    group_name   text COLLATE "C" NOT NULL,
    username_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (pool_id, group_name, username_key),
    FOREIGN KEY (pool_id, group_name) REFERENCES user_groups (pool_id, group_name) ON DELETE CASCADE,
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
);

CREATE INDEX ix_group_members_user ON group_members (pool_id, username_key, group_name);
