//! A course's editable fields, checked at the edge: every rule failure is a 422 naming the field
//! (Z-III.2 copyright, Z-III.3 elements). References (lecturers, topic, licence) are checked
//! against this tenant's rows.

use shared_types::catalog::{CourseFields, CourseKind, TrainingType};
use sqlx::PgConnection;
use uuid::Uuid;

use super::repo;
use crate::error::AppError;

/// Fields that passed every rule.
#[derive(Debug, Clone)]
pub struct Fields {
    pub name: String,
    pub summary: String,
    pub training_type: TrainingType,
    pub audience: String,
    pub tags: Vec<String>,
    pub lecturer_ids: Vec<Uuid>,
    pub topic_id: Option<Uuid>,
    pub copyright_holder: String,
    pub licence_media_id: Option<Uuid>,
    pub price_cents: Option<i64>,
    pub seat_price_cents: Option<i64>,
    pub venue: Option<String>,
    pub schedule: Option<String>,
    pub offline_hours: Option<f64>,
}

fn text(field: &str, value: &str, min: usize, max: usize) -> Result<String, AppError> {
    let value = value.trim();
    let len = value.chars().count();
    if len < min || len > max {
        return Err(if min > 0 && len == 0 {
            AppError::invalid(field, "不能为空", "must not be empty")
        } else {
            AppError::invalid(
                field,
                format!("长度须在 {min} 到 {max} 个字符之间"),
                format!("must be {min} to {max} characters long"),
            )
        });
    }
    Ok(value.to_owned())
}

fn only_for(field: &str, kind: &str) -> AppError {
    AppError::invalid(
        field,
        format!("仅适用于{kind}"),
        format!("applies only to {kind} courses"),
    )
}

/// Checks `input` for a course of `kind` in `tenant_id`.
pub async fn check(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: CourseKind,
    input: &CourseFields,
) -> Result<Fields, AppError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in &input.tags {
        let tag = text("tags", tag, 1, 20)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > 10 {
        return Err(AppError::invalid(
            "tags",
            "最多 10 个标签",
            "at most 10 tags",
        ));
    }
    let mut lecturer_ids = input.lecturer_ids.clone();
    lecturer_ids.dedup();
    if lecturer_ids.len() > 10 {
        return Err(AppError::invalid(
            "lecturer_ids",
            "最多 10 位讲师",
            "at most 10 lecturers",
        ));
    }
    if repo::count_lecturers(conn, tenant_id, &lecturer_ids).await? != lecturer_ids.len() as i64 {
        return Err(AppError::invalid(
            "lecturer_ids",
            "讲师不存在",
            "unknown lecturer",
        ));
    }
    if let Some(topic) = input.topic_id
        && !repo::topic_exists(conn, tenant_id, topic).await?
    {
        return Err(AppError::invalid(
            "topic_id",
            "课程专题不存在",
            "unknown topic",
        ));
    }
    if let Some(licence) = input.licence_media_id {
        let found = repo::media_kind_status(conn, tenant_id, licence).await?;
        let usable = matches!(&found, Some((kind, status))
            if kind == "licence" && (status == "uploaded" || status == "ready"));
        if !usable {
            return Err(AppError::invalid(
                "licence_media_id",
                "须为已上传的版权授权文件",
                "must be an uploaded licence document",
            ));
        }
    }
    let vod = kind == CourseKind::Vod;
    let offline = kind == CourseKind::Offline;
    for (field, price) in [
        ("price_cents", input.price_cents),
        ("seat_price_cents", input.seat_price_cents),
    ] {
        match price {
            Some(_) if !vod => return Err(only_for(field, "点播课 / on-demand")),
            Some(p) if p < 0 => {
                return Err(AppError::invalid(
                    field,
                    "不能为负数",
                    "must not be negative",
                ));
            }
            _ => {}
        }
    }
    let venue = input
        .venue
        .as_deref()
        .map(|v| text("venue", v, 1, 200))
        .transpose()?;
    let schedule = input
        .schedule
        .as_deref()
        .map(|v| text("schedule", v, 1, 500))
        .transpose()?;
    if !offline {
        for (field, given) in [
            ("venue", venue.is_some()),
            ("schedule", schedule.is_some()),
            ("offline_hours", input.offline_hours.is_some()),
        ] {
            if given {
                return Err(only_for(field, "线下课 / offline"));
            }
        }
    }
    if let Some(hours) = input.offline_hours
        && !(0.5..=1000.0).contains(&hours)
    {
        return Err(AppError::invalid(
            "offline_hours",
            "学时须在 0.5 到 1000 之间",
            "must be between 0.5 and 1000 hours",
        ));
    }
    Ok(Fields {
        name: text("name", &input.name, 1, 100)?,
        summary: text("summary", &input.summary, 0, 5000)?,
        training_type: input.training_type,
        audience: text("audience", &input.audience, 0, 500)?,
        tags,
        lecturer_ids,
        topic_id: input.topic_id,
        copyright_holder: text("copyright_holder", &input.copyright_holder, 0, 200)?,
        licence_media_id: input.licence_media_id,
        price_cents: input.price_cents,
        seat_price_cents: input.seat_price_cents,
        venue,
        schedule,
        offline_hours: input.offline_hours,
    })
}
