-- Catalog: lecturers, courses and their revisions, chapters, coursewares, media, the job queue and
-- the review workflow (Z-III.1–III.4, Z-III.6, Z-II.6, T-7.2.7f/i/j/k).
--
-- A course is an identity (number, kind, owner) plus revisions. Everything a reviewer judges
-- (name, summary, lecturers, chapters, coursewares, copyright) lives on a revision, so that editing
-- a published course makes a new revision that is reviewed while the live one keeps serving.
-- Coursewares carry a lineage id that stays the same across revisions, so learning progress on
-- an old revision carries over to the new one. There is deliberately no column or table for
-- advertising or any content other than the course's own (Z-II.6).

-- 讲师 — lecturers shown on courses (Z-III.3). Issue 4 ties them to institutions and accounts.
create table lecturers (
    lecturer_id uuid primary key,
    tenant_id   uuid not null references tenants (tenant_id),
    name        text not null check (length(name) between 1 and 50),
    title       text not null default '' check (length(title) <= 100),
    bio         text not null default '' check (length(bio) <= 2000),
    photo_media_id uuid,
    created_by  uuid references users (user_id),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index lecturers_tenant_name on lecturers (tenant_id, name);
create trigger lecturers_updated_at before update on lecturers for each row execute function set_updated_at();

-- Uploaded files of every kind. Browsers upload straight to S3 by presigned multipart upload; the
-- parts they finished are recorded here so an upload can resume after a dropped connection.
create table media_assets (
    media_id         uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    kind             text not null check (kind in ('video', 'document', 'subtitle', 'image', 'licence')),
    object_key       text not null unique,
    file_name        text not null check (length(file_name) between 1 and 255),
    content_type     text not null,
    size_bytes       bigint not null check (size_bytes > 0),
    part_size        bigint not null check (part_size > 0),
    s3_upload_id     text,
    -- uploading → uploaded → (video) transcoding → ready | rejected (probe) | failed (transcode)
    status           text not null default 'uploading'
        check (status in ('uploading', 'uploaded', 'transcoding', 'ready', 'rejected', 'failed')),
    reject_reason    text,
    duration_seconds integer check (duration_seconds >= 0),
    probe            jsonb,
    -- HLS renditions written by the transcoder: [{name, width, height, bandwidth, playlist_key}]
    renditions       jsonb not null default '[]',
    created_by       uuid references users (user_id),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index media_assets_tenant_created on media_assets (tenant_id, created_at desc);
create index media_assets_tenant_creator on media_assets (tenant_id, created_by);
create trigger media_assets_updated_at before update on media_assets for each row execute function set_updated_at();

alter table lecturers add foreign key (photo_media_id) references media_assets (media_id);
create index lecturers_photo on lecturers (photo_media_id);

create table media_upload_parts (
    media_id    uuid not null references media_assets (media_id),
    tenant_id   uuid not null references tenants (tenant_id),
    part_number integer not null check (part_number between 1 and 10000),
    etag        text not null,
    size_bytes  bigint not null check (size_bytes > 0),
    created_at  timestamptz not null default now(),
    primary key (media_id, part_number)
);

-- Same content by different lecturers (Z-III.6): courses grouped under one topic.
create table course_topics (
    topic_id   uuid primary key,
    tenant_id  uuid not null references tenants (tenant_id),
    name       text not null check (length(name) between 1 and 100),
    created_at timestamptz not null default now()
);
create unique index course_topics_name on course_topics (tenant_id, name);

-- Course numbers: {SITE}-{CATEGORY}-{YEAR}-{SEQUENCE}, e.g. ZJ-AQ-2026-000123; the sequence
-- counts per tenant, category and year.
create table course_number_counters (
    tenant_id uuid not null references tenants (tenant_id),
    category  text not null,
    year      integer not null,
    last      integer not null default 0,
    primary key (tenant_id, category, year)
);

create table courses (
    course_id        uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    -- own = 自有课, offline = 线下课, vod = 点播课, live = 直播课 (reserved for a later issue)
    kind             text not null check (kind in ('own', 'offline', 'vod', 'live')),
    course_no        text not null,
    topic_id         uuid references course_topics (topic_id),
    -- unlisted: never published; published: live_revision_id is in the catalogue; taken_down.
    listing          text not null default 'unlisted' check (listing in ('unlisted', 'published', 'taken_down')),
    live_revision_id uuid,
    takedown_reason  text,
    created_by       uuid not null references users (user_id),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (tenant_id, course_no)
);
create index courses_tenant_kind_listing on courses (tenant_id, kind, listing);
create index courses_tenant_creator on courses (tenant_id, created_by);
create index courses_topic on courses (topic_id);
create trigger courses_updated_at before update on courses for each row execute function set_updated_at();

create table course_revisions (
    revision_id      uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    course_id        uuid not null references courses (course_id),
    revision_no      integer not null check (revision_no >= 1),
    -- draft → submitted → in_review → approved | returned → published → superseded
    status           text not null default 'draft'
        check (status in ('draft', 'submitted', 'in_review', 'approved', 'returned', 'published', 'superseded')),
    name             text not null check (length(name) between 1 and 100),
    summary          text not null default '' check (length(summary) <= 5000),
    category         text not null,
    training_type    text not null,
    audience         text not null default '' check (length(audience) <= 500),
    tags             text[] not null default '{}',
    copyright_holder text not null default '' check (length(copyright_holder) <= 200),
    licence_media_id uuid references media_assets (media_id),
    price_cents      bigint check (price_cents >= 0),
    seat_price_cents bigint check (seat_price_cents >= 0),
    -- offline courses: where and when they are taught, and their study hours
    venue            text,
    schedule         text,
    offline_hours    numeric(6, 1) check (offline_hours > 0),
    -- sum of the required coursewares' durations, kept by the service
    duration_seconds integer not null default 0,
    -- lower-cased name, number, lecturers, tags, summary: what catalogue search matches
    search_text      text not null default '',
    created_by       uuid not null references users (user_id),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (course_id, revision_no)
);
create index course_revisions_tenant_status on course_revisions (tenant_id, status);
create index course_revisions_licence on course_revisions (licence_media_id);
-- At most one revision of a course is being worked on or reviewed at a time.
create unique index course_revisions_one_open on course_revisions (course_id)
    where status in ('draft', 'submitted', 'in_review', 'approved', 'returned');
create trigger course_revisions_updated_at before update on course_revisions for each row execute function set_updated_at();
alter table courses add foreign key (live_revision_id) references course_revisions (revision_id);
create index courses_live_revision on courses (live_revision_id);

create table course_lecturers (
    revision_id uuid not null references course_revisions (revision_id),
    tenant_id   uuid not null references tenants (tenant_id),
    lecturer_id uuid not null references lecturers (lecturer_id),
    position    integer not null,
    primary key (revision_id, lecturer_id)
);
create index course_lecturers_lecturer on course_lecturers (lecturer_id);

create table chapters (
    chapter_id  uuid primary key,
    tenant_id   uuid not null references tenants (tenant_id),
    revision_id uuid not null references course_revisions (revision_id),
    title       text not null check (length(title) between 1 and 100),
    position    integer not null
);
create index chapters_revision on chapters (revision_id, position);

create table coursewares (
    courseware_id     uuid primary key,
    tenant_id         uuid not null references tenants (tenant_id),
    chapter_id        uuid not null references chapters (chapter_id),
    revision_id       uuid not null references course_revisions (revision_id),
    -- the same courseware across revisions (progress carries over)
    lineage_id        uuid not null,
    title             text not null check (length(title) between 1 and 100),
    kind              text not null check (kind in ('video', 'document', 'link')),
    position          integer not null,
    required          boolean not null default true,
    media_id          uuid references media_assets (media_id),
    url               text check (url ~ '^https?://'),
    -- documents: the reading time that completes them
    min_study_seconds integer check (min_study_seconds > 0),
    duration_seconds  integer not null default 0,
    check ((kind = 'link') = (url is not null)),
    check (kind = 'link' or media_id is not null)
);
create index coursewares_chapter on coursewares (chapter_id, position);
create index coursewares_revision on coursewares (revision_id);
create index coursewares_media on coursewares (media_id);
create index coursewares_lineage on coursewares (tenant_id, lineage_id);

-- WebVTT subtitle tracks of video coursewares (Z-III.4: zh-CN required before submission).
create table subtitles (
    courseware_id uuid not null references coursewares (courseware_id),
    tenant_id     uuid not null references tenants (tenant_id),
    lang          text not null check (lang in ('zh-CN', 'en-US')),
    media_id      uuid not null references media_assets (media_id),
    created_at    timestamptz not null default now(),
    primary key (courseware_id, lang)
);
create index subtitles_media on subtitles (media_id);

-- 审核专家组 (T-7.2.7f). Members are accounts with the expert role.
create table expert_groups (
    group_id      uuid primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    name          text not null check (length(name) between 1 and 100),
    -- majority: more than half of the members approve; unanimous: all; any: the first opinion decides
    decision_rule text not null default 'majority' check (decision_rule in ('majority', 'unanimous', 'any')),
    deleted_at    timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index expert_groups_name on expert_groups (tenant_id, name) where deleted_at is null;
create trigger expert_groups_updated_at before update on expert_groups for each row execute function set_updated_at();

create table expert_group_members (
    group_id  uuid not null references expert_groups (group_id),
    tenant_id uuid not null references tenants (tenant_id),
    user_id   uuid not null references users (user_id),
    primary key (group_id, user_id)
);
create index expert_group_members_user on expert_group_members (tenant_id, user_id);

-- 审核轮次 — one review of one revision by one group; the rule and the members are copied at
-- assignment so later group edits do not change a running review.
create table review_rounds (
    round_id      uuid primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    revision_id   uuid not null references course_revisions (revision_id),
    group_id      uuid not null references expert_groups (group_id),
    decision_rule text not null check (decision_rule in ('majority', 'unanimous', 'any')),
    reviewer_ids  uuid[] not null,
    status        text not null default 'open' check (status in ('open', 'approved', 'returned', 'cancelled')),
    assigned_by   uuid not null references users (user_id),
    assigned_at   timestamptz not null default now(),
    decided_at    timestamptz
);
create index review_rounds_revision on review_rounds (revision_id);
create index review_rounds_group on review_rounds (group_id);
create index review_rounds_tenant_status on review_rounds (tenant_id, status);
create unique index review_rounds_one_open on review_rounds (revision_id) where status = 'open';

create table review_opinions (
    round_id     uuid not null references review_rounds (round_id),
    tenant_id    uuid not null references tenants (tenant_id),
    expert_id    uuid not null references users (user_id),
    -- {political, compliance, completeness, relevance, subtitles, copyright}: true = passes
    checklist    jsonb not null,
    verdict      text not null check (verdict in ('approve', 'return')),
    opinion      text not null default '' check (length(opinion) <= 5000),
    created_at   timestamptz not null default now(),
    primary key (round_id, expert_id)
);
create index review_opinions_expert on review_opinions (tenant_id, expert_id);

-- Every transition of a course: who, when, what, opinion (T-7.2.7k exports these).
create table course_events (
    event_id    bigint generated always as identity primary key,
    tenant_id   uuid not null references tenants (tenant_id),
    course_id   uuid not null references courses (course_id),
    revision_id uuid references course_revisions (revision_id),
    actor_id    uuid references users (user_id),
    action      text not null check (action in ('created', 'revision_created', 'submitted', 'withdrawn',
                    'assigned', 'opinion', 'approved', 'returned', 'published', 'taken_down')),
    from_status text,
    to_status   text,
    note        text not null default '',
    created_at  timestamptz not null default now()
);
create index course_events_course on course_events (course_id, created_at);
create index course_events_tenant_time on course_events (tenant_id, created_at desc);
create index course_events_tenant_action on course_events (tenant_id, action, created_at desc);
create index course_events_revision on course_events (revision_id);
create index course_events_actor on course_events (actor_id);

-- Background jobs (transcoding now; exchange sync, retention, certificates later): idempotent
-- handlers, retried with back-off, visible to regulator staff.
create table jobs (
    job_id       bigint generated always as identity primary key,
    tenant_id    uuid not null references tenants (tenant_id),
    kind         text not null,
    payload      jsonb not null default '{}',
    status       text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    attempts     integer not null default 0,
    max_attempts integer not null default 3 check (max_attempts >= 1),
    run_after    timestamptz not null default now(),
    locked_until timestamptz,
    last_error   text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    finished_at  timestamptz
);
create index jobs_ready on jobs (run_after) where status in ('queued', 'running');
create index jobs_tenant_created on jobs (tenant_id, created_at desc);
create trigger jobs_updated_at before update on jobs for each row execute function set_updated_at();

do $$
declare t text;
begin
    foreach t in array array['lecturers', 'media_assets', 'media_upload_parts', 'course_topics',
            'course_number_counters', 'courses', 'course_revisions', 'course_lecturers', 'chapters',
            'coursewares', 'subtitles', 'expert_groups', 'expert_group_members', 'review_rounds',
            'review_opinions', 'course_events'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) '
                       'with check (tenant_id = app_current_tenant())', t);
    end loop;
end $$;

-- Jobs are isolated like every tenant table for the server role, but not FORCEd: the owner runs
-- claim_job below across tenants.
alter table jobs enable row level security;
create policy tenant_isolation on jobs using (tenant_id = app_current_tenant())
    with check (tenant_id = app_current_tenant());

-- The job worker's one cross-tenant step: claim the next due job of any tenant. It runs as the
-- owner with row security off for this statement only; the job then runs in its own tenant's
-- transaction like any request.
create function claim_job(lease_seconds integer) returns table (job_id bigint, tenant_id uuid, kind text, payload jsonb, attempts integer)
language plpgsql security definer set search_path = public, pg_temp
as $$
begin
    return query
    update jobs j set status = 'running', attempts = j.attempts + 1,
                      locked_until = now() + make_interval(secs => lease_seconds)
    where j.job_id = (
        select c.job_id from jobs c
        where (c.status = 'queued' and c.run_after <= now())
           or (c.status = 'running' and c.locked_until < now())
        order by c.run_after, c.job_id
        for update skip locked
        limit 1)
    returning j.job_id, j.tenant_id, j.kind, j.payload, j.attempts;
end $$;
revoke all on function claim_job(integer) from public;
grant execute on function claim_job(integer) to zhipei_app;

grant select, insert, update on lecturers, media_assets, course_topics, courses, course_revisions,
    chapters, coursewares, expert_groups, review_rounds, jobs to zhipei_app;
grant select, insert, update, delete on media_upload_parts, course_lecturers, subtitles,
    expert_group_members, course_number_counters to zhipei_app;
-- Chapters and coursewares of an unsubmitted draft can be removed outright.
grant delete on chapters, coursewares to zhipei_app;
grant select, insert on review_opinions, course_events to zhipei_app;

-- Policies. courses: authoring (institutions; regulator staff publish platform on-demand courses);
-- course_review: assigning, publishing, taking down; expert_groups: experts and their groups;
-- reviews: an expert's own review rounds; catalogue: the published catalogue; media: uploads and
-- playback (the service checks the course); jobs: the queue; lecturers.
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'regulator_admin',    '*', 'courses',       'read'),
    ('p', 'regulator_admin',    '*', 'courses',       'write'),
    ('p', 'regulator_admin',    '*', 'course_review', 'read'),
    ('p', 'regulator_admin',    '*', 'course_review', 'write'),
    ('p', 'regulator_admin',    '*', 'expert_groups', 'read'),
    ('p', 'regulator_admin',    '*', 'expert_groups', 'write'),
    ('p', 'regulator_admin',    '*', 'jobs',          'read'),
    ('p', 'regulator_admin',    '*', 'jobs',          'write'),
    ('p', 'regulator_admin',    '*', 'lecturers',     'read'),
    ('p', 'regulator_admin',    '*', 'lecturers',     'write'),
    ('p', 'regulator_admin',    '*', 'media',         'read'),
    ('p', 'regulator_admin',    '*', 'media',         'write'),
    ('p', 'regulator_operator', '*', 'courses',       'read'),
    ('p', 'regulator_operator', '*', 'courses',       'write'),
    ('p', 'regulator_operator', '*', 'course_review', 'read'),
    ('p', 'regulator_operator', '*', 'course_review', 'write'),
    ('p', 'regulator_operator', '*', 'expert_groups', 'read'),
    ('p', 'regulator_operator', '*', 'jobs',          'read'),
    ('p', 'regulator_operator', '*', 'lecturers',     'read'),
    ('p', 'regulator_operator', '*', 'lecturers',     'write'),
    ('p', 'regulator_operator', '*', 'media',         'read'),
    ('p', 'regulator_operator', '*', 'media',         'write'),
    ('p', 'regulator_viewer',   '*', 'courses',       'read'),
    ('p', 'regulator_viewer',   '*', 'course_review', 'read'),
    ('p', 'regulator_viewer',   '*', 'expert_groups', 'read'),
    ('p', 'regulator_viewer',   '*', 'jobs',          'read'),
    ('p', 'regulator_viewer',   '*', 'lecturers',     'read'),
    ('p', 'regulator_viewer',   '*', 'media',         'read'),
    ('p', 'expert',             '*', 'reviews',       'read'),
    ('p', 'expert',             '*', 'reviews',       'write'),
    ('p', 'expert',             '*', 'media',         'read'),
    ('p', 'institution_admin',  '*', 'courses',       'read'),
    ('p', 'institution_admin',  '*', 'courses',       'write'),
    ('p', 'institution_admin',  '*', 'lecturers',     'read'),
    ('p', 'institution_admin',  '*', 'lecturers',     'write'),
    ('p', 'institution_admin',  '*', 'media',         'read'),
    ('p', 'institution_admin',  '*', 'media',         'write'),
    ('p', 'institution_staff',  '*', 'courses',       'read'),
    ('p', 'institution_staff',  '*', 'courses',       'write'),
    ('p', 'institution_staff',  '*', 'lecturers',     'read'),
    ('p', 'institution_staff',  '*', 'lecturers',     'write'),
    ('p', 'institution_staff',  '*', 'media',         'read'),
    ('p', 'institution_staff',  '*', 'media',         'write'),
    ('p', 'lecturer',           '*', 'courses',       'read'),
    ('p', 'lecturer',           '*', 'lecturers',     'read'),
    ('p', 'lecturer',           '*', 'media',         'read');
-- Every signed-in role browses the published catalogue.
insert into casbin_rule (ptype, v0, v1, v2, v3)
select 'p', role, '*', 'catalogue', 'read'
from unnest(array['platform_admin', 'regulator_admin', 'regulator_operator', 'regulator_viewer', 'expert',
                  'institution_admin', 'institution_staff', 'lecturer', 'mentor', 'trainee']) as role;
