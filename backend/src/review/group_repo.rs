//! SQL for experts and expert groups (T-7.2.7f). Every function takes the tenant transaction's
//! connection and filters on `tenant_id` explicitly; row-level security is the second wall.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub struct ExpertRow {
    pub user_id: Uuid,
    pub username: Option<String>,
    pub name_enc: Vec<u8>,
    pub pii_key_id: String,
    pub enabled: bool,
    pub open_rounds: i64,
}

#[derive(sqlx::FromRow)]
pub struct GroupRow {
    pub group_id: Uuid,
    pub name: String,
    pub decision_rule: String,
    pub created_at: DateTime<Utc>,
}

/// Live accounts holding the expert role, with the open rounds they review.
pub async fn experts(conn: &mut PgConnection, tenant_id: Uuid) -> sqlx::Result<Vec<ExpertRow>> {
    sqlx::query_as(
        "select u.user_id, u.username, u.name_enc, u.pii_key_id, u.enabled,
                (select count(*) from review_rounds rr
                 where rr.tenant_id = u.tenant_id and rr.status = 'open'
                   and u.user_id = any(rr.reviewer_ids)) as open_rounds
         from users u
         where u.tenant_id = $1 and u.deleted_at is null
           and exists (select 1 from user_roles ur where ur.user_id = u.user_id and ur.role = 'expert')
         order by u.username nulls last, u.created_at, u.user_id",
    )
    .bind(tenant_id)
    .fetch_all(conn)
    .await
}

/// Of `ids`, those that are enabled, live accounts of this tenant with the expert role.
pub async fn eligible_experts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "select u.user_id from users u
         where u.tenant_id = $1 and u.user_id = any($2) and u.enabled and u.deleted_at is null
           and exists (select 1 from user_roles ur where ur.user_id = u.user_id and ur.role = 'expert')",
    )
    .bind(tenant_id)
    .bind(ids)
    .fetch_all(conn)
    .await
}

/// Live groups by name.
pub async fn groups(conn: &mut PgConnection, tenant_id: Uuid) -> sqlx::Result<Vec<GroupRow>> {
    sqlx::query_as(
        "select group_id, name, decision_rule, created_at from expert_groups
         where tenant_id = $1 and deleted_at is null order by name, group_id",
    )
    .bind(tenant_id)
    .fetch_all(conn)
    .await
}

/// How a read of a group row locks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    None,
    /// Kept from being deleted or edited until the transaction ends (assigning a round).
    Share,
    /// Edited or deleted by this transaction.
    Update,
}

/// A live group, or `None`.
pub async fn group(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
    lock: Lock,
) -> sqlx::Result<Option<GroupRow>> {
    let sql = format!(
        "select group_id, name, decision_rule, created_at from expert_groups
         where tenant_id = $1 and group_id = $2 and deleted_at is null{}",
        match lock {
            Lock::None => "",
            Lock::Share => " for share",
            Lock::Update => " for update",
        }
    );
    sqlx::query_as(&sql)
        .bind(tenant_id)
        .bind(group_id)
        .fetch_optional(conn)
        .await
}

/// (group, member) pairs of the given groups, in the order members were added.
pub async fn members(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_ids: &[Uuid],
) -> sqlx::Result<Vec<(Uuid, Uuid)>> {
    sqlx::query_as(
        "select m.group_id, m.user_id from expert_group_members m
         join users u on u.user_id = m.user_id
         where m.tenant_id = $1 and m.group_id = any($2) and u.deleted_at is null
         order by m.group_id, u.username nulls last, u.user_id",
    )
    .bind(tenant_id)
    .bind(group_ids)
    .fetch_all(conn)
    .await
}

/// (member, group id, group name) for every live group.
pub async fn memberships(
    conn: &mut PgConnection,
    tenant_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, Uuid, String)>> {
    sqlx::query_as(
        "select m.user_id, g.group_id, g.name from expert_group_members m
         join expert_groups g on g.group_id = m.group_id
         where m.tenant_id = $1 and g.deleted_at is null order by g.name, g.group_id",
    )
    .bind(tenant_id)
    .fetch_all(conn)
    .await
}

pub async fn insert_group(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
    name: &str,
    rule: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into expert_groups (group_id, tenant_id, name, decision_rule) values ($1, $2, $3, $4)",
    )
    .bind(group_id)
    .bind(tenant_id)
    .bind(name)
    .bind(rule)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_group(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
    name: &str,
    rule: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update expert_groups set name = $3, decision_rule = $4 where tenant_id = $1 and group_id = $2",
    )
    .bind(tenant_id)
    .bind(group_id)
    .bind(name)
    .bind(rule)
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `user_ids` the group's members, in place of the previous ones.
pub async fn replace_members(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
    user_ids: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query("delete from expert_group_members where tenant_id = $1 and group_id = $2")
        .bind(tenant_id)
        .bind(group_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into expert_group_members (group_id, tenant_id, user_id)
         select $2, $1, unnest($3::uuid[])",
    )
    .bind(tenant_id)
    .bind(group_id)
    .bind(user_ids)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn soft_delete(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "update expert_groups set deleted_at = now() where tenant_id = $1 and group_id = $2",
    )
    .bind(tenant_id)
    .bind(group_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn open_rounds_of_group(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from review_rounds where tenant_id = $1 and group_id = $2 and status = 'open'",
    )
    .bind(tenant_id)
    .bind(group_id)
    .fetch_one(conn)
    .await
}

/// The group's members who can review now: still enabled experts of this tenant.
pub async fn current_reviewers(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "select u.user_id from expert_group_members m
         join users u on u.user_id = m.user_id
         where m.tenant_id = $1 and m.group_id = $2 and u.enabled and u.deleted_at is null
           and exists (select 1 from user_roles ur where ur.user_id = u.user_id and ur.role = 'expert')
         order by u.username nulls last, u.user_id",
    )
    .bind(tenant_id)
    .bind(group_id)
    .fetch_all(conn)
    .await
}
