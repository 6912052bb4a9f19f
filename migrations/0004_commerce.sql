-- Course purchase (T-7.2.5c): orders for seats of on-demand courses, the seat inventory per
-- institution and course, the seats given to trainees, and invoice requests.
--
-- The inventory can never go negative: `used` is only raised by an UPDATE guarded by
-- `used < purchased` (and the check constraint below), so concurrent assignments against the last
-- seats serialise on the row and the loser is refused.

-- Numbers per tenant, kind and period (order numbers per day, class and project numbers per year).
create table number_sequences (
    tenant_id uuid not null references tenants (tenant_id),
    kind      text not null,
    period    text not null,
    last      integer not null default 0,
    primary key (tenant_id, kind, period)
);

create table course_orders (
    order_id         uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    institution_id   uuid not null references institutions (institution_id),
    order_no         text not null,
    -- pending → paid | cancelled
    status           text not null default 'pending' check (status in ('pending', 'paid', 'cancelled')),
    total_cents      bigint not null check (total_cents >= 0),
    payment_provider text,
    payment_ref      text,
    created_by       uuid not null references users (user_id),
    created_at       timestamptz not null default now(),
    paid_at          timestamptz,
    cancelled_at     timestamptz,
    updated_at       timestamptz not null default now(),
    unique (tenant_id, order_no),
    check ((status = 'paid') = (paid_at is not null))
);
create index course_orders_institution on course_orders (institution_id, created_at desc);
create index course_orders_tenant_status on course_orders (tenant_id, status, created_at desc);
create index course_orders_created_by on course_orders (created_by);
create trigger course_orders_updated_at before update on course_orders for each row execute function set_updated_at();

create table course_order_lines (
    order_id         uuid not null references course_orders (order_id),
    tenant_id        uuid not null references tenants (tenant_id),
    institution_id   uuid not null references institutions (institution_id),
    course_id        uuid not null references courses (course_id),
    -- what the order said when it was placed
    course_no        text not null,
    course_name      text not null,
    seats            integer not null check (seats between 1 and 100000),
    unit_price_cents bigint not null check (unit_price_cents >= 0),
    primary key (order_id, course_id)
);
create index course_order_lines_course on course_order_lines (course_id);
create index course_order_lines_institution on course_order_lines (institution_id);

-- 课程库存 — seats an institution holds of a course.
create table seat_inventory (
    tenant_id      uuid not null references tenants (tenant_id),
    institution_id uuid not null references institutions (institution_id),
    course_id      uuid not null references courses (course_id),
    purchased      integer not null default 0 check (purchased >= 0),
    used           integer not null default 0 check (used >= 0),
    updated_at     timestamptz not null default now(),
    primary key (institution_id, course_id),
    check (used <= purchased)
);
create index seat_inventory_course on seat_inventory (course_id);
create index seat_inventory_tenant on seat_inventory (tenant_id);
create trigger seat_inventory_updated_at before update on seat_inventory for each row execute function set_updated_at();

-- 发票申请 — one per paid order.
create table invoice_requests (
    invoice_id       uuid primary key,
    tenant_id        uuid not null references tenants (tenant_id),
    institution_id   uuid not null references institutions (institution_id),
    order_id         uuid not null unique references course_orders (order_id),
    title            text not null check (length(title) between 2 and 100),
    tax_no           text not null check (tax_no ~ '^[0-9A-Z]{15,20}$'),
    email            text not null default '' check (length(email) <= 100),
    amount_cents     bigint not null check (amount_cents >= 0),
    -- requested → issued | rejected
    status           text not null default 'requested' check (status in ('requested', 'issued', 'rejected')),
    invoice_no       text,
    invoice_media_id uuid references media_assets (media_id),
    reject_reason    text not null default '' check (length(reject_reason) <= 500),
    requested_by     uuid not null references users (user_id),
    requested_at     timestamptz not null default now(),
    handled_by       uuid references users (user_id),
    handled_at       timestamptz,
    check ((status = 'issued') = (invoice_media_id is not null and invoice_no is not null))
);
create index invoice_requests_institution on invoice_requests (institution_id, requested_at desc);
create index invoice_requests_tenant_status on invoice_requests (tenant_id, status, requested_at);
create index invoice_requests_media on invoice_requests (invoice_media_id);
create index invoice_requests_requested_by on invoice_requests (requested_by);
create index invoice_requests_handled_by on invoice_requests (handled_by);

select apply_tenant_wall('number_sequences');
select apply_institution_wall(t)
from unnest(array['course_orders', 'course_order_lines', 'seat_inventory', 'invoice_requests']) as t;

grant select, insert, update on number_sequences, course_orders, seat_inventory, invoice_requests to zhipei_app;
grant select, insert on course_order_lines to zhipei_app;

-- shop: an institution's orders, inventory and invoice requests; invoices: the regulator issues
-- them (and reads every order).
insert into casbin_rule (ptype, v0, v1, v2, v3) values
    ('p', 'institution_admin',  '*', 'shop',     'read'),
    ('p', 'institution_admin',  '*', 'shop',     'write'),
    ('p', 'institution_staff',  '*', 'shop',     'read'),
    ('p', 'institution_staff',  '*', 'shop',     'write'),
    ('p', 'regulator_admin',    '*', 'invoices', 'read'),
    ('p', 'regulator_admin',    '*', 'invoices', 'write'),
    ('p', 'regulator_operator', '*', 'invoices', 'read'),
    ('p', 'regulator_operator', '*', 'invoices', 'write'),
    ('p', 'regulator_viewer',   '*', 'invoices', 'read');
