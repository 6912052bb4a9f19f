-- Heartbeat throughput, continued (docs/performance.md, "Measured 2026-12-03"): what each
-- appended heartbeat costs the database beyond the row itself.
--
-- 1. The composite foreign key to the play session ran a trigger and a shared-lock lookup per
--    row (about 20 µs, a tenth of a heartbeat's database time). The batch now takes the
--    heartbeat's tenant, learner and lineage from the play session row itself, joined in the
--    insert (`beat_store::write`), so a heartbeat cannot name another session's identity; and the
--    server role may not delete play sessions. The unique key that existed for the foreign key
--    goes with it.
alter table heartbeats drop constraint heartbeats_session_identity;
alter table play_sessions drop constraint play_sessions_identity;

-- 2. Two partial indexes over the same credited rows, (tenant, learner, lineage) and (tenant,
--    learner, day), each written by every credited heartbeat. Every reader filters by tenant and
--    learner (the ledger's derivation and check, the round-the-clock risk signal); the day one
--    serves them all.
drop index heartbeats_credited;

-- 3. Autovacuum's ANALYZE of the tables every heartbeat updates or appends to runs each minute
--    under load (every update counts as a change) and took about a second of the database's CPU:
--    the slowest answers of a benchmark run came from it. ANALYZE samples 300 rows per unit of
--    the largest statistics target of a table's columns; these tables' columns are uuids, dates,
--    counters and a few codes, which a target of 10 (3,000 sampled rows instead of 30,000)
--    describes as well. The wide columns no query filters, joins or sorts on carry no statistics
--    at all (the replayed answer alone averages 300 bytes). How often they are analyzed stays as
--    it was: analyzed less often, the planner took a growing table for an empty one and scanned
--    a tenant's whole day per heartbeat.
do $$
declare
    col record;
begin
    for col in
        select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relname in ('play_sessions', 'heartbeats', 'courseware_progress', 'daily_study')
          and c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped
    loop
        execute format('alter table %I alter column %I set statistics 10', col.relname, col.attname);
    end loop;
end $$;
alter table play_sessions
    alter column token_hash set statistics 0,
    alter column prev_token_hash set statistics 0,
    alter column last_answer set statistics 0,
    alter column user_agent set statistics 0,
    alter column last_position_ms set statistics 0,
    alter column gap_mean set statistics 0,
    alter column gap_m2 set statistics 0;
alter table courseware_progress alter column intervals set statistics 0;
alter table heartbeats
    alter column ranges set statistics 0,
    alter column signals set statistics 0,
    alter column client_time set statistics 0,
    alter column position_ms set statistics 0;

-- 4. Every credited heartbeat updates its progress and day rows, and each update ran the PL/pgSQL
--    trigger that stamps `updated_at`. The batch stamps them itself (`beat_store::write`); the
--    trigger still stamps every other update, and is no longer called when the statement did.
drop trigger courseware_progress_updated_at on courseware_progress;
create trigger courseware_progress_updated_at before update on courseware_progress for each row
    when (new.updated_at is not distinct from old.updated_at) execute function set_updated_at();
drop trigger daily_study_updated_at on daily_study;
create trigger daily_study_updated_at before update on daily_study for each row
    when (new.updated_at is not distinct from old.updated_at) execute function set_updated_at();
