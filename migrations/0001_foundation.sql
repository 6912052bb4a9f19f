-- Foundation schema: tenants, accounts, sessions, SMS codes, audit, authorization policies.
--
-- Runs as the owner role (zhipei_owner). The server connects as zhipei_app, which owns nothing and
-- lacks BYPASSRLS; every tenant-owned table has ENABLE + FORCE ROW LEVEL SECURITY and a policy on
-- app.tenant_id, set per transaction by the server's tenant-transaction helper (T-7.2.1.1, T-5d).

-- The tenant of the current transaction. A pooled connection that used set_config(..., true)
-- before reads '' rather than NULL afterwards, hence the NULLIF.
create function app_current_tenant() returns uuid
language sql stable
as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create function set_updated_at() returns trigger
language plpgsql
as $$ begin new.updated_at = now(); return new; end $$;

-- 站点 — one region's site.
create table tenants (
    tenant_id  uuid primary key,
    code       text not null unique check (code ~ '^[a-z][a-z0-9-]{1,30}$'),
    name       text not null check (length(name) between 1 and 100),
    time_zone  text not null default 'Asia/Shanghai',
    settings   jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger tenants_updated_at before update on tenants for each row execute function set_updated_at();
alter table tenants enable row level security;
alter table tenants force row level security;
-- A site's code and name are public (anonymous calls resolve them); changes stay inside the tenant.
create policy tenants_read on tenants for select using (true);
create policy tenants_insert on tenants for insert with check (tenant_id = app_current_tenant());
create policy tenants_update on tenants for update
    using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- Accounts of every kind. Personal data (name, phone, ID-card number) is stored only encrypted
-- (AES-256-GCM, key id kept for rotation); look-ups use keyed hashes (blind indexes) (Z-V.1).
create table users (
    user_id          uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    username         text check (username ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$'),
    name_enc         bytea not null,
    phone_enc        bytea,
    phone_bidx       bytea,
    id_card_enc      bytea,
    id_card_bidx     bytea,
    pii_key_id       text not null,
    password_hash    text,
    enabled          boolean not null default true,
    failed_logins    integer not null default 0,
    locked_until     timestamptz,
    last_login_at    timestamptz,
    -- Real-name verification lands in a later issue; the status column is ready (T-7.2.6b).
    real_name_status text not null default 'unverified'
        check (real_name_status in ('unverified', 'pending', 'verified', 'rejected')),
    deleted_at       timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check ((phone_enc is null) = (phone_bidx is null)),
    check ((id_card_enc is null) = (id_card_bidx is null)),
    check (username is not null or phone_bidx is not null)
);
create unique index users_username_key on users (tenant_id, lower(username))
    where deleted_at is null and username is not null;
create unique index users_phone_key on users (tenant_id, phone_bidx)
    where deleted_at is null and phone_bidx is not null;
create unique index users_id_card_key on users (tenant_id, id_card_bidx)
    where deleted_at is null and id_card_bidx is not null;
create index users_tenant_created on users (tenant_id, created_at desc);
create trigger users_updated_at before update on users for each row execute function set_updated_at();

create table user_roles (
    tenant_id  uuid not null references tenants (tenant_id),
    user_id    uuid not null references users (user_id),
    role       text not null check (role in ('platform_admin', 'regulator_admin', 'regulator_operator',
                   'regulator_viewer', 'expert', 'institution_admin', 'institution_staff', 'lecturer',
                   'mentor', 'trainee')),
    created_at timestamptz not null default now(),
    primary key (user_id, role)
);
create index user_roles_tenant_role on user_roles (tenant_id, role);

-- Sessions: only the SHA-256 of the opaque token is stored. One account, one device (Z-II.3):
-- a new login ends the account's other live sessions with end_reason 'replaced'.
create table sessions (
    session_id   uuid primary key,
    tenant_id    uuid not null references tenants (tenant_id),
    user_id      uuid not null references users (user_id),
    token_hash   bytea not null unique,
    device_id    text not null check (length(device_id) between 8 and 128),
    ip           text,
    user_agent   text,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null,
    ended_at     timestamptz,
    end_reason   text check (end_reason in ('logout', 'replaced', 'password_changed', 'disabled',
                     'deleted', 'phone_changed'))
);
create index sessions_live_user on sessions (tenant_id, user_id) where ended_at is null;
create index sessions_live_device on sessions (tenant_id, device_id) where ended_at is null;

-- SMS verification codes: only a keyed hash of the code is kept.
create table sms_codes (
    sms_code_id uuid primary key,
    tenant_id   uuid not null references tenants (tenant_id),
    phone_bidx  bytea not null,
    purpose     text not null check (purpose in ('register', 'login', 'rebind')),
    code_hash   bytea not null,
    attempts    integer not null default 0,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    consumed_at timestamptz
);
create index sms_codes_lookup on sms_codes (tenant_id, phone_bidx, purpose, created_at desc);

-- What the dev SMS sender "sent". Written only when the server runs in dev mode.
create table sms_outbox (
    sms_outbox_id bigint generated always as identity primary key,
    tenant_id     uuid not null references tenants (tenant_id),
    phone_bidx    bytea not null,
    phone_enc     bytea not null,
    pii_key_id    text not null,
    purpose       text not null,
    code          text not null,
    body          text not null,
    created_at    timestamptz not null default now()
);
create index sms_outbox_phone on sms_outbox (tenant_id, phone_bidx, created_at desc);

-- Audit trail (Z-V.4): append-only for the server role.
create table audit_log (
    audit_id   bigint generated always as identity primary key,
    tenant_id  uuid not null references tenants (tenant_id),
    actor_id   uuid,
    action     text not null,
    object     text not null,
    result     text not null,
    ip         text,
    user_agent text,
    request_id text,
    created_at timestamptz not null default now()
);
create index audit_log_tenant_time on audit_log (tenant_id, created_at desc);
create index audit_log_tenant_actor on audit_log (tenant_id, actor_id, created_at desc);
create index audit_log_tenant_action on audit_log (tenant_id, action, created_at desc);

-- Tenant isolation on every tenant-owned table.
do $$
declare t text;
begin
    foreach t in array array['users', 'user_roles', 'sessions', 'sms_codes', 'sms_outbox', 'audit_log'] loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) '
                       'with check (tenant_id = app_current_tenant())', t);
    end loop;
end $$;

-- Casbin policies (RBAC with domains; domain = tenant code or '*' for every tenant).
-- Not tenant data: the server loads them all into its enforcer at start.
create table casbin_rule (
    id    integer generated always as identity primary key,
    ptype text not null,
    v0    text not null default '',
    v1    text not null default '',
    v2    text not null default '',
    v3    text not null default '',
    v4    text not null default '',
    v5    text not null default '',
    unique (ptype, v0, v1, v2, v3, v4, v5)
);

-- p, role, domain, object, action. Actions: read (GET) and write (everything else).
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'platform_admin',     '*', 'platform_tenants', 'read'),
    ('p', 'platform_admin',     '*', 'platform_tenants', 'write'),
    ('p', 'regulator_admin',    '*', 'accounts',         'read'),
    ('p', 'regulator_admin',    '*', 'accounts',         'write'),
    ('p', 'regulator_admin',    '*', 'audit',            'read'),
    ('p', 'regulator_admin',    '*', 'tenant_settings',  'read'),
    ('p', 'regulator_admin',    '*', 'tenant_settings',  'write'),
    ('p', 'regulator_operator', '*', 'accounts',         'read'),
    ('p', 'regulator_operator', '*', 'tenant_settings',  'read'),
    ('p', 'regulator_viewer',   '*', 'accounts',         'read'),
    ('p', 'regulator_viewer',   '*', 'tenant_settings',  'read');
-- Every signed-in role reads and edits its own account.
insert into casbin_rule (ptype, v0, v1, v2, v3)
select 'p', role, '*', 'me', action
from unnest(array['platform_admin', 'regulator_admin', 'regulator_operator', 'regulator_viewer', 'expert',
                  'institution_admin', 'institution_staff', 'lecturer', 'mentor', 'trainee']) as role,
     unnest(array['read', 'write']) as action;

-- The server role: no ownership, no DELETE anywhere (soft deletes), audit is insert + select only.
grant usage on schema public to zhipei_app;
grant select on tenants to zhipei_app;
grant insert (tenant_id, code, name, time_zone, settings) on tenants to zhipei_app;
grant update (name, time_zone, settings) on tenants to zhipei_app;
grant select, insert, update on users, sessions, sms_codes to zhipei_app;
grant select, insert, delete on user_roles to zhipei_app;
grant select, insert on sms_outbox, audit_log to zhipei_app;
grant select on casbin_rule to zhipei_app;
grant execute on function app_current_tenant() to zhipei_app;
