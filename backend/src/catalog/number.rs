//! 课程编号 — course numbers: `{SITE}-{CATEGORY}-{YEAR}-{SEQUENCE}`, e.g. `ZJ-AQ-2026-000123`
//! (Z-III.3 "a scientific number"). SITE is the tenant code upper-cased, CATEGORY the training
//! category's two letters (AQ safety production, ZY vocational skills, CY entrepreneurship), YEAR
//! the year of creation in the tenant's time zone, SEQUENCE a six-digit counter per tenant,
//! category and year. Assigned once at creation; it never changes.

use chrono::Datelike;
use shared_types::catalog::TrainingCategory;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::error::AppError;

/// Formats a course number.
pub fn format(site: &str, category: TrainingCategory, year: i32, sequence: i32) -> String {
    format!(
        "{}-{}-{year}-{sequence:06}",
        site.to_ascii_uppercase(),
        category.number_code()
    )
}

/// Allocates the next number atomically (the counter row is locked by the upsert).
pub async fn allocate(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    site: &str,
    category: TrainingCategory,
) -> Result<String, AppError> {
    let today: chrono::NaiveDate = sqlx::query_scalar(
        "select (now() at time zone time_zone)::date from tenants where tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_one(&mut *conn)
    .await?;
    let year = today.year();
    let sequence: i32 = sqlx::query_scalar(
        "insert into course_number_counters (tenant_id, category, year, last) values ($1, $2, $3, 1)
         on conflict (tenant_id, category, year)
         do update set last = course_number_counters.last + 1
         returning last",
    )
    .bind(tenant_id)
    .bind(category.as_str())
    .bind(year)
    .fetch_one(&mut *conn)
    .await?;
    Ok(format(site, category, year, sequence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_documented_scheme() {
        assert_eq!(
            format("zj", TrainingCategory::SafetyProduction, 2026, 123),
            "ZJ-AQ-2026-000123"
        );
        assert_eq!(
            format("demo", TrainingCategory::Entrepreneurship, 2027, 1),
            "DEMO-CY-2027-000001"
        );
    }
}
