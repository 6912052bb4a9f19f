//! Review records and their CSV / XLSX export (T-7.2.7k).

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{error_code, spawn_app};
use crate::review_fixture::{
    assign, course_as, experts, get_json, group, opine, owner_in, publish, signed_in,
    submitted_course,
};

/// Two courses through review: one approved and published, one returned with a comma and a
/// quote in the opinion.
async fn reviewed_courses(app: &crate::helpers::TestApp) -> (uuid::Uuid, uuid::Uuid) {
    let ids = experts(app, &["expert2"]).await;
    let admin = signed_in(app, "demo", "demo-admin").await;
    let group_id = group(&admin, "记录组", "any", &ids).await;
    let expert = signed_in(app, "demo", "expert2").await;
    let (published, _) = submitted_course(app, "建筑消防安全管理").await;
    let round = assign(&admin, published, group_id).await;
    opine(&expert, round, "approve", "").await;
    publish(&admin, published).await;
    let (returned, _) = course_as(
        app,
        "demo",
        "demo-inst-admin",
        "vod",
        "叉车司机培训",
        "submitted",
    )
    .await;
    let round = assign(&admin, returned, group_id).await;
    opine(&expert, round, "return", "字幕缺失, 请补充\"中文\"字幕").await;
    (published, returned)
}

#[tokio::test]
async fn records_are_filtered_by_action_course_kind_text_and_day() {
    let app = spawn_app().await;
    let (published, returned) = reviewed_courses(&app).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let all = get_json(&admin, "/api/v1/review/records").await;
    // published: submitted, assigned, opinion, approved, published; returned: submitted,
    // assigned, opinion, returned.
    assert_eq!(all["total"], 9);
    assert_eq!(all["items"][0]["action"], "returned", "newest first");

    let assigned = get_json(&admin, "/api/v1/review/records?action=assigned").await;
    assert_eq!(assigned["total"], 2);
    assert_eq!(assigned["items"][0]["actor_name"], "演示管理员");
    assert_eq!(assigned["items"][0]["note"], "记录组");
    let of_course = get_json(
        &admin,
        &format!("/api/v1/review/records?course_id={published}"),
    )
    .await;
    assert_eq!(of_course["total"], 5);
    assert_eq!(of_course["items"][0]["course_name"], "建筑消防安全管理");
    assert_eq!(of_course["items"][0]["revision_no"], 1);
    let vods = get_json(&admin, "/api/v1/review/records?kind=vod").await;
    assert_eq!(vods["total"], 4);
    assert!(
        vods["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["course_id"] == returned.to_string())
    );
    let by_name = get_json(&admin, "/api/v1/review/records?q=%E6%B6%88%E9%98%B2").await; // 消防
    assert_eq!(by_name["total"], 5);
    let paged = get_json(&admin, "/api/v1/review/records?per_page=4&page=3").await;
    assert_eq!(
        (
            paged["items"].as_array().unwrap().len(),
            paged["total"].as_i64()
        ),
        (1, Some(9))
    );

    // Days are the tenant's (Asia/Shanghai by default).
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let tomorrow = today + Duration::days(1);
    let on = |from: chrono::NaiveDate, to: chrono::NaiveDate| {
        format!("/api/v1/review/records?from={from}&to={to}")
    };
    assert_eq!(get_json(&admin, &on(today, today)).await["total"], 9);
    assert_eq!(get_json(&admin, &on(tomorrow, tomorrow)).await["total"], 0);
    let (status, _, body) = error_code(admin.get(&on(tomorrow, today)).await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("to"))
    );
    let (status, _, body) =
        error_code(admin.get("/api/v1/review/records?from=2026-13-01").await).await;
    assert_eq!(
        (status, body["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("from"))
    );
}

#[tokio::test]
async fn record_days_and_times_follow_the_tenant_time_zone() {
    let app = spawn_app().await;
    let (course, _) = submitted_course(&app, "时区课程").await;
    let (mut owner, tenant_id) = owner_in(&app, "demo").await;
    sqlx::query("update tenants set time_zone = 'Pacific/Kiritimati' where tenant_id = $1")
        .bind(tenant_id)
        .execute(&mut owner)
        .await
        .unwrap();
    // 11:00 UTC on 1 January is 01:00 on 2 January at UTC+14.
    sqlx::query(
        "update course_events set created_at = '2026-01-01 11:00:00+00' where course_id = $1",
    )
    .bind(course)
    .execute(&mut owner)
    .await
    .unwrap();
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let day = |d: &str| format!("/api/v1/review/records?from={d}&to={d}");
    assert_eq!(get_json(&admin, &day("2026-01-02")).await["total"], 1);
    assert_eq!(get_json(&admin, &day("2026-01-01")).await["total"], 0);
    let csv = admin
        .get("/api/v1/review/records?format=csv&from=2026-01-02")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("2026-01-02 01:00:00"), "{csv}");
}

#[tokio::test]
async fn records_download_as_csv_and_xlsx() {
    let app = spawn_app().await;
    reviewed_courses(&app).await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let today = (Utc::now() + Duration::hours(8))
        .format("%Y%m%d")
        .to_string();

    let r = admin.get("/api/v1/review/records?format=csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(header(&r, "content-type").starts_with("text/csv"));
    assert_eq!(
        header(&r, "content-disposition"),
        format!("attachment; filename=\"review-records-{today}.csv\"")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 10, "a header and every record: {text}");
    assert!(lines[0].starts_with("时间 (Time),课程编号 (Course number),课程名称 (Course name)"));
    assert!(text.contains("建筑消防安全管理"));
    assert!(text.contains("叉车司机培训,点播课"));
    assert!(
        text.contains("\"退回：字幕缺失, 请补充\"\"中文\"\"字幕\""),
        "commas and quotes are quoted: {text}"
    );
    // Filters apply to the file too.
    let filtered = admin
        .get("/api/v1/review/records?format=csv&action=published")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(filtered.split("\r\n").filter(|l| !l.is_empty()).count(), 2);

    let r = admin.get("/api/v1/review/records?format=xlsx").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        header(&r, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(header(&r, "content-disposition").contains(&format!("review-records-{today}.xlsx")));
    let xlsx = r.bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"), "a zip archive");
    assert!(xlsx.len() > 2000);
    assert!(
        xlsx.windows(b"xl/workbook.xml".len())
            .any(|w| w == b"xl/workbook.xml"),
        "the archive holds a workbook"
    );
}

#[tokio::test]
async fn an_export_beyond_the_cap_asks_to_narrow_the_filter() {
    let app = spawn_app().await;
    let (course, revision) = submitted_course(&app, "海量记录课程").await;
    let (mut owner, tenant_id) = owner_in(&app, "demo").await;
    sqlx::query(
        "insert into course_events (tenant_id, course_id, revision_id, action, note)
         select $1, $2, $3, 'opinion', 'x' from generate_series(1, 100000)",
    )
    .bind(tenant_id)
    .bind(course)
    .bind(revision)
    .execute(&mut owner)
    .await
    .unwrap();
    let admin = signed_in(&app, "demo", "demo-admin").await;
    for format in ["csv", "xlsx"] {
        let (status, _, body) = error_code(
            admin
                .get(&format!("/api/v1/review/records?format={format}"))
                .await,
        )
        .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("format")),
            "{body}"
        );
        assert!(body["message"].as_str().unwrap().contains("100000"));
    }
    let page: Value = get_json(&admin, "/api/v1/review/records?per_page=5").await;
    assert_eq!(page["total"], 100_001);
    let narrowed = admin
        .get("/api/v1/review/records?format=csv&action=submitted")
        .await;
    assert_eq!(narrowed.status(), StatusCode::OK);
}
