//! `cargo xtask bench import`: a 10,000-row XLSX trainee import (Z-II.1) through HTTP against
//! the real server and PostgreSQL — the upload with its row-by-row preview, then the commit that
//! creates the accounts and enrolments in one transaction. Prints rows/s (target: 10,000 rows in
//! under 30 s). Needs `ZHIPEI_TEST_PG_URL`; the xtask starts a throwaway cluster.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use reqwest::multipart::{Form, Part};
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};
use shared_types::ids::IdCardNo;
use support::Bench;

const ROWS: u32 = 10_000;

/// 10,000 distinct people: birth dates a day apart, phones counting up.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "姓名",
        "身份证号",
        "手机号",
        "学员类型",
        "所属企业",
        "文化程度",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let first = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    for i in 0..ROWS {
        let born = first + Duration::days(i64::from(i));
        let first17 = format!("330106{}{:03}", born.format("%Y%m%d"), i % 1000);
        let id = format!("{first17}{}", IdCardNo::check_char(&first17).unwrap());
        let row = i + 1;
        let cells = [
            format!("学员{i:05}"),
            id,
            format!("137{:08}", i),
            "企业在职职工".to_owned(),
            String::new(),
            "高中/中专/技校".to_owned(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(row, c as u16, v.as_str()).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn post(bench: &Bench, token: &str, path: &str, body: Value) -> Value {
    let response = bench
        .http
        .post(format!("{}{path}", bench.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

#[tokio::main]
async fn main() {
    let bench = Bench::start("import").await;
    let admin = bench.login("demo-admin").await;
    let head = bench.login("demo-inst-admin").await;
    let policy = json!({"required_study_hours": 8.0});
    let project = post(&bench, &admin, "/api/v1/projects", json!({"name": "导入基准项目",
        "training_type": "frontline_workers", "starts_on": "2025-01-01", "ends_on": "2030-12-31", "policy": policy})).await;
    let class = post(
        &bench,
        &head,
        "/api/v1/classes",
        json!({"project_id": project["id"], "name": "导入基准班",
        "mode": "online", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "capacity": 20000}),
    )
    .await;
    let class_id = class["summary"]["id"].as_str().unwrap().to_owned();
    let bytes = workbook();
    println!("generated a {ROWS}-row XLSX of {} KiB", bytes.len() / 1024);

    let started = Instant::now();
    let form = Form::new().part("file", Part::bytes(bytes).file_name("trainees.xlsx"));
    let response = bench
        .http
        .post(format!(
            "{}/api/v1/classes/{class_id}/trainees/import",
            bench.base
        ))
        .bearer_auth(&head)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "preview: {}",
        response.status()
    );
    let preview: Value = response.json().await.unwrap();
    let previewed = started.elapsed();
    assert_eq!(
        preview["good"], ROWS,
        "every row is good: {}",
        preview["rows"][0]
    );
    let import_id = preview["import_id"].as_str().unwrap();
    let result = post(
        &bench,
        &head,
        &format!("/api/v1/classes/{class_id}/trainees/import/{import_id}/commit"),
        json!({}),
    )
    .await;
    let total = started.elapsed();
    assert_eq!(result["added"], ROWS);
    assert_eq!(result["accounts_created"], ROWS);
    let secs = |d: std::time::Duration| d.as_secs_f64();
    println!(
        "import of {ROWS} rows: preview {:.1} s, commit {:.1} s, total {:.1} s = {:.0} rows/s (target: under 30 s)",
        secs(previewed),
        secs(total - previewed),
        secs(total),
        f64::from(ROWS) / secs(total)
    );
    let (mut conn, tenant) = bench.owner().await;
    let enrolled: i64 = sqlx::query_scalar(
        "select count(*) from class_trainees where tenant_id = $1 and class_id = $2::uuid and status = 'active'",
    )
    .bind(tenant)
    .bind(&class_id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(enrolled, i64::from(ROWS));
}
