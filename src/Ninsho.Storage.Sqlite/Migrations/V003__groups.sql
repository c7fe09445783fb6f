-- Ninsho schema, version 3 (SQLite): user pool groups and their members.
-- Deletes cascade: pool -> groups; group -> memberships; user -> memberships.
-- group_members' primary key lists a group's members in username_key order (ListUsersInGroup);
-- ix_group_members_user lists a user's groups in name order (AdminListGroupsForUser, tokens) and serves the
-- cascade when a user is deleted.

CREATE TABLE user_groups (
    pool_id     TEXT    NOT NULL REFERENCES user_pools (pool_id) ON DELETE CASCADE,
    group_name  TEXT    NOT NULL,
    description TEXT,
    role_arn    TEXT,
    precedence  INTEGER,
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (pool_id, group_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE group_members (
    pool_id      TEXT NOT NULL,
    group_name   TEXT NOT NULL,
    username_key TEXT NOT NULL,
    PRIMARY KEY (pool_id, group_name, username_key),
    FOREIGN KEY (pool_id, group_name) REFERENCES user_groups (pool_id, group_name) ON DELETE CASCADE,
    FOREIGN KEY (pool_id, username_key) REFERENCES users (pool_id, username_key) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_group_members_user ON group_members (pool_id, username_key, group_name);
