//! What regulators see of study (Z-IV.1, Z-IV.6, Z-II.3): a learner's play sessions with start,
//! end, IP and device, every heartbeat's decision, and the risk events they clear or confirm.
//! Confirming voids the session's credited time: one `credit_voids` row per heartbeat, and the
//! learner's totals recomputed from the record.

use chrono::{DateTime, NaiveDate, Utc};
use shared_types::learning::{
    HeartbeatRecord, PlaySessionRecord, RiskEvent, RiskQuery, RiskStatus,
};
use shared_types::page::PageQuery;
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use super::ledger;
use crate::crypto::Keyring;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::{Principal, people};
use crate::validate;

#[derive(sqlx::FromRow)]
struct RiskRow {
    risk_event_id: Uuid,
    user_id: Uuid,
    play_session_id: Option<Uuid>,
    kind: String,
    level: String,
    status: String,
    evidence: sqlx::types::Json<std::collections::BTreeMap<String, serde_json::Value>>,
    created_at: DateTime<Utc>,
    decided_by: Option<Uuid>,
    decided_at: Option<DateTime<Utc>>,
    note: String,
    voided_ms: i64,
}

const SELECT: &str =
    "select risk_event_id, user_id, play_session_id, kind, level, status, evidence, created_at,
    decided_by, decided_at, note, voided_ms from risk_events";

async fn to_events(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    rows: Vec<RiskRow>,
) -> Result<Vec<RiskEvent>, AppError> {
    let people_ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|r| [Some(r.user_id), r.decided_by])
        .flatten()
        .collect();
    let names = people::names(conn, keyring, tenant_id, &people_ids).await?;
    rows.into_iter()
        .map(|r| {
            Ok(RiskEvent {
                id: r.risk_event_id,
                user_name: people::name_in(&names, Some(r.user_id)),
                user_id: r.user_id,
                play_session_id: r.play_session_id,
                kind: stored(&r.kind)?,
                level: stored(&r.level)?,
                status: stored(&r.status)?,
                evidence: r
                    .evidence
                    .0
                    .into_iter()
                    .map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                    .collect(),
                created_at: r.created_at,
                decided_by_name: r.decided_by.map(|id| people::name_in(&names, Some(id))),
                decided_at: r.decided_at,
                note: r.note,
                voided_seconds: r.voided_ms as f64 / 1000.0,
            })
        })
        .collect()
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, tenant_id: Uuid, q: &'a RiskQuery) {
    qb.push(" where tenant_id = ").push_bind(tenant_id);
    if let Some(s) = q.status {
        qb.push(" and status = ").push_bind(s.as_str());
    }
    if let Some(k) = q.kind {
        qb.push(" and kind = ").push_bind(k.as_str());
    }
    if let Some(l) = q.level {
        qb.push(" and level = ").push_bind(l.as_str());
    }
    if let Some(u) = q.user_id {
        qb.push(" and user_id = ").push_bind(u);
    }
    if let Some(from) = q.from {
        qb.push(" and created_at >= ").push_bind(from);
    }
    if let Some(to) = q.to {
        qb.push(" and created_at < ").push_bind(to);
    }
}

pub async fn list(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    q: &RiskQuery,
    paging: PageQuery,
) -> Result<(Vec<RiskEvent>, i64), AppError> {
    let mut count = QueryBuilder::new("select count(*) from risk_events");
    filters(&mut count, tenant_id, q);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut select = QueryBuilder::new(SELECT);
    filters(&mut select, tenant_id, q);
    select
        .push(" order by created_at desc, risk_event_id limit ")
        .push_bind(paging.limit())
        .push(" offset ")
        .push_bind(paging.offset());
    let rows: Vec<RiskRow> = select.build_query_as().fetch_all(&mut *conn).await?;
    Ok((to_events(conn, keyring, tenant_id, rows).await?, total))
}

async fn get(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<RiskEvent, AppError> {
    let rows: Vec<RiskRow> = sqlx::query_as(&format!(
        "{SELECT} where tenant_id = $1 and risk_event_id = $2"
    ))
    .bind(tenant_id)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    to_events(conn, keyring, tenant_id, rows)
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("风险事件", "Risk event"))
}

/// Clears (false alarm) or confirms (cheating) an open event; confirming voids the session's
/// credited time. A session without open high-confidence events credits again.
pub async fn decide(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    id: Uuid,
    to: RiskStatus,
    note: &str,
) -> Result<RiskEvent, AppError> {
    let note = validate::text("reason", note, 1, 2000)?;
    let row: Option<(Uuid, Option<Uuid>, String)> = sqlx::query_as(
        "select user_id, play_session_id, status from risk_events where tenant_id = $1 and risk_event_id = $2 for update",
    )
    .bind(p.tenant.id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (user, session, status) =
        row.ok_or_else(|| AppError::not_found("风险事件", "Risk event"))?;
    if stored::<RiskStatus>(&status)? != RiskStatus::Open {
        return Err(AppError::Conflict(Text::new(
            "该风险事件已处理",
            "This risk event has been decided",
        )));
    }
    let mut voided = 0;
    if to == RiskStatus::Confirmed
        && let Some(session) = session
    {
        let voids: Vec<(Uuid, NaiveDate, i64)> = sqlx::query_as(
            "insert into credit_voids (tenant_id, user_id, risk_event_id, heartbeat_id, lineage_id, day, voided_ms)
             select h.tenant_id, h.user_id, $3, h.heartbeat_id, h.lineage_id, h.day, h.credited_ms from heartbeats h
             where h.tenant_id = $1 and h.play_session_id = $2 and h.credited_ms > 0
             on conflict (heartbeat_id) do nothing
             returning lineage_id, day, voided_ms",
        )
        .bind(p.tenant.id)
        .bind(session)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        voided = voids.iter().map(|(_, _, ms)| ms).sum();
        let mut lineages: Vec<Uuid> = voids.iter().map(|(l, _, _)| *l).collect();
        let mut days: Vec<NaiveDate> = voids.iter().map(|(_, d, _)| *d).collect();
        lineages.sort();
        lineages.dedup();
        days.sort();
        days.dedup();
        ledger::rewrite(conn, p.tenant.id, user, &lineages, &days).await?;
    }
    sqlx::query(
        "update risk_events set status = $3, decided_by = $4, decided_at = now(), note = $5, voided_ms = $6
         where tenant_id = $1 and risk_event_id = $2",
    )
    .bind(p.tenant.id)
    .bind(id)
    .bind(to.as_str())
    .bind(p.user_id)
    .bind(&note)
    .bind(voided)
    .execute(&mut *conn)
    .await?;
    if let Some(session) = session {
        sqlx::query(
            "update play_sessions set risk_hold = exists (select 1 from risk_events
                 where play_session_id = $2 and status = 'open' and level = 'high')
             where tenant_id = $1 and play_session_id = $2",
        )
        .bind(p.tenant.id)
        .bind(session)
        .execute(&mut *conn)
        .await?;
    }
    get(conn, keyring, p.tenant.id, id).await
}

#[derive(sqlx::FromRow)]
struct SessionRecordRow {
    play_session_id: Uuid,
    user_id: Uuid,
    courseware_id: Uuid,
    title: String,
    device_id: String,
    ip: String,
    user_agent: String,
    opened_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    close_reason: Option<String>,
    credited_ms: i64,
    heartbeat_count: i32,
}

/// A learner's play sessions, newest first.
pub async fn sessions_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    paging: PageQuery,
) -> Result<(Vec<PlaySessionRecord>, i64), AppError> {
    let total: i64 = sqlx::query_scalar(
        "select count(*) from play_sessions where tenant_id = $1 and user_id = $2",
    )
    .bind(tenant_id)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<SessionRecordRow> = sqlx::query_as(
        "select s.play_session_id, s.user_id, s.courseware_id, w.title, s.device_id, s.ip, s.user_agent, s.opened_at,
                s.closed_at, s.close_reason, s.credited_ms, s.heartbeat_count
         from play_sessions s join coursewares w on w.courseware_id = s.courseware_id
         where s.tenant_id = $1 and s.user_id = $2 order by s.opened_at desc limit $3 offset $4",
    )
    .bind(tenant_id)
    .bind(user_id)
    .bind(paging.limit())
    .bind(paging.offset())
    .fetch_all(conn)
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(PlaySessionRecord {
                id: r.play_session_id,
                user_id: r.user_id,
                courseware_id: r.courseware_id,
                courseware_title: r.title,
                device_id: r.device_id,
                ip: r.ip,
                user_agent: r.user_agent,
                opened_at: r.opened_at,
                closed_at: r.closed_at,
                close_reason: r.close_reason.as_deref().map(stored).transpose()?,
                credited_seconds: r.credited_ms as f64 / 1000.0,
                heartbeats: i64::from(r.heartbeat_count),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok((items, total))
}

/// Every heartbeat of a play session with its decision, in order.
pub async fn heartbeats_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    session: Uuid,
) -> Result<Vec<HeartbeatRecord>, AppError> {
    type Row = (i64, DateTime<Utc>, i64, bool, bool, bool, f32, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "select seq, received_at, position_ms, playing, visible, focused, rate, decision, credited_ms
         from heartbeats where tenant_id = $1 and play_session_id = $2 order by heartbeat_id",
    )
    .bind(tenant_id)
    .bind(session)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(
            |(
                seq,
                received_at,
                position_ms,
                playing,
                visible,
                focused,
                rate,
                decision,
                credited_ms,
            )| {
                Ok(HeartbeatRecord {
                    seq,
                    received_at,
                    position: position_ms as f64 / 1000.0,
                    playing,
                    visible,
                    focused,
                    rate: f64::from(rate),
                    decision: stored(&decision)?,
                    credited_seconds: credited_ms as f64 / 1000.0,
                })
            },
        )
        .collect()
}
