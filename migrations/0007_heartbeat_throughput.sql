-- Heartbeat throughput (measured by `cargo xtask bench heartbeats`, see docs/performance.md).
--
-- 1. A heartbeat row checked three foreign keys (tenant, play session, user): three lookups and
--    three row locks per row, the one on the tenant's row shared by every concurrent batch. One
--    composite key to its play session checks the same and more — the heartbeat's tenant, learner
--    and courseware lineage must be its session's — in one lookup of a row the batch has locked.
alter table play_sessions
    add constraint play_sessions_identity unique (play_session_id, tenant_id, user_id, lineage_id);
alter table heartbeats
    drop constraint heartbeats_tenant_id_fkey,
    drop constraint heartbeats_user_id_fkey,
    drop constraint heartbeats_play_session_id_fkey,
    add constraint heartbeats_session_identity foreign key (play_session_id, tenant_id, user_id, lineage_id)
        references play_sessions (play_session_id, tenant_id, user_id, lineage_id);

-- 2. A batch reads today's totals of its learners (`user_id = any(...) and day = ...`). With the
--    tenant's row-level-security condition the planner preferred the (tenant, day) index and
--    filtered every learner of the tenant's day; with the learner in the index it probes each.
drop index daily_study_tenant;
create index daily_study_tenant on daily_study (tenant_id, day, user_id);

-- 3. Every heartbeat updates its play session, and credited ones the learner's progress and day
--    total. Room left on each page keeps those updates heap-only (HOT): the row's new version
--    stays on its page and none of the tables' indexes (eight on play_sessions) gets a new entry.
alter table play_sessions set (fillfactor = 50);
alter table courseware_progress set (fillfactor = 70);
alter table daily_study set (fillfactor = 70);
