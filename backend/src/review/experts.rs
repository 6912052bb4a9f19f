//! Experts and expert groups (T-7.2.7f). Experts are accounts with the `expert` role, created
//! through the staff account API; a group names a decision rule and at least one expert.

use std::collections::HashMap;

use shared_types::review::{DecisionRule, Expert, ExpertGroup, ExpertGroupInput, GroupRef};
use sqlx::PgConnection;
use uuid::Uuid;

use super::group_repo::{self as repo, GroupRow, Lock};
use crate::crypto::Keyring;
use crate::db::unique_violation;
use crate::error::{AppError, Text};
use crate::identity::people;

const NAME_MAX_CHARS: usize = 100;

fn group_not_found() -> AppError {
    AppError::not_found("专家组", "Expert group")
}

/// A stored rule the schema allows but this build does not know.
fn rule_of(row: &GroupRow) -> Result<DecisionRule, AppError> {
    DecisionRule::parse(&row.decision_rule).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "unknown decision rule `{}` in the database",
            row.decision_rule
        ))
    })
}

/// An [`ExpertGroupInput`] that passed every rule.
struct ValidGroup {
    name: String,
    rule: DecisionRule,
    member_ids: Vec<Uuid>,
}

async fn validate(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &ExpertGroupInput,
) -> Result<ValidGroup, AppError> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
        return Err(AppError::invalid(
            "name",
            format!("名称须为 1 到 {NAME_MAX_CHARS} 个字"),
            format!("must be 1 to {NAME_MAX_CHARS} characters"),
        ));
    }
    let mut member_ids = Vec::with_capacity(input.member_ids.len());
    for id in &input.member_ids {
        if !member_ids.contains(id) {
            member_ids.push(*id);
        }
    }
    if member_ids.is_empty() {
        return Err(AppError::invalid(
            "member_ids",
            "至少选择一位专家",
            "needs at least one expert",
        ));
    }
    let eligible = repo::eligible_experts(conn, tenant_id, &member_ids).await?;
    if let Some(bad) = member_ids.iter().find(|id| !eligible.contains(id)) {
        return Err(AppError::invalid(
            "member_ids",
            format!("{bad} 不是本站点已启用的专家账号"),
            format!("{bad} is not an enabled expert account of this site"),
        ));
    }
    Ok(ValidGroup {
        name: name.to_owned(),
        rule: input.decision_rule,
        member_ids,
    })
}

/// Every live expert of the tenant, with their groups and open rounds.
pub async fn list_experts(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
) -> Result<Vec<Expert>, AppError> {
    let rows = repo::experts(conn, tenant_id).await?;
    let mut groups: HashMap<Uuid, Vec<GroupRef>> = HashMap::new();
    for (user_id, id, name) in repo::memberships(conn, tenant_id).await? {
        groups
            .entry(user_id)
            .or_default()
            .push(GroupRef { id, name });
    }
    rows.into_iter()
        .map(|row| {
            Ok(Expert {
                id: row.user_id,
                name: people::open_name(keyring, &row.pii_key_id, &row.name_enc)?,
                username: row.username,
                enabled: row.enabled,
                groups: groups.remove(&row.user_id).unwrap_or_default(),
                open_rounds: row.open_rounds,
            })
        })
        .collect()
}

/// The live groups `rows` with their members.
async fn with_members(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    rows: Vec<GroupRow>,
) -> Result<Vec<ExpertGroup>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|g| g.group_id).collect();
    let pairs = repo::members(conn, tenant_id, &ids).await?;
    let member_ids: Vec<Uuid> = pairs.iter().map(|(_, user)| *user).collect();
    let known = people::refs(conn, keyring, tenant_id, &member_ids).await?;
    rows.into_iter()
        .map(|row| {
            let mine: Vec<Uuid> = pairs
                .iter()
                .filter(|(group, _)| *group == row.group_id)
                .map(|(_, user)| *user)
                .collect();
            Ok(ExpertGroup {
                id: row.group_id,
                decision_rule: rule_of(&row)?,
                name: row.name,
                members: people::in_order(&known, &mine),
                created_at: row.created_at,
            })
        })
        .collect()
}

pub async fn list_groups(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
) -> Result<Vec<ExpertGroup>, AppError> {
    let rows = repo::groups(conn, tenant_id).await?;
    with_members(conn, keyring, tenant_id, rows).await
}

async fn get_group(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    group_id: Uuid,
) -> Result<ExpertGroup, AppError> {
    let row = repo::group(conn, tenant_id, group_id, Lock::None)
        .await?
        .ok_or_else(group_not_found)?;
    with_members(conn, keyring, tenant_id, vec![row])
        .await?
        .pop()
        .ok_or_else(group_not_found)
}

pub async fn create_group(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    input: &ExpertGroupInput,
) -> Result<ExpertGroup, AppError> {
    let valid = validate(conn, tenant_id, input).await?;
    let group_id = Uuid::new_v4();
    repo::insert_group(conn, tenant_id, group_id, &valid.name, valid.rule.as_str())
        .await
        .map_err(|e| unique_violation(e, "expert_groups_name", "name"))?;
    repo::replace_members(conn, tenant_id, group_id, &valid.member_ids).await?;
    get_group(conn, keyring, tenant_id, group_id).await
}

/// Renames, changes the rule and replaces the members. Rounds already assigned keep the rule and
/// reviewers they were assigned with.
pub async fn update_group(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    group_id: Uuid,
    input: &ExpertGroupInput,
) -> Result<ExpertGroup, AppError> {
    repo::group(conn, tenant_id, group_id, Lock::Update)
        .await?
        .ok_or_else(group_not_found)?;
    let valid = validate(conn, tenant_id, input).await?;
    repo::update_group(conn, tenant_id, group_id, &valid.name, valid.rule.as_str())
        .await
        .map_err(|e| unique_violation(e, "expert_groups_name", "name"))?;
    repo::replace_members(conn, tenant_id, group_id, &valid.member_ids).await?;
    get_group(conn, keyring, tenant_id, group_id).await
}

/// Deletes (soft) a group that reviews nothing right now.
pub async fn delete_group(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> Result<(), AppError> {
    repo::group(conn, tenant_id, group_id, Lock::Update)
        .await?
        .ok_or_else(group_not_found)?;
    let open = repo::open_rounds_of_group(conn, tenant_id, group_id).await?;
    if open > 0 {
        return Err(AppError::Conflict(Text::new(
            format!("该专家组仍有 {open} 个进行中的审核，不能删除"),
            format!("The group still has {open} open review round(s) and cannot be deleted"),
        )));
    }
    repo::soft_delete(conn, tenant_id, group_id).await?;
    Ok(())
}

/// A live group and the experts who would review for it now, for an assignment. The group row
/// stays share-locked so it cannot be deleted under the new round.
pub async fn for_assignment(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> Result<(GroupRow, DecisionRule, Vec<Uuid>), AppError> {
    let row = repo::group(conn, tenant_id, group_id, Lock::Share)
        .await?
        .ok_or_else(|| AppError::invalid("group_id", "专家组不存在", "no such expert group"))?;
    let rule = rule_of(&row)?;
    let reviewers = repo::current_reviewers(conn, tenant_id, group_id).await?;
    if reviewers.is_empty() {
        return Err(AppError::invalid(
            "group_id",
            "该专家组没有可用的专家",
            "the group has no enabled experts",
        ));
    }
    Ok((row, rule, reviewers))
}
