-- The learning engine (Z-II.2–II.5, Z-II.7, Z-III.5, Z-IV.1, Z-IV.6, T-7.2.6c): play sessions,
-- heartbeat decisions, credited intervals and daily totals, human-verification challenges, risk
-- events and voids of credited time.
--
-- Heartbeats and voids are append-only for the server role: the totals in courseware_progress
-- and daily_study are derivable from them (`backend learning verify` recomputes and compares).
-- Positions and times are whole milliseconds.

-- 播放会话 — one learner studying one courseware on one device; at most one open per learner.
create table play_sessions (
    play_session_id  uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    user_id          uuid not null references users (user_id),
    login_session_id uuid not null references sessions (session_id),
    device_id        text not null,
    courseware_id    uuid not null references coursewares (courseware_id),
    lineage_id       uuid not null,
    kind             text not null check (kind in ('video', 'document', 'link')),
    duration_ms      bigint not null check (duration_ms >= 0),
    ip               text not null,
    user_agent       text not null default '',
    opened_at        timestamptz not null default now(),
    closed_at        timestamptz,
    close_reason     text check (close_reason in ('session_replaced', 'session_closed')),
    -- the chain: the hash of the token the next heartbeat must carry, and of the one before
    token_hash       bytea not null,
    prev_token_hash  bytea,
    last_seq         bigint not null default 0,
    -- the baseline of the next credit: server time and position of the last heartbeat in order
    last_at          timestamptz not null default now(),
    last_position_ms bigint not null default 0,
    -- the answer to the last heartbeat, replayed when its retry arrives
    last_answer      jsonb,
    credited_ms      bigint not null default 0,
    heartbeat_count  integer not null default 0,
    -- human verification: when the next challenge is due
    next_check_at    timestamptz,
    -- a high-confidence risk event stops crediting until cleared
    risk_hold        boolean not null default false,
    -- running statistics of the heartbeat intervals (Welford), for robotic timing
    gap_n            integer not null default 0,
    gap_mean         double precision not null default 0,
    gap_m2           double precision not null default 0,
    check ((closed_at is null) = (close_reason is null))
);
create unique index play_sessions_one_open on play_sessions (user_id) where closed_at is null;
create index play_sessions_user on play_sessions (tenant_id, user_id, opened_at desc);
create index play_sessions_ip on play_sessions (tenant_id, ip, opened_at desc);
create index play_sessions_device on play_sessions (tenant_id, device_id, opened_at desc);
create index play_sessions_courseware on play_sessions (courseware_id);
create index play_sessions_login on play_sessions (login_session_id);

-- 心跳 — every heartbeat in order and its decision, append-only. `ranges` holds the credited
-- pieces [start, end) of the courseware's timeline, flattened.
create table heartbeats (
    heartbeat_id    bigint generated always as identity primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    play_session_id uuid not null references play_sessions (play_session_id),
    user_id         uuid not null references users (user_id),
    lineage_id      uuid not null,
    seq             bigint not null,
    received_at     timestamptz not null default now(),
    client_time     bigint not null,
    position_ms     bigint not null,
    playing         boolean not null,
    visible         boolean not null,
    focused         boolean not null,
    rate            real not null,
    decision        text not null,
    credited_ms     bigint not null default 0 check (credited_ms >= 0),
    ranges          bigint[] not null default '{}',
    day             date not null,
    signals         jsonb not null default '{}'
);
create index heartbeats_session on heartbeats (play_session_id, seq);
create index heartbeats_credited on heartbeats (tenant_id, user_id, lineage_id) where credited_ms > 0;
create index heartbeats_user_day on heartbeats (tenant_id, user_id, day) where credited_ms > 0;

-- The engine's running state per learner and courseware lineage (table of migration 0005):
-- the credited intervals, flattened [start, end) pairs in ms, their total and the resume point,
-- in ms like everything the engine keeps (they replace 0005's whole-second placeholders).
alter table courseware_progress
    add column intervals bigint[] not null default '{}',
    add column credited_ms bigint not null default 0 check (credited_ms >= 0),
    add column resume_ms bigint not null default 0 check (resume_ms >= 0),
    drop column credited_seconds,
    drop column resume_position_seconds;

-- 每日学时 — credited time per learner and calendar day in the tenant's time zone (the cap).
create table daily_study (
    tenant_id   uuid not null references tenants (tenant_id),
    user_id     uuid not null references users (user_id),
    day         date not null,
    credited_ms bigint not null default 0 check (credited_ms >= 0),
    updated_at  timestamptz not null default now(),
    primary key (user_id, day)
);
create index daily_study_tenant on daily_study (tenant_id, day);
create trigger daily_study_updated_at before update on daily_study for each row execute function set_updated_at();

-- 人工验证 — challenges put to a learner at random moments (face checks join in issue 6).
create table study_challenges (
    challenge_id    uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    play_session_id uuid not null references play_sessions (play_session_id),
    user_id         uuid not null references users (user_id),
    prompt_zh       text not null,
    prompt_en       text not null,
    choices         text[] not null,
    answer          text not null,
    issued_at       timestamptz not null default now(),
    expires_at      timestamptz not null,
    answered_at     timestamptz,
    passed          boolean
);
create index study_challenges_open on study_challenges (play_session_id) where answered_at is null;
create index study_challenges_user on study_challenges (tenant_id, user_id, issued_at desc);

-- 风险事件 — what looked like cheating, with its evidence; confirmed ones void credited time.
create table risk_events (
    risk_event_id   uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    user_id         uuid not null references users (user_id),
    play_session_id uuid references play_sessions (play_session_id),
    kind            text not null,
    level           text not null check (level in ('low', 'medium', 'high')),
    status          text not null default 'open' check (status in ('open', 'cleared', 'confirmed')),
    evidence        jsonb not null default '{}',
    created_at      timestamptz not null default now(),
    decided_by      uuid references users (user_id),
    decided_at      timestamptz,
    note            text not null default '' check (length(note) <= 2000),
    voided_ms       bigint not null default 0
);
create index risk_events_tenant on risk_events (tenant_id, status, created_at desc);
create index risk_events_user on risk_events (tenant_id, user_id, created_at desc);
create index risk_events_session on risk_events (play_session_id);
create index risk_events_decided_by on risk_events (decided_by);
create unique index risk_events_one_open on risk_events (play_session_id, kind) where status = 'open';

-- 学时作废 — credited time taken back by a confirmed risk event, one row per heartbeat, append-only.
create table credit_voids (
    void_id       bigint generated always as identity primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    user_id       uuid not null references users (user_id),
    risk_event_id uuid not null references risk_events (risk_event_id),
    heartbeat_id  bigint not null unique references heartbeats (heartbeat_id),
    lineage_id    uuid not null,
    day           date not null,
    voided_ms     bigint not null check (voided_ms > 0),
    created_at    timestamptz not null default now()
);
create index credit_voids_user on credit_voids (tenant_id, user_id, lineage_id);
create index credit_voids_event on credit_voids (risk_event_id);

-- Whether `learner` may study `course`: it is in an active task of an approved class the learner
-- is an active trainee of.
create function learner_may_study(learner uuid, course uuid) returns boolean
language sql stable
as $$
    select exists (select 1 from learning_task_courses kc
                   join learning_tasks k on k.task_id = kc.task_id and k.status = 'active'
                   join classes c on c.class_id = k.class_id and c.status = 'approved' and c.deleted_at is null
                   join class_trainees t on t.class_id = c.class_id and t.status = 'active'
                   where kc.course_id = course and t.user_id = learner)
$$;
grant execute on function learner_may_study(uuid, uuid) to zhipei_app;

select apply_tenant_wall(t)
from unnest(array['play_sessions', 'heartbeats', 'daily_study', 'study_challenges', 'risk_events',
                  'credit_voids']) as t;

grant select, insert, update on play_sessions, daily_study, study_challenges, risk_events to zhipei_app;
grant select, insert on heartbeats, credit_voids to zhipei_app;

-- learning: a trainee's own study (sessions, challenges; reading was granted in 0005); media: a
-- trainee plays the coursewares of their tasks (the service checks `learner_may_study`);
-- risk_events: the regulator's view of study records and suspicious activity.
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'trainee',            '*', 'learning',    'write'),
    ('p', 'trainee',            '*', 'media',       'read'),
    ('p', 'regulator_admin',    '*', 'risk_events', 'read'),
    ('p', 'regulator_admin',    '*', 'risk_events', 'write'),
    ('p', 'regulator_operator', '*', 'risk_events', 'read'),
    ('p', 'regulator_operator', '*', 'risk_events', 'write'),
    ('p', 'regulator_viewer',   '*', 'risk_events', 'read');
