//! Staff account administration by regulator admins (T-7.2.7m): list, create, edit, enable or
//! disable, reset password, delete (soft). Platform admins and trainees are not managed here.

use shared_types::Role;
use shared_types::admin::{CreateStaffRequest, StaffAccount, StaffQuery, UpdateStaffRequest};
use shared_types::role::Side;
use sqlx::{PgConnection, QueryBuilder};
use uuid::Uuid;

use super::fields::{self, Phone, mask_phone};
use super::repo::{self, NewUser, UserRow};
use crate::crypto::{self, Keyring};
use crate::db::unique_violation;
use crate::error::AppError;
use crate::orgs;
use crate::tenancy::TenantRef;

fn check_roles(roles: &[Role]) -> Result<Vec<Role>, AppError> {
    if roles.is_empty() {
        return Err(AppError::invalid(
            "roles",
            "至少选择一个角色",
            "needs at least one role",
        ));
    }
    if let Some(bad) = roles.iter().find(|r| !Role::STAFF.contains(r)) {
        return Err(AppError::invalid(
            "roles",
            format!("不能授予角色 {}", bad.label_zh()),
            format!("cannot grant the role {}", bad.as_str()),
        ));
    }
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// Institution-side roles need the institution the account belongs to; other roles none.
async fn check_institution(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    roles: &[Role],
    institution_id: Option<Uuid>,
) -> Result<(), AppError> {
    let institution_side = roles.iter().any(|r| r.side() == Side::Institution);
    match (institution_side, institution_id) {
        (true, None) => Err(AppError::invalid(
            "institution_id",
            "机构端角色须指定所属机构",
            "institution roles need the institution the account belongs to",
        )),
        (false, Some(_)) => Err(AppError::invalid(
            "institution_id",
            "只有机构端角色可以指定所属机构",
            "only institution roles belong to an institution",
        )),
        (true, Some(id)) => orgs::institution_ref(conn, tenant.id, id)
            .await
            .map(|_| ())
            .map_err(|_| {
                AppError::invalid(
                    "institution_id",
                    "机构不存在",
                    "is not an institution of this site",
                )
            }),
        (false, None) => Ok(()),
    }
}

fn not_found() -> AppError {
    AppError::not_found("账号", "Account")
}

async fn to_account(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    user: &UserRow,
    roles: Vec<Role>,
) -> Result<StaffAccount, AppError> {
    let institution = match user.institution_id {
        Some(id) => Some(orgs::institution_ref(conn, tenant.id, id).await?),
        None => None,
    };
    let phone = user
        .phone_enc
        .as_deref()
        .map(|p| keyring.open(&user.pii_key_id, p))
        .transpose()?;
    Ok(StaffAccount {
        id: user.user_id,
        username: user.username.clone(),
        name: keyring.open(&user.pii_key_id, &user.name_enc)?,
        phone_masked: phone.as_deref().map(mask_phone),
        roles,
        enabled: user.enabled,
        created_at: user.created_at,
        last_login_at: user.last_login_at,
        institution,
    })
}

/// A staff account of this tenant (not a trainee-only or platform account), or 404.
async fn staff_user(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    id: Uuid,
    lock: bool,
) -> Result<(UserRow, Vec<Role>), AppError> {
    let user = repo::user_by_id(conn, tenant.id, id, lock)
        .await?
        .ok_or_else(not_found)?;
    let roles = repo::roles_of(conn, tenant.id, id).await?;
    if !roles.iter().any(|r| Role::STAFF.contains(r)) {
        return Err(not_found());
    }
    Ok((user, roles))
}

pub async fn list(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    q: &StaffQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<StaffAccount>, i64), AppError> {
    let staff_roles: Vec<&str> = match q.role {
        Some(role) => vec![role.as_str()],
        None => Role::STAFF.iter().map(|r| r.as_str()).collect(),
    };
    let filter = |qb: &mut QueryBuilder<'_, sqlx::Postgres>| {
        qb.push(" from users u where u.tenant_id = ")
            .push_bind(tenant.id);
        qb.push(" and u.deleted_at is null and exists (select 1 from user_roles r where r.user_id = u.user_id and r.role = any(")
            .push_bind(staff_roles.clone())
            .push("))");
        if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            qb.push(" and u.username ilike ")
                .push_bind(crate::db::contains_pattern(text));
        }
    };
    let mut count = QueryBuilder::new("select count(*)");
    filter(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(
        "select u.user_id, u.username, u.name_enc, u.phone_enc, u.pii_key_id, u.password_hash, u.enabled,
                u.failed_logins, u.locked_until, u.last_login_at, u.created_at, u.institution_id",
    );
    filter(&mut select);
    select
        .push(" order by u.created_at desc, u.user_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let users: Vec<UserRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    let mut accounts = Vec::with_capacity(users.len());
    for user in &users {
        let roles = repo::roles_of(conn, tenant.id, user.user_id).await?;
        accounts.push(to_account(conn, keyring, tenant, user, roles).await?);
    }
    Ok((accounts, total))
}

pub async fn get(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    id: Uuid,
) -> Result<StaffAccount, AppError> {
    let (user, roles) = staff_user(conn, tenant, id, false).await?;
    to_account(conn, keyring, tenant, &user, roles).await
}

pub async fn create(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    req: &CreateStaffRequest,
) -> Result<StaffAccount, AppError> {
    let username = fields::username("username", &req.username)?;
    let name = fields::person_name("name", &req.name)?;
    let roles = check_roles(&req.roles)?;
    check_institution(conn, tenant, &roles, req.institution_id).await?;
    let phone = req
        .phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| Phone::parse("phone", p))
        .transpose()?;
    fields::check_password(
        "password",
        &req.password,
        &[
            &username,
            phone.as_ref().map(Phone::as_str).unwrap_or_default(),
        ],
    )?;
    let user_id = Uuid::new_v4();
    let phone = match &phone {
        Some(p) => Some((
            keyring.seal(p.as_str())?,
            keyring.blind_index("phone", p.as_str()),
        )),
        None => None,
    };
    repo::insert_user(
        conn,
        NewUser {
            user_id,
            tenant_id: tenant.id,
            username: Some(&username),
            name_enc: keyring.seal(&name)?,
            phone,
            pii_key_id: keyring.current_key_id(),
            password_hash: Some(crypto::hash_password(&req.password)?),
            institution_id: req.institution_id,
        },
    )
    .await
    .map_err(
        |e| match unique_violation(e, "users_username_key", "username") {
            AppError::Internal(inner) => match inner.downcast::<sqlx::Error>() {
                Ok(e) => unique_violation(e, "users_phone_key", "phone"),
                Err(other) => AppError::Internal(other),
            },
            mapped => mapped,
        },
    )?;
    repo::set_roles(conn, tenant.id, user_id, &roles).await?;
    get(conn, keyring, tenant, user_id).await
}

pub async fn update(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    actor: Uuid,
    id: Uuid,
    req: &UpdateStaffRequest,
) -> Result<StaffAccount, AppError> {
    let (user, _) = staff_user(conn, tenant, id, true).await?;
    if req.name.is_some() || req.phone.is_some() {
        // Name and phone are sealed together under the current key, so the row keeps one key id.
        let name = match &req.name {
            Some(name) => fields::person_name("name", name)?,
            None => keyring.open(&user.pii_key_id, &user.name_enc)?,
        };
        let phone = match &req.phone {
            Some(phone) => Some(Phone::parse("phone", phone)?.as_str().to_owned()),
            None => user
                .phone_enc
                .as_deref()
                .map(|p| keyring.open(&user.pii_key_id, p))
                .transpose()?,
        };
        let phone = match phone {
            Some(p) => Some((keyring.seal(&p)?, keyring.blind_index("phone", &p))),
            None => None,
        };
        repo::set_profile(
            conn,
            id,
            &keyring.seal(&name)?,
            phone,
            keyring.current_key_id(),
        )
        .await
        .map_err(|e| unique_violation(e, "users_phone_key", "phone"))?;
    }
    if let Some(roles) = &req.roles {
        if id == actor && !roles.contains(&Role::RegulatorAdmin) {
            return Err(AppError::invalid(
                "roles",
                "不能移除自己的管理员角色",
                "you cannot remove your own admin role",
            ));
        }
        let roles = check_roles(roles)?;
        check_institution(conn, tenant, &roles, user.institution_id).await?;
        repo::set_roles(conn, tenant.id, id, &roles).await?;
    }
    if let Some(enabled) = req.enabled {
        if id == actor && !enabled {
            return Err(AppError::invalid(
                "enabled",
                "不能停用自己的账号",
                "you cannot disable your own account",
            ));
        }
        repo::set_enabled(conn, id, enabled).await?;
        if !enabled {
            repo::end_sessions_of(conn, tenant.id, id, "disabled", None).await?;
        }
    }
    get(conn, keyring, tenant, id).await
}

pub async fn reset_password(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    id: Uuid,
    new_password: &str,
) -> Result<(), AppError> {
    let (user, _) = staff_user(conn, tenant, id, true).await?;
    fields::check_password(
        "new_password",
        new_password,
        &[user.username.as_deref().unwrap_or_default()],
    )?;
    repo::set_password(conn, id, &crypto::hash_password(new_password)?).await?;
    repo::end_sessions_of(conn, tenant.id, id, "password_changed", None).await?;
    Ok(())
}

pub async fn delete(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    actor: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    staff_user(conn, tenant, id, true).await?;
    if id == actor {
        return Err(AppError::Conflict(crate::error::Text::new(
            "不能删除自己的账号",
            "You cannot delete your own account",
        )));
    }
    repo::soft_delete(conn, id).await?;
    repo::end_sessions_of(conn, tenant.id, id, "deleted", None).await?;
    Ok(())
}
