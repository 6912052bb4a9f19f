//! 学时账本 — the totals derived from the raw decisions: a learner's credited intervals and time
//! on a courseware are the union and sum of their credited heartbeats' pieces, less the voided
//! ones; a day's total is the sum of that day's. Used to recompute totals after a void, and by
//! `backend learning verify` to check the kept totals against the record.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use futures_util::TryStreamExt;
use sqlx::PgConnection;
use uuid::Uuid;

use super::intervals::Ranges;
use crate::error::AppError;

/// Derived totals of one tenant (or of the learners asked for).
#[derive(Debug, Default)]
pub struct Totals {
    pub coursewares: HashMap<(Uuid, Uuid), Ranges>,
    pub days: HashMap<(Uuid, NaiveDate), i64>,
}

/// Derives the totals from the heartbeats and voids of `users` (all learners when `None`).
pub async fn derive(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    users: Option<&[Uuid]>,
) -> Result<Totals, AppError> {
    let mut totals = Totals::default();
    let mut rows = sqlx::query_as::<_, (Uuid, Uuid, Vec<i64>, i64, NaiveDate)>(
        "select h.user_id, h.lineage_id, h.ranges, h.credited_ms, h.day from heartbeats h
         where h.tenant_id = $1 and h.credited_ms > 0 and ($2::uuid[] is null or h.user_id = any($2))
           and not exists (select 1 from credit_voids v where v.heartbeat_id = h.heartbeat_id)",
    )
    .bind(tenant_id)
    .bind(users)
    .fetch(conn);
    while let Some((user, lineage, flat, credited_ms, day)) = rows.try_next().await? {
        let ranges = totals.coursewares.entry((user, lineage)).or_default();
        for pair in flat.chunks_exact(2) {
            ranges.add(pair[0], pair[1]);
        }
        *totals.days.entry((user, day)).or_insert(0) += credited_ms;
    }
    Ok(totals)
}

/// Writes the derived totals of `user` back to `courseware_progress` and `daily_study`, for the
/// lineages and days given (after a void took credited time away).
pub async fn rewrite(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user: Uuid,
    lineages: &[Uuid],
    days: &[NaiveDate],
) -> Result<(), AppError> {
    let totals = derive(conn, tenant_id, Some(&[user])).await?;
    for lineage in lineages {
        let ranges = totals
            .coursewares
            .get(&(user, *lineage))
            .cloned()
            .unwrap_or_default();
        // What no longer covers the courseware is no longer complete.
        sqlx::query(
            "update courseware_progress set intervals = $4, credited_ms = $5,
                 completed_at = case when $5 >= (select max(duration_ms) from play_sessions
                                                 where user_id = $2 and lineage_id = $3) - $6
                                     then completed_at end
             where tenant_id = $1 and user_id = $2 and lineage_id = $3",
        )
        .bind(tenant_id)
        .bind(user)
        .bind(lineage)
        .bind(ranges.to_flat())
        .bind(ranges.len())
        .bind(super::rules::COMPLETE_SLACK_MS)
        .execute(&mut *conn)
        .await?;
    }
    for day in days {
        sqlx::query("update daily_study set credited_ms = $4 where tenant_id = $1 and user_id = $2 and day = $3")
            .bind(tenant_id)
            .bind(user)
            .bind(day)
            .bind(totals.days.get(&(user, *day)).copied().unwrap_or(0))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A kept total that differs from what the record derives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    Courseware {
        user: Uuid,
        lineage: Uuid,
        kept_ms: i64,
        derived_ms: i64,
    },
    Day {
        user: Uuid,
        day: NaiveDate,
        kept_ms: i64,
        derived_ms: i64,
    },
}

/// Compares the kept totals of the tenant with the derived ones.
pub async fn verify(
    conn: &mut PgConnection,
    tenant_id: Uuid,
) -> Result<(usize, Vec<Difference>), AppError> {
    let totals = derive(conn, tenant_id, None).await?;
    let kept: Vec<(Uuid, Uuid, Vec<i64>, i64)> = sqlx::query_as(
        "select user_id, lineage_id, intervals, credited_ms from courseware_progress
         where tenant_id = $1 and (credited_ms > 0 or cardinality(intervals) > 0)",
    )
    .bind(tenant_id)
    .fetch_all(&mut *conn)
    .await?;
    let days: Vec<(Uuid, NaiveDate, i64)> =
        sqlx::query_as("select user_id, day, credited_ms from daily_study where tenant_id = $1")
            .bind(tenant_id)
            .fetch_all(&mut *conn)
            .await?;
    let kept_keys: HashSet<(Uuid, Uuid)> = kept.iter().map(|(u, l, _, _)| (*u, *l)).collect();
    let day_keys: HashSet<(Uuid, NaiveDate)> = days.iter().map(|(u, d, _)| (*u, *d)).collect();
    let mut differences = Vec::new();
    let mut seen = 0;
    for (user, lineage, flat, kept_ms) in &kept {
        seen += 1;
        let derived = totals
            .coursewares
            .get(&(*user, *lineage))
            .cloned()
            .unwrap_or_default();
        if Ranges::from_flat(flat) != derived || *kept_ms != derived.len() {
            differences.push(Difference::Courseware {
                user: *user,
                lineage: *lineage,
                kept_ms: *kept_ms,
                derived_ms: derived.len(),
            });
        }
    }
    for ((user, lineage), derived) in &totals.coursewares {
        if !kept_keys.contains(&(*user, *lineage)) {
            differences.push(Difference::Courseware {
                user: *user,
                lineage: *lineage,
                kept_ms: 0,
                derived_ms: derived.len(),
            });
        }
    }
    for (user, day, kept_ms) in &days {
        seen += 1;
        let derived = totals.days.get(&(*user, *day)).copied().unwrap_or(0);
        if *kept_ms != derived {
            differences.push(Difference::Day {
                user: *user,
                day: *day,
                kept_ms: *kept_ms,
                derived_ms: derived,
            });
        }
    }
    for ((user, day), derived) in &totals.days {
        if !day_keys.contains(&(*user, *day)) {
            differences.push(Difference::Day {
                user: *user,
                day: *day,
                kept_ms: 0,
                derived_ms: *derived,
            });
        }
    }
    Ok((seen, differences))
}
