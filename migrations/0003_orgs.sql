-- Organisations: training institutions, their certification versions and training
-- qualifications, enterprises settled in the region, departments and the trainee-type dictionary
-- (T-7.2.5a, T-7.2.5b, T-7.2.7d, T-7.2.7e, T-7.2.7g, T-7.2.4).
--
-- Institution wall: an institution-side account (head, staff, lecturer, mentor) belongs to one
-- institution, and its transactions set app.institution_id. Tables owned by an institution add
-- `institution_id = app_current_institution()` to the tenant policy, so institution A cannot read
-- or write institution B's rows even through a query that forgot its filter. Regulator staff,
-- trainees and anonymous calls have no institution: for them the tenant policy alone applies and
-- the services decide what they may see.

create function app_current_institution() returns uuid
language sql stable
as $$ select nullif(current_setting('app.institution_id', true), '')::uuid $$;
grant execute on function app_current_institution() to zhipei_app;

-- The two walls as one statement each, for this and later migrations: every row belongs to the
-- current tenant; an institution-owned row also to the current institution, when there is one.
create function apply_tenant_wall(t text) returns void
language plpgsql
as $$
begin
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) '
                   'with check (tenant_id = app_current_tenant())', t);
end $$;

create function apply_institution_wall(t text) returns void
language plpgsql
as $$
begin
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I '
                   'using (tenant_id = app_current_tenant() and (app_current_institution() is null '
                   'or institution_id = app_current_institution())) '
                   'with check (tenant_id = app_current_tenant() and (app_current_institution() is null '
                   'or institution_id = app_current_institution()))', t);
end $$;
revoke all on function apply_tenant_wall(text), apply_institution_wall(text) from public;

-- 培训机构 — a training unit. Its certification data lives in versions (below); `certified_version_id`
-- is the version in force, which stays in force while an edit is reviewed.
create table institutions (
    institution_id       uuid primary key,
    tenant_id            uuid not null references tenants (tenant_id),
    -- 统一社会信用代码 (GB 32100), the institution's identity; never changes.
    credit_code          text not null check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    name                 text not null check (length(name) between 2 and 100),
    address              text not null default '' check (length(address) <= 200),
    -- The contact person is personal data: sealed like users' PII (Z-V.1).
    contact_name_enc     bytea not null,
    contact_phone_enc    bytea not null,
    pii_key_id           text not null,
    -- registered → pending → certified | returned; an edit of a certified one → pending again.
    status               text not null default 'registered'
        check (status in ('registered', 'pending', 'certified', 'returned')),
    certified_version_id uuid,
    certified_at         timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (tenant_id, credit_code)
);
create index institutions_tenant_status on institutions (tenant_id, status, created_at desc);
create index institutions_tenant_name on institutions (tenant_id, name);
create trigger institutions_updated_at before update on institutions for each row execute function set_updated_at();

-- Institution-side accounts belong to their institution.
alter table users add column institution_id uuid references institutions (institution_id);
create index users_institution on users (tenant_id, institution_id) where institution_id is not null;

-- One submission of certification data (认证资料) and its review; all versions are kept.
create table institution_certifications (
    version_id           uuid primary key,
    tenant_id            uuid not null references tenants (tenant_id),
    institution_id       uuid not null references institutions (institution_id),
    version_no           integer not null check (version_no >= 1),
    name                 text not null check (length(name) between 2 and 100),
    address              text not null check (length(address) between 1 and 200),
    legal_representative text not null check (length(legal_representative) between 1 and 50),
    business_scope       text not null default '' check (length(business_scope) <= 2000),
    licence_media_id     uuid not null references media_assets (media_id),
    document_media_ids   uuid[] not null default '{}',
    status               text not null default 'pending'
        check (status in ('pending', 'approved', 'returned', 'superseded')),
    submitted_by         uuid not null references users (user_id),
    submitted_at         timestamptz not null default now(),
    reviewed_by          uuid references users (user_id),
    reviewed_at          timestamptz,
    review_note          text not null default '' check (length(review_note) <= 2000),
    unique (institution_id, version_no)
);
create unique index institution_certifications_one_pending on institution_certifications (institution_id)
    where status = 'pending';
create index institution_certifications_tenant_status on institution_certifications (tenant_id, status, submitted_at);
create index institution_certifications_licence on institution_certifications (licence_media_id);
create index institution_certifications_submitter on institution_certifications (submitted_by);
create index institution_certifications_reviewer on institution_certifications (reviewed_by);
alter table institutions add foreign key (certified_version_id) references institution_certifications (version_id);
create index institutions_certified_version on institutions (certified_version_id);

-- 培训资质 — an institution may open classes of a training type only with an approved one.
create table qualifications (
    qualification_id   uuid primary key,
    tenant_id          uuid not null references tenants (tenant_id),
    institution_id     uuid not null references institutions (institution_id),
    category           text not null,
    training_type      text not null,
    status             text not null default 'pending'
        check (status in ('pending', 'approved', 'returned', 'revoked')),
    note               text not null default '' check (length(note) <= 2000),
    evidence_media_ids uuid[] not null default '{}',
    applied_by         uuid not null references users (user_id),
    applied_at         timestamptz not null default now(),
    reviewed_by        uuid references users (user_id),
    reviewed_at        timestamptz,
    review_note        text not null default '' check (length(review_note) <= 2000)
);
-- At most one live application or grant per institution and training type.
create unique index qualifications_one_live on qualifications (institution_id, training_type)
    where status in ('pending', 'approved');
create index qualifications_tenant_status on qualifications (tenant_id, status, applied_at);
create index qualifications_applied_by on qualifications (applied_by);
create index qualifications_reviewed_by on qualifications (reviewed_by);

-- The review history of qualifications (T-7.2.7g), append-only.
create table qualification_events (
    event_id         bigint generated always as identity primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    institution_id   uuid not null references institutions (institution_id),
    qualification_id uuid not null references qualifications (qualification_id),
    action           text not null check (action in ('applied', 'approved', 'returned', 'revoked')),
    actor_id         uuid not null references users (user_id),
    note             text not null default '',
    created_at       timestamptz not null default now()
);
create index qualification_events_qualification on qualification_events (qualification_id, created_at);
create index qualification_events_tenant_time on qualification_events (tenant_id, created_at desc);
create index qualification_events_institution on qualification_events (institution_id, created_at desc);
create index qualification_events_actor on qualification_events (actor_id);

-- 入驻企业 — enterprises settled in the region (T-7.2.7d); trainees may belong to one.
create table enterprises (
    enterprise_id uuid primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    credit_code   text not null check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    name          text not null check (length(name) between 2 and 100),
    industry      text not null check (length(industry) between 1 and 50),
    district      text not null check (length(district) between 1 and 50),
    address       text not null default '' check (length(address) <= 200),
    created_by    uuid references users (user_id),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (tenant_id, credit_code)
);
create index enterprises_tenant_name on enterprises (tenant_id, name);
create index enterprises_tenant_industry on enterprises (tenant_id, industry);
create index enterprises_tenant_district on enterprises (tenant_id, district);
create index enterprises_created_by on enterprises (created_by);
create trigger enterprises_updated_at before update on enterprises for each row execute function set_updated_at();

-- 组织架构 — the regulator's departments (institution_id null) and each institution's.
create table departments (
    department_id  uuid primary key,
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid references institutions (institution_id),
    parent_id      uuid references departments (department_id),
    name           text not null check (length(name) between 1 and 50),
    leader         text not null default '' check (length(leader) <= 50),
    phone          text not null default '' check (length(phone) <= 30),
    position       integer not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index departments_sibling_name on departments
    (tenant_id, coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid),
     coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
create index departments_parent on departments (parent_id);
create index departments_institution on departments (institution_id);
create trigger departments_updated_at before update on departments for each row execute function set_updated_at();

-- 学员类型 — the per-tenant dictionary; the tenancy service seeds the defaults of a new site.
create table trainee_types (
    trainee_type_id uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    code            text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    name            text not null check (length(name) between 1 and 50),
    enabled         boolean not null default true,
    position        integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (tenant_id, code)
);
create unique index trainee_types_name on trainee_types (tenant_id, name);
create trigger trainee_types_updated_at before update on trainee_types for each row execute function set_updated_at();

-- The default dictionary of a site: run for every existing site here, and by the tenancy service
-- for each new one (inside its tenant transaction, so row security admits the rows).
create function seed_trainee_types(site uuid) returns void
language sql
as $$
    insert into trainee_types (trainee_type_id, tenant_id, code, name, position)
    select gen_random_uuid(), site, d.code, d.name, d.position
    from (values ('urban_unemployed', '城镇登记失业人员', 1), ('graduate', '高校毕业生', 2),
                 ('migrant_worker', '农村转移劳动力', 3), ('employee', '企业在职职工', 4),
                 ('principal', '主要负责人', 5), ('safety_manager', '安全生产管理人员', 6),
                 ('special_operator', '特种作业人员', 7), ('other', '其他', 8)) as d (code, name, position)
    on conflict do nothing
$$;
grant execute on function seed_trainee_types(uuid) to zhipei_app;
select seed_trainee_types(tenant_id) from tenants;

-- Lecturers and courses belong to the institution that made them (null: the regulator's).
alter table lecturers add column institution_id uuid references institutions (institution_id);
alter table lecturers add column qualifications jsonb not null default '[]';
create index lecturers_institution on lecturers (tenant_id, institution_id);
alter table courses add column institution_id uuid references institutions (institution_id);
create index courses_institution on courses (tenant_id, institution_id);

-- Tenant-wide tables; institution-owned tables (`institutions` is keyed by its own id, and the
-- regulator's departments, with no institution, are invisible to institutions).
select apply_tenant_wall(t) from unnest(array['enterprises', 'trainee_types']) as t;
select apply_institution_wall(t)
from unnest(array['institutions', 'institution_certifications', 'qualifications', 'qualification_events',
                  'departments']) as t;

grant select, insert, update on institutions, institution_certifications, qualifications,
    enterprises, departments, trainee_types to zhipei_app;
grant select, insert on qualification_events to zhipei_app;
grant delete on departments, trainee_types to zhipei_app;

-- Policies. institution_self: an institution's own profile, certification and qualifications;
-- institutions: the regulator's review of institutions and qualifications; enterprises;
-- departments (each side its own tree); trainee_types (the regulator edits, institutions read).
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'institution_admin',  '*', 'institution_self', 'read'),
    ('p', 'institution_admin',  '*', 'institution_self', 'write'),
    ('p', 'institution_staff',  '*', 'institution_self', 'read'),
    ('p', 'lecturer',           '*', 'institution_self', 'read'),
    ('p', 'mentor',             '*', 'institution_self', 'read'),
    ('p', 'regulator_admin',    '*', 'institutions',     'read'),
    ('p', 'regulator_admin',    '*', 'institutions',     'write'),
    ('p', 'regulator_operator', '*', 'institutions',     'read'),
    ('p', 'regulator_operator', '*', 'institutions',     'write'),
    ('p', 'regulator_viewer',   '*', 'institutions',     'read'),
    ('p', 'regulator_admin',    '*', 'enterprises',      'read'),
    ('p', 'regulator_admin',    '*', 'enterprises',      'write'),
    ('p', 'regulator_operator', '*', 'enterprises',      'read'),
    ('p', 'regulator_operator', '*', 'enterprises',      'write'),
    ('p', 'regulator_viewer',   '*', 'enterprises',      'read'),
    ('p', 'institution_admin',  '*', 'enterprises',      'read'),
    ('p', 'institution_staff',  '*', 'enterprises',      'read'),
    ('p', 'regulator_admin',    '*', 'departments',      'read'),
    ('p', 'regulator_admin',    '*', 'departments',      'write'),
    ('p', 'regulator_operator', '*', 'departments',      'read'),
    ('p', 'regulator_viewer',   '*', 'departments',      'read'),
    ('p', 'institution_admin',  '*', 'departments',      'read'),
    ('p', 'institution_admin',  '*', 'departments',      'write'),
    ('p', 'institution_staff',  '*', 'departments',      'read'),
    ('p', 'regulator_admin',    '*', 'trainee_types',    'read'),
    ('p', 'regulator_admin',    '*', 'trainee_types',    'write'),
    ('p', 'regulator_operator', '*', 'trainee_types',    'read'),
    ('p', 'regulator_viewer',   '*', 'trainee_types',    'read'),
    ('p', 'institution_admin',  '*', 'trainee_types',    'read'),
    ('p', 'institution_staff',  '*', 'trainee_types',    'read');
