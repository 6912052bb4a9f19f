//! Arranging the outline of an editable revision: renaming a chapter and putting chapters, or
//! the coursewares of a chapter, in a new order. An order names every item exactly once.

use std::collections::HashSet;

use shared_types::catalog::{Chapter, ChapterInput};
use sqlx::PgConnection;
use uuid::Uuid;

use super::authoring;
use super::outline::{COURSE_OF_CHAPTER, course_of, title};
use crate::error::AppError;
use crate::identity::Principal;

pub async fn rename_chapter(
    conn: &mut PgConnection,
    p: &Principal,
    chapter_id: Uuid,
    input: &ChapterInput,
) -> Result<Chapter, AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_CHAPTER, chapter_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    let title = title(&input.title)?;
    sqlx::query("update chapters set title = $3 where tenant_id = $1 and chapter_id = $2")
        .bind(tenant_id)
        .bind(chapter_id)
        .bind(&title)
        .execute(conn)
        .await?;
    let mut chapter = revision
        .chapters
        .into_iter()
        .find(|c| c.id == chapter_id)
        .ok_or_else(|| AppError::not_found("章节", "Chapter"))?;
    chapter.title = title;
    Ok(chapter)
}

/// Checks that `wanted` is `current` in some order: no item missing, unknown or repeated.
fn check_order(current: &[Uuid], wanted: &[Uuid]) -> Result<(), AppError> {
    let known: HashSet<&Uuid> = current.iter().collect();
    let mut seen = HashSet::new();
    for id in wanted {
        if !known.contains(id) {
            return Err(AppError::invalid(
                "ids",
                format!("{id} 不在此列表中"),
                format!("{id} is not in this list"),
            ));
        }
        if !seen.insert(id) {
            return Err(AppError::invalid(
                "ids",
                format!("{id} 重复出现"),
                format!("{id} appears twice"),
            ));
        }
    }
    if seen.len() != known.len() {
        return Err(AppError::invalid(
            "ids",
            "须列出全部条目",
            "must list every item",
        ));
    }
    Ok(())
}

/// Positions `0..n` in the order of `ids`, in one statement.
async fn renumber(
    conn: &mut PgConnection,
    table_sql: &str,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<(), AppError> {
    sqlx::query(table_sql)
        .bind(tenant_id)
        .bind(ids)
        .execute(conn)
        .await?;
    Ok(())
}

const RENUMBER_CHAPTERS: &str = "update chapters c set position = o.n - 1
    from unnest($2::uuid[]) with ordinality as o(id, n)
    where c.tenant_id = $1 and c.chapter_id = o.id";
const RENUMBER_COURSEWARES: &str = "update coursewares c set position = o.n - 1
    from unnest($2::uuid[]) with ordinality as o(id, n)
    where c.tenant_id = $1 and c.courseware_id = o.id";

pub async fn order_chapters(
    conn: &mut PgConnection,
    p: &Principal,
    course_id: Uuid,
    ids: &[Uuid],
) -> Result<(), AppError> {
    let revision = authoring::editable(conn, p, course_id).await?;
    let current: Vec<Uuid> = revision.chapters.iter().map(|c| c.id).collect();
    check_order(&current, ids)?;
    renumber(conn, RENUMBER_CHAPTERS, p.tenant.id, ids).await
}

pub async fn order_coursewares(
    conn: &mut PgConnection,
    p: &Principal,
    chapter_id: Uuid,
    ids: &[Uuid],
) -> Result<(), AppError> {
    let tenant_id = p.tenant.id;
    let course_id = course_of(conn, tenant_id, COURSE_OF_CHAPTER, chapter_id).await?;
    let revision = authoring::editable(conn, p, course_id).await?;
    let current: Vec<Uuid> = revision
        .chapters
        .iter()
        .find(|c| c.id == chapter_id)
        .map(|c| c.coursewares.iter().map(|w| w.id).collect())
        .unwrap_or_default();
    check_order(&current, ids)?;
    renumber(conn, RENUMBER_COURSEWARES, tenant_id, ids).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_names_every_item_once() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(check_order(&[a, b], &[b, a]).is_ok());
        for wrong in [vec![a], vec![a, a], vec![a, b, Uuid::from_u128(3)]] {
            assert!(check_order(&[a, b], &wrong).is_err(), "{wrong:?}");
        }
    }
}
