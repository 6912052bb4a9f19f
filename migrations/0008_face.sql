-- Real-name verification (实名认证, T-7.2.6b) and face checks (人脸核验, T-7.2.6c/d, Z-II.3).

-- One uploaded image: an ID photo, a live portrait, or a camera frame of a study or exam check.
-- The bytes are in S3 under the tenant prefix (object_key); the row is the upload slot the
-- server issued, so a client can only name images it uploaded itself.
create table face_captures (
    capture_id   uuid primary key,
    tenant_id    uuid not null references tenants (tenant_id),
    user_id      uuid not null references users (user_id),
    purpose      text not null check (purpose in ('id_front', 'id_back', 'portrait', 'study', 'exam')),
    object_key   text not null,
    content_type text not null check (content_type in ('image/jpeg', 'image/png')),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index face_captures_user on face_captures (tenant_id, user_id, created_at desc);

-- Every real-name submission and its decision, kept (a change after verification is a new row
-- under review). Name and ID number are sealed like the account's (Z-V.1).
create table real_name_verifications (
    verification_id  uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    user_id          uuid not null references users (user_id),
    name_enc         bytea not null,
    id_card_enc      bytea not null,
    id_card_bidx     bytea not null,
    pii_key_id       text not null,
    method           text not null check (method in ('review', 'external', 'in_person')),
    status           text not null check (status in ('pending', 'verified', 'rejected')),
    id_front_capture uuid references face_captures (capture_id),
    id_back_capture  uuid references face_captures (capture_id),
    portrait_capture uuid references face_captures (capture_id),
    portrait_score   real,
    note             text not null default '' check (length(note) <= 2000),
    external_ref     text,
    submitted_by     uuid not null references users (user_id),
    submitted_at     timestamptz not null default now(),
    decided_by       uuid references users (user_id),
    decided_at       timestamptz,
    reject_reason    text check (length(reject_reason) <= 500),
    check ((status = 'pending') = (decided_at is null))
);
create index real_name_verifications_user on real_name_verifications (tenant_id, user_id, submitted_at desc);
create index real_name_verifications_queue on real_name_verifications (tenant_id, status, submitted_at);
create unique index real_name_verifications_one_pending on real_name_verifications (user_id)
    where status = 'pending';
create index real_name_verifications_captures on real_name_verifications (id_front_capture);
create index real_name_verifications_back on real_name_verifications (id_back_capture);
create index real_name_verifications_portrait on real_name_verifications (portrait_capture);
create index real_name_verifications_decided_by on real_name_verifications (decided_by);
create index real_name_verifications_submitted_by on real_name_verifications (submitted_by);

-- 人脸特征 — the learner's reference faces (Z-IV.6), sealed (Z-V.1): the verified portrait and,
-- where the tenant allows, the ID photo. A new verification retires the old ones.
create table face_references (
    reference_id    uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    user_id         uuid not null references users (user_id),
    verification_id uuid not null references real_name_verifications (verification_id),
    source          text not null check (source in ('portrait', 'id_photo')),
    embedding_enc   bytea not null,
    pii_key_id      text not null,
    created_at      timestamptz not null default now(),
    retired_at      timestamptz
);
create index face_references_user on face_references (tenant_id, user_id) where retired_at is null;
create index face_references_verification on face_references (verification_id);

-- 学习图像抓拍 — every face check with its snapshot (kept with the play session or exam attempt).
create table face_checks (
    check_id        uuid primary key,
    tenant_id       uuid not null references tenants (tenant_id),
    user_id         uuid not null references users (user_id),
    purpose         text not null check (purpose in ('study', 'exam')),
    play_session_id uuid references play_sessions (play_session_id),
    -- The exams issue links its attempts here.
    exam_attempt_id uuid,
    capture_id      uuid references face_captures (capture_id),
    turn_capture_id uuid references face_captures (capture_id),
    outcome         text not null,
    score           real,
    camera_label    text not null default '' check (length(camera_label) <= 300),
    -- 16x16 grey thumbnail: recognises the same frame sent again.
    thumb           bytea,
    checked_at      timestamptz not null default now()
);
create index face_checks_tenant on face_checks (tenant_id, checked_at desc);
create index face_checks_user on face_checks (tenant_id, user_id, checked_at desc);
create index face_checks_session on face_checks (play_session_id);
create index face_checks_capture on face_checks (capture_id);
create index face_checks_turn on face_checks (turn_capture_id);

-- The face gate of a play session: due at the opening and at random moments; while due nothing
-- is credited (`face_check_pending`). face_turn: the head turn the next check must show.
alter table play_sessions
    add column face_due     boolean not null default false,
    add column next_face_at timestamptz,
    add column face_turn    text check (face_turn in ('left', 'right'));

select apply_tenant_wall(t)
from unnest(array['face_captures', 'real_name_verifications', 'face_references', 'face_checks']) as t;

grant select, insert, update on face_captures, real_name_verifications, face_references to zhipei_app;
grant select, insert on face_checks to zhipei_app;

-- face: a trainee's own captures, real-name submission and checks (institution staff upload the
-- portrait of an in-person verification); real_name: the regulator's review queue;
-- institution_real_name: institution staff verifying their trainees in person; face_checks:
-- regulators' view of snapshots.
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'trainee',            '*', 'face',        'read'),
    ('p', 'trainee',            '*', 'face',        'write'),
    ('p', 'regulator_admin',    '*', 'real_name',   'read'),
    ('p', 'regulator_admin',    '*', 'real_name',   'write'),
    ('p', 'regulator_operator', '*', 'real_name',   'read'),
    ('p', 'regulator_operator', '*', 'real_name',   'write'),
    ('p', 'regulator_viewer',   '*', 'real_name',   'read'),
    ('p', 'regulator_admin',    '*', 'face_checks', 'read'),
    ('p', 'regulator_operator', '*', 'face_checks', 'read'),
    ('p', 'regulator_viewer',   '*', 'face_checks', 'read'),
    ('p', 'institution_admin',  '*', 'face',        'write'),
    ('p', 'institution_staff',  '*', 'face',        'write'),
    ('p', 'institution_admin',  '*', 'institution_real_name', 'read'),
    ('p', 'institution_admin',  '*', 'institution_real_name', 'write'),
    ('p', 'institution_staff',  '*', 'institution_real_name', 'read'),
    ('p', 'institution_staff',  '*', 'institution_real_name', 'write');
