-- Organising training (T-7.2.5d, T-7.2.5e, T-7.2.7h, T-7.2.4, Z-II.1, Z-II.9): training projects,
-- classes and their review, trainees (enrolments) and imports, learning tasks, the seats trainees
-- hold, training plans, electronic vouchers, and the per-courseware progress the learning engine
-- keeps.

-- 培训项目 — defined by the regulator, with the policy classes under it follow.
create table training_projects (
    project_id    uuid primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    code          text not null,
    name          text not null check (length(name) between 2 and 100),
    category      text not null,
    training_type text not null,
    starts_on     date not null,
    ends_on       date not null,
    description   text not null default '' check (length(description) <= 5000),
    -- {subsidy_rule, subsidy_cents_per_trainee, required_study_hours, exam_required, pass_score}
    policy        jsonb not null,
    status        text not null default 'open' check (status in ('open', 'closed')),
    created_by    uuid not null references users (user_id),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (tenant_id, code),
    check (ends_on >= starts_on)
);
create index training_projects_tenant_status on training_projects (tenant_id, status, starts_on desc);
create index training_projects_created_by on training_projects (created_by);
create trigger training_projects_updated_at before update on training_projects for each row execute function set_updated_at();

create table classes (
    class_id       uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    project_id     uuid not null references training_projects (project_id),
    class_no       text not null,
    name           text not null check (length(name) between 2 and 100),
    training_type  text not null,
    mode           text not null check (mode in ('online', 'offline', 'blended')),
    venue          text not null default '' check (length(venue) <= 200),
    starts_on      date not null,
    ends_on        date not null,
    capacity       integer not null check (capacity between 1 and 100000),
    policy         jsonb not null,
    -- draft → submitted → approved | returned; approved → closed. Deleted drafts keep their row.
    status         text not null default 'draft'
        check (status in ('draft', 'submitted', 'approved', 'returned', 'closed')),
    review_note    text not null default '' check (length(review_note) <= 2000),
    submitted_at   timestamptz,
    approved_at    timestamptz,
    closed_at      timestamptz,
    deleted_at     timestamptz,
    created_by     uuid not null references users (user_id),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (tenant_id, class_no),
    check (ends_on >= starts_on)
);
create index classes_institution on classes (institution_id, created_at desc) where deleted_at is null;
create index classes_tenant_status on classes (tenant_id, status, submitted_at) where deleted_at is null;
create index classes_project on classes (project_id);
create index classes_created_by on classes (created_by);
create trigger classes_updated_at before update on classes for each row execute function set_updated_at();

create table class_lecturers (
    class_id       uuid not null references classes (class_id),
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    lecturer_id    uuid not null references lecturers (lecturer_id),
    primary key (class_id, lecturer_id)
);
create index class_lecturers_lecturer on class_lecturers (lecturer_id);
create index class_lecturers_institution on class_lecturers (institution_id);

-- Every transition of a class (application review included), append-only.
create table class_events (
    event_id       bigint generated always as identity primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    class_id       uuid not null references classes (class_id),
    action         text not null check (action in ('created', 'edited', 'submitted', 'withdrawn', 'approved',
                       'returned', 'closed', 'deleted', 'task_published', 'task_deleted')),
    actor_id       uuid not null references users (user_id),
    note           text not null default '',
    created_at     timestamptz not null default now()
);
create index class_events_class on class_events (class_id, created_at);
create index class_events_institution on class_events (institution_id);
create index class_events_actor on class_events (actor_id);

-- An uploaded import file, checked and kept (sealed: it holds names, ID-card numbers and phones)
-- until its good rows are committed or it expires.
create table trainee_imports (
    import_id      uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    class_id       uuid not null references classes (class_id),
    file_name      text not null,
    rows_enc       bytea not null,
    pii_key_id     text not null,
    total          integer not null,
    good           integer not null,
    status         text not null default 'previewed' check (status in ('previewed', 'committed')),
    created_by     uuid not null references users (user_id),
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    committed_at   timestamptz
);
create index trainee_imports_class on trainee_imports (class_id, created_at desc);
create index trainee_imports_institution on trainee_imports (institution_id);
create index trainee_imports_created_by on trainee_imports (created_by);

-- 班级学员 — a trainee in a class, with the attributes that belong to this training.
create table class_trainees (
    enrolment_id    uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    institution_id  uuid not null references institutions (institution_id),
    class_id        uuid not null references classes (class_id),
    user_id         uuid not null references users (user_id),
    trainee_type_id uuid references trainee_types (trainee_type_id),
    enterprise_id   uuid references enterprises (enterprise_id),
    education       text not null check (education in ('primary', 'junior', 'senior', 'college', 'bachelor', 'postgraduate')),
    status          text not null default 'active' check (status in ('active', 'removed')),
    import_id       uuid references trainee_imports (import_id),
    added_by        uuid not null references users (user_id),
    added_at        timestamptz not null default now(),
    removed_at      timestamptz,
    check ((status = 'removed') = (removed_at is not null))
);
create unique index class_trainees_one_active on class_trainees (class_id, user_id) where status = 'active';
create index class_trainees_class on class_trainees (class_id, added_at);
create index class_trainees_user on class_trainees (tenant_id, user_id);
create index class_trainees_institution on class_trainees (institution_id);
create index class_trainees_type on class_trainees (trainee_type_id);
create index class_trainees_enterprise on class_trainees (enterprise_id);
create index class_trainees_import on class_trainees (import_id);
create index class_trainees_added_by on class_trainees (added_by);

-- 学习任务 — published courses put to a class.
create table learning_tasks (
    task_id        uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    class_id       uuid not null references classes (class_id),
    name           text not null check (length(name) between 2 and 100),
    deadline       timestamptz not null,
    required_hours numeric(6, 1) not null check (required_hours > 0),
    status         text not null default 'active' check (status in ('active', 'deleted')),
    created_by     uuid not null references users (user_id),
    created_at     timestamptz not null default now(),
    deleted_at     timestamptz,
    deleted_by     uuid references users (user_id),
    delete_reason  text not null default '' check (length(delete_reason) <= 500),
    forced         boolean not null default false,
    check ((status = 'deleted') = (deleted_at is not null))
);
create index learning_tasks_class on learning_tasks (class_id, created_at);
create index learning_tasks_institution on learning_tasks (institution_id);
create index learning_tasks_created_by on learning_tasks (created_by);
create index learning_tasks_deleted_by on learning_tasks (deleted_by);

create table learning_task_courses (
    task_id        uuid not null references learning_tasks (task_id),
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    course_id      uuid not null references courses (course_id),
    position       integer not null,
    primary key (task_id, course_id)
);
create index learning_task_courses_course on learning_task_courses (course_id);
create index learning_task_courses_institution on learning_task_courses (institution_id);

-- A seat of an on-demand course held by one trainee of one class: taken from seat_inventory when
-- the course reaches the trainee (task published, or trainee added), given back when the trainee
-- is removed, or the task deleted, before any study.
create table seat_assignments (
    assignment_id  uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    course_id      uuid not null references courses (course_id),
    enrolment_id   uuid not null references class_trainees (enrolment_id),
    assigned_at    timestamptz not null default now(),
    released_at    timestamptz
);
create unique index seat_assignments_one_live on seat_assignments (enrolment_id, course_id) where released_at is null;
create index seat_assignments_course on seat_assignments (institution_id, course_id, assigned_at);
create index seat_assignments_course_fk on seat_assignments (course_id);

-- Progress of one learner on one courseware lineage (the same courseware across revisions).
-- The learning engine keeps these totals; training reads them: a class or task with progress
-- has started, and the learner's task list shows credited time and resume positions.
create table courseware_progress (
    tenant_id               uuid not null references tenants (tenant_id),
    user_id                 uuid not null references users (user_id),
    lineage_id              uuid not null,
    credited_seconds        integer not null default 0 check (credited_seconds >= 0),
    resume_position_seconds integer not null default 0 check (resume_position_seconds >= 0),
    started_at              timestamptz not null default now(),
    completed_at            timestamptz,
    updated_at              timestamptz not null default now(),
    primary key (user_id, lineage_id)
);
create index courseware_progress_tenant_lineage on courseware_progress (tenant_id, lineage_id);
create trigger courseware_progress_updated_at before update on courseware_progress for each row execute function set_updated_at();

-- Whether `learner` has study records on any courseware of `course` (any revision: lineages carry
-- over). "Started" in every rule of training and seats means this.
create function course_started(learner uuid, course uuid) returns boolean
language sql stable
as $$
    select exists (select 1 from course_revisions r
                   join coursewares w on w.revision_id = r.revision_id
                   join courseware_progress g on g.lineage_id = w.lineage_id and g.user_id = learner
                   where r.course_id = course)
$$;
grant execute on function course_started(uuid, uuid) to zhipei_app;

-- 培训计划 (Z-II.9)
create table training_plans (
    plan_id         uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    institution_id  uuid not null references institutions (institution_id),
    name            text not null check (length(name) between 2 and 100),
    starts_on       date not null,
    ends_on         date not null,
    target_trainees integer not null check (target_trainees between 0 and 1000000),
    notes           text not null default '' check (length(notes) <= 2000),
    created_by      uuid not null references users (user_id),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz,
    check (ends_on >= starts_on)
);
create index training_plans_institution on training_plans (institution_id, starts_on desc) where deleted_at is null;
create index training_plans_created_by on training_plans (created_by);
create trigger training_plans_updated_at before update on training_plans for each row execute function set_updated_at();

create table training_plan_items (
    plan_id         uuid not null references training_plans (plan_id),
    tenant_id       uuid not null references tenants (tenant_id),
    institution_id  uuid not null references institutions (institution_id),
    position        integer not null,
    kind            text not null check (kind in ('class', 'course')),
    class_id        uuid references classes (class_id),
    course_id       uuid references courses (course_id),
    target_trainees integer not null check (target_trainees between 0 and 1000000),
    primary key (plan_id, position),
    check ((kind = 'class') = (class_id is not null) and (kind = 'course') = (course_id is not null))
);
create index training_plan_items_class on training_plan_items (class_id);
create index training_plan_items_course on training_plan_items (course_id);
create index training_plan_items_institution on training_plan_items (institution_id);

-- 电子凭证 — a PDF in the object store, its SHA-256, and a code anyone can verify.
create table vouchers (
    voucher_id     uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    kind           text not null check (kind in ('order', 'class')),
    order_id       uuid unique references course_orders (order_id),
    class_id       uuid unique references classes (class_id),
    code           text not null unique check (code ~ '^[0-9A-Z]{16}$'),
    subject_no     text not null,
    title          text not null,
    object_key     text not null,
    sha256         text not null,
    issued_at      timestamptz not null default now(),
    check ((kind = 'order') = (order_id is not null) and (kind = 'class') = (class_id is not null))
);
create index vouchers_institution on vouchers (institution_id, issued_at desc);

select apply_tenant_wall(t) from unnest(array['training_projects', 'courseware_progress']) as t;
select apply_institution_wall(t)
from unnest(array['classes', 'class_lecturers', 'class_events', 'trainee_imports', 'class_trainees',
                  'learning_tasks', 'learning_task_courses', 'seat_assignments', 'training_plans',
                  'training_plan_items', 'vouchers']) as t;

grant select, insert, update on training_projects, classes, trainee_imports, class_trainees,
    learning_tasks, seat_assignments, courseware_progress, training_plans, vouchers to zhipei_app;
grant select, insert on class_events, learning_task_courses to zhipei_app;
grant select, insert, delete on class_lecturers, training_plan_items to zhipei_app;

-- projects: the regulator defines them, institutions read them; classes: institutions run them,
-- the regulator and lecturers read them; class_review: the regulator decides opening
-- applications; plans and vouchers: the institution's; learning: a trainee's own classes and tasks.
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'regulator_admin',    '*', 'projects',     'read'),
    ('p', 'regulator_admin',    '*', 'projects',     'write'),
    ('p', 'regulator_operator', '*', 'projects',     'read'),
    ('p', 'regulator_operator', '*', 'projects',     'write'),
    ('p', 'regulator_viewer',   '*', 'projects',     'read'),
    ('p', 'institution_admin',  '*', 'projects',     'read'),
    ('p', 'institution_staff',  '*', 'projects',     'read'),
    ('p', 'institution_admin',  '*', 'classes',      'read'),
    ('p', 'institution_admin',  '*', 'classes',      'write'),
    ('p', 'institution_staff',  '*', 'classes',      'read'),
    ('p', 'institution_staff',  '*', 'classes',      'write'),
    ('p', 'lecturer',           '*', 'classes',      'read'),
    ('p', 'regulator_admin',    '*', 'classes',      'read'),
    ('p', 'regulator_operator', '*', 'classes',      'read'),
    ('p', 'regulator_viewer',   '*', 'classes',      'read'),
    ('p', 'regulator_admin',    '*', 'class_review', 'read'),
    ('p', 'regulator_admin',    '*', 'class_review', 'write'),
    ('p', 'regulator_operator', '*', 'class_review', 'read'),
    ('p', 'regulator_operator', '*', 'class_review', 'write'),
    ('p', 'regulator_viewer',   '*', 'class_review', 'read'),
    ('p', 'institution_admin',  '*', 'plans',        'read'),
    ('p', 'institution_admin',  '*', 'plans',        'write'),
    ('p', 'institution_staff',  '*', 'plans',        'read'),
    ('p', 'institution_staff',  '*', 'plans',        'write'),
    ('p', 'institution_admin',  '*', 'vouchers',     'read'),
    ('p', 'institution_staff',  '*', 'vouchers',     'read'),
    ('p', 'regulator_admin',    '*', 'vouchers',     'read'),
    ('p', 'regulator_operator', '*', 'vouchers',     'read'),
    ('p', 'regulator_viewer',   '*', 'vouchers',     'read'),
    ('p', 'trainee',            '*', 'learning',     'read');
