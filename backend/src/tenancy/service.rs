//! Tenant rules: code and name format, time zone, typed settings with defaults and bounds.

use serde_json::Value;
use shared_types::face::FaceProviderKind;
use shared_types::tenant::{CreateTenantRequest, Tenant, TenantSettings};
use uuid::Uuid;

use super::TenantRef;
use super::repo::{self, TenantRow};
use crate::db::{Db, Scope, unique_violation};
use crate::error::AppError;

pub async fn by_code(db: &Db, code: &str) -> Result<TenantRef, AppError> {
    let mut tx = db.begin_unscoped().await?;
    let row = repo::by_code(&mut tx, &code.to_ascii_lowercase()).await?;
    tx.commit().await?;
    let row = row.ok_or_else(|| AppError::TenantNotFound(code.chars().take(40).collect()))?;
    Ok(TenantRef {
        id: row.tenant_id,
        code: row.code,
        name: row.name,
    })
}

/// Settings as stored, with defaults for whatever is missing.
pub fn settings_of(stored: &Value) -> TenantSettings {
    serde_json::from_value(stored.clone()).unwrap_or_default()
}

pub fn to_tenant(row: TenantRow) -> Tenant {
    Tenant {
        id: row.tenant_id,
        settings: settings_of(&row.settings),
        code: row.code,
        name: row.name,
        time_zone: row.time_zone,
        created_at: row.created_at,
    }
}

pub fn validate_settings(s: &TenantSettings) -> Result<(), AppError> {
    let range = |field: &str, value: u32, lo: u32, hi: u32| {
        if (lo..=hi).contains(&value) {
            Ok(())
        } else {
            Err(AppError::invalid(
                field,
                format!("须在 {lo} 到 {hi} 之间"),
                format!("must be between {lo} and {hi}"),
            ))
        }
    };
    range("study_hour_minutes", s.study_hour_minutes, 1, 120)?;
    range("daily_cap_study_hours", s.daily_cap_study_hours, 1, 24)?;
    range("heartbeat_seconds", s.heartbeat_seconds, 5, 120)?;
    range(
        "face_check.min_interval_minutes",
        s.face_check.min_interval_minutes,
        1,
        240,
    )?;
    range(
        "face_check.max_interval_minutes",
        s.face_check.max_interval_minutes,
        s.face_check.min_interval_minutes,
        240,
    )?;
    range(
        "human_check.min_interval_minutes",
        s.human_check.min_interval_minutes,
        1,
        240,
    )?;
    range(
        "human_check.max_interval_minutes",
        s.human_check.max_interval_minutes,
        s.human_check.min_interval_minutes,
        240,
    )?;
    range(
        "human_check.answer_seconds",
        s.human_check.answer_seconds,
        15,
        600,
    )?;
    range(
        "anti_cheat.accounts_per_ip",
        s.anti_cheat.accounts_per_ip,
        2,
        10_000,
    )?;
    if !(0.0..=1.0).contains(&s.face_check.threshold) {
        return Err(AppError::invalid(
            "face_check.threshold",
            "须在 0 到 1 之间",
            "must be between 0 and 1",
        ));
    }
    let provider = &s.face_check.provider;
    if provider.kind == FaceProviderKind::Http {
        service("face_check.provider", &provider.endpoint, &provider.key_id)?;
    }
    if !s.real_name.endpoint.is_empty() || !s.real_name.key_id.is_empty() {
        service("real_name", &s.real_name.endpoint, &s.real_name.key_id)?;
    }
    Ok(())
}

/// An external service: an http(s) address and the key id of its signing secret.
fn service(field: &str, endpoint: &str, key_id: &str) -> Result<(), AppError> {
    if !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
        || endpoint.len() > 500
    {
        return Err(AppError::invalid(
            &format!("{field}.endpoint"),
            "须为 http(s) 地址",
            "must be an http(s) address",
        ));
    }
    if key_id.trim().is_empty() || key_id.len() > 100 {
        return Err(AppError::invalid(
            &format!("{field}.key_id"),
            "须填写签名密钥编号",
            "must name the signing key id",
        ));
    }
    Ok(())
}

/// Applies a JSON merge patch to the stored settings and validates the result.
pub fn patch_settings(stored: &Value, patch: &Value) -> Result<TenantSettings, AppError> {
    let Value::Object(_) = patch else {
        return Err(AppError::Malformed {
            field: None,
            detail: "settings patch must be a JSON object".into(),
        });
    };
    let mut merged = serde_json::to_value(settings_of(stored)).map_err(anyhow::Error::from)?;
    merge(&mut merged, patch);
    let settings: TenantSettings = crate::web::extract::parse_json(merged.to_string().as_bytes())?;
    validate_settings(&settings)?;
    Ok(settings)
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                merge(target.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// Creates a tenant: the explicit cross-tenant path of the platform operator (CLI and platform API).
pub async fn create(db: &Db, req: CreateTenantRequest) -> Result<Tenant, AppError> {
    let code = req.code.trim().to_ascii_lowercase();
    let valid_code = (2..=31).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_code {
        return Err(AppError::invalid(
            "code",
            "站点代码须为 2 到 31 位小写字母、数字或 -，以字母开头",
            "must be 2 to 31 lowercase letters, digits or -, starting with a letter",
        ));
    }
    let name = req.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            "名称须为 1 到 100 个字符",
            "must be 1 to 100 characters",
        ));
    }
    let time_zone = req.time_zone.unwrap_or_else(|| "Asia/Shanghai".into());
    let settings = req.settings.unwrap_or_default();
    validate_settings(&settings)?;
    let tenant_id = Uuid::new_v4();
    let mut tx = db.begin_tenant(Scope::tenant(tenant_id)).await?;
    let valid_zone: bool =
        sqlx::query_scalar("select exists (select 1 from pg_timezone_names where name = $1)")
            .bind(&time_zone)
            .fetch_one(&mut *tx)
            .await?;
    if !valid_zone {
        return Err(AppError::invalid(
            "time_zone",
            "不是有效的时区（如 Asia/Shanghai）",
            "is not a valid time zone (e.g. Asia/Shanghai)",
        ));
    }
    let row = TenantRow {
        tenant_id,
        code,
        name,
        time_zone,
        settings: serde_json::to_value(&settings).map_err(anyhow::Error::from)?,
        created_at: chrono::Utc::now(),
    };
    repo::insert(&mut tx, &row)
        .await
        .map_err(|e| unique_violation(e, "tenants_code_key", "code"))?;
    crate::orgs::trainee_types::seed_defaults(&mut tx, tenant_id).await?;
    let row = repo::by_id(&mut tx, tenant_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("tenant vanished after insert"))?;
    tx.commit().await?;
    Ok(to_tenant(row))
}

pub async fn list(db: &Db) -> Result<Vec<Tenant>, AppError> {
    let mut tx = db.begin_unscoped().await?;
    let rows = repo::list(&mut tx).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(to_tenant).collect())
}

pub async fn settings(db: &Db, tenant: &TenantRef) -> Result<TenantSettings, AppError> {
    let mut tx = db.begin_tenant(Scope::tenant(tenant.id)).await?;
    let row = repo::by_id(&mut tx, tenant.id)
        .await?
        .ok_or_else(|| AppError::TenantNotFound(tenant.code.clone()))?;
    tx.commit().await?;
    Ok(settings_of(&row.settings))
}

pub async fn update_settings(
    db: &Db,
    scope: Scope,
    patch: &Value,
) -> Result<TenantSettings, AppError> {
    let mut tx = db.begin_tenant(scope).await?;
    let row = repo::by_id(&mut tx, scope.tenant_id)
        .await?
        .ok_or_else(|| AppError::not_found("站点", "Site"))?;
    let settings = patch_settings(&row.settings, patch)?;
    repo::set_settings(
        &mut tx,
        scope.tenant_id,
        &serde_json::to_value(&settings).map_err(anyhow::Error::from)?,
    )
    .await?;
    tx.commit().await?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_settings_take_their_defaults() {
        let s = settings_of(&serde_json::json!({"heartbeat_seconds": 15}));
        assert_eq!(
            (
                s.study_hour_minutes,
                s.daily_cap_study_hours,
                s.heartbeat_seconds
            ),
            (45, 8, 15)
        );
    }

    #[test]
    fn a_patch_merges_and_is_validated_with_the_field_named() {
        let stored = serde_json::json!({});
        let ok = patch_settings(
            &stored,
            &serde_json::json!({"daily_cap_study_hours": 4, "face_check": {"enabled": true}}),
        )
        .ok();
        assert_eq!(
            ok.as_ref().map(|s| (
                s.daily_cap_study_hours,
                s.face_check.enabled,
                s.study_hour_minutes
            )),
            Some((4, true, 45))
        );
        let bad = patch_settings(&stored, &serde_json::json!({"heartbeat_seconds": 1}));
        assert!(
            matches!(bad, Err(AppError::Invalid { ref field, .. }) if field == "heartbeat_seconds")
        );
        let wrong_type = patch_settings(&stored, &serde_json::json!({"study_hour_minutes": "x"}));
        assert!(
            matches!(wrong_type, Err(AppError::Malformed { field: Some(ref f), .. }) if f == "study_hour_minutes")
        );
    }

    #[test]
    fn an_external_service_needs_an_address_and_a_key_id() {
        let stored = serde_json::json!({});
        let field_of = |patch: serde_json::Value| match patch_settings(&stored, &patch) {
            Err(AppError::Invalid { field, .. }) => field,
            other => format!("{:?}", other.map(|s| s.face_check.provider.kind)),
        };
        assert_eq!(
            field_of(
                serde_json::json!({"face_check": {"provider": {"kind": "http", "key_id": "k"}}})
            ),
            "face_check.provider.endpoint"
        );
        assert_eq!(
            field_of(serde_json::json!({"real_name": {"endpoint": "https://id.example.cn"}})),
            "real_name.key_id"
        );
        let ok = serde_json::json!({"face_check": {"provider": {"kind": "http", "endpoint": "https://f.example.cn", "key_id": "k"}}});
        assert_eq!(field_of(ok), "Ok(Http)");
    }
}
