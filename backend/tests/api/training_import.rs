//! The batch import of a class's trainees (T-7.2.5d, Z-II.9): the template, a fixture holding
//! each kind of bad row, and the atomic commit that adds nobody when seats are short.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

use crate::helpers::{Api, error_code, id_card, spawn_app};
use crate::review_fixture::{get_json, signed_in};
use crate::training_fixture::{
    Inst, add_task, approved_class, buy, certified_institution, demo_institution, draft_class,
    json_of, project, published_course, trainee_body, trainee_type,
};

/// An XLSX file with a header and `rows`.
fn workbook(rows: &[[&str; 6]]) -> Vec<u8> {
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
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn upload(
    inst: &Inst,
    app_url: &str,
    class: uuid::Uuid,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    inst.head
        .http
        .post(format!("{app_url}/api/v1/classes/{class}/trainees/import"))
        .header("X-Tenant", "demo")
        .bearer_auth(inst.head.token.as_deref().unwrap())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn problems(preview: &Value, line: u64) -> Vec<String> {
    let row = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == line)
        .unwrap();
    row["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_import_marks_every_bad_row_and_commits_the_good_ones_together() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = demo_institution(&app).await;
    let class = draft_class(
        &inst.head,
        project(&admin, "frontline_workers").await,
        "导入班",
        100,
    )
    .await;
    json_of(
        inst.head
            .post(
                &format!("/api/v1/classes/{class}/trainees"),
                trainee_body(50, trainee_type(&inst.head, "employee").await),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let enterprise = json_of(
        admin
            .post(
                "/api/v1/enterprises",
                json!({"credit_code": crate::helpers::fresh_credit_code(),
        "name": "甲建筑公司", "industry": "建筑施工", "district": "西湖区"}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;

    let cards: Vec<String> = (40..50).map(id_card).collect();
    let card = |n: usize| cards[n - 40].as_str();
    let (id1, id2, id3, id4) = (card(41), card(42), card(43), card(44));
    let bad_check = format!(
        "{}{}",
        &id3[..17],
        if id3.ends_with('0') { '1' } else { '0' }
    );
    let id50 = id_card(50);
    let rows: Vec<[&str; 6]> = vec![
        [
            "甲一",
            id1,
            "13911110001",
            "企业在职职工",
            "甲建筑公司",
            "高中/中专/技校",
        ], // 2 good, enterprise by name
        ["甲二", id2, "13911110002", "graduate", "", "bachelor"], // 3 good, codes
        [
            "甲三",
            &bad_check,
            "13911110003",
            "企业在职职工",
            "",
            "初中",
        ], // 4 bad ID checksum
        ["甲四", id2, "13911110004", "企业在职职工", "", "初中"], // 5 duplicate ID of row 3
        ["", id4, "13911110005", "企业在职职工", "", "初中"],     // 6 missing name
        ["甲六", card(46), "13911110006", "外星人", "", "初中"],  // 7 unknown type
        [
            "甲七",
            card(47),
            "13911110007",
            "企业在职职工",
            "乙公司",
            "初中",
        ], // 8 unknown enterprise
        ["甲八", card(48), "1391111", "企业在职职工", "", "初中"], // 9 bad phone
        ["学员50", &id50, "13900000050", "企业在职职工", "", "初中"], // 10 already in the class
        ["冒名", card(49), "13800000001", "企业在职职工", "", "初中"], // 11 someone else's phone
        [
            "甲十",
            card(40),
            "13911110010",
            "企业在职职工",
            "",
            "博士后",
        ], // 12 unknown education
    ];
    let ent_code = enterprise["credit_code"].as_str().unwrap().to_owned();
    let mut rows = rows;
    let good3 = [
        "甲三好",
        id3,
        "13911110013",
        "企业在职职工",
        ent_code.as_str(),
        "大专",
    ]; // 13 good, enterprise by code
    rows.push(good3);
    let preview = json_of(
        upload(&inst, &app.base, class, "名单.xlsx", workbook(&rows)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            preview["total"].as_u64(),
            preview["good"].as_u64(),
            preview["bad"].as_u64()
        ),
        (Some(12), Some(3), Some(9))
    );
    for (line, field) in [
        (4, "id_card_no"),
        (5, "id_card_no"),
        (6, "name"),
        (7, "trainee_type"),
        (8, "enterprise"),
        (9, "phone"),
        (10, "row"),
        (11, "name"),
        (12, "education"),
    ] {
        assert!(
            problems(&preview, line).contains(&field.to_owned()),
            "line {line}: {:?}",
            problems(&preview, line)
        );
    }
    for line in [2, 3, 13] {
        assert!(problems(&preview, line).is_empty(), "line {line}");
    }
    let dup = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == 5)
        .unwrap();
    assert!(
        dup["problems"][0]["zh"]
            .as_str()
            .unwrap()
            .contains("第 3 行"),
        "{dup}"
    );

    let commit = format!(
        "/api/v1/classes/{class}/trainees/import/{}/commit",
        preview["import_id"].as_str().unwrap()
    );
    let other = certified_institution(&app, &admin, "demo", "import-other").await;
    assert_eq!(
        other.head.post(&commit, json!({})).await.status(),
        StatusCode::NOT_FOUND
    );
    let result = json_of(inst.head.post(&commit, json!({})).await, StatusCode::OK).await;
    assert_eq!(
        (
            result["added"].as_u64(),
            result["skipped"].as_u64(),
            result["accounts_created"].as_u64()
        ),
        (Some(3), Some(9), Some(3))
    );
    assert_eq!(
        inst.head.post(&commit, json!({})).await.status(),
        StatusCode::CONFLICT
    );
    let trainees = get_json(&inst.head, &format!("/api/v1/classes/{class}/trainees")).await;
    assert_eq!(trainees["total"], 4);
    assert!(
        trainees["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["enterprise"]["name"] == "甲建筑公司")
    );

    // Each new account gets its first-login message; it signs in by SMS code.
    let anonymous = Api::new(&app, "demo");
    let mut welcome = Value::Null;
    for _ in 0..100 {
        welcome = get_json(&anonymous, "/api/v1/dev/sms-outbox?phone=13911110001").await;
        if welcome.as_array().is_some_and(|m| !m.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(welcome[0]["purpose"], "welcome", "{welcome}");
    assert!(welcome[0]["text"].as_str().unwrap().contains("导入班"));
    anonymous
        .post(
            "/api/v1/auth/sms-codes",
            json!({"phone": "13911110001", "purpose": "login"}),
        )
        .await;
    let code = crate::helpers::sms_code(&anonymous, "13911110001").await;
    let login = anonymous
        .post(
            "/api/v1/auth/login",
            json!({"phone": "13911110001", "code": code, "device_id": anonymous.device}),
        )
        .await;
    assert_eq!(login.status(), StatusCode::OK);

    // A CSV in GB18030 (as spreadsheet programs save it) and a file that is no spreadsheet.
    let csv = format!(
        "姓名,身份证号,手机号,学员类型,所属企业,文化程度\r\n乙一,{},13922220001,企业在职职工,,初中\r\n",
        id_card(61)
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode(&csv);
    let csv_preview = json_of(
        upload(&inst, &app.base, class, "名单.csv", gbk.into_owned()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(csv_preview["good"], 1);
    let (status, _, e) =
        error_code(upload(&inst, &app.base, class, "名单.pdf", b"%PDF".to_vec()).await).await;
    assert_eq!(
        (status, e["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("file"))
    );
    for format in ["xlsx", "csv"] {
        let r = inst
            .head
            .get(&format!("/api/v1/trainee-import-template?format={format}"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains(format)
        );
    }
}

#[tokio::test]
async fn an_import_that_lacks_seats_adds_nobody() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "demo", "demo-admin").await;
    let inst = certified_institution(&app, &admin, "demo", "short-head").await;
    let (course, _) = published_course(&app, "demo-inst-admin", "vod", Some(500)).await;
    buy(&inst.head, course, 1).await;
    let class = approved_class(
        &inst.head,
        &admin,
        project(&admin, "frontline_workers").await,
        "缺座班",
        10,
    )
    .await;
    add_task(&inst.head, class, "任务", &[course]).await;
    let (a, b) = (id_card(71), id_card(72));
    let rows = vec![
        [
            "丙一",
            a.as_str(),
            "13933330001",
            "企业在职职工",
            "",
            "初中",
        ],
        [
            "丙二",
            b.as_str(),
            "13933330002",
            "企业在职职工",
            "",
            "初中",
        ],
    ];
    let preview = json_of(
        upload(&inst, &app.base, class, "a.xlsx", workbook(&rows)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(preview["seats_needed"][0]["needed"], 2);
    assert_eq!(preview["seats_needed"][0]["remaining"], 1);
    let commit = format!(
        "/api/v1/classes/{class}/trainees/import/{}/commit",
        preview["import_id"].as_str().unwrap()
    );
    let (status, _, e) = error_code(inst.head.post(&commit, json!({})).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(e["message"].as_str().unwrap().contains("名额不足"), "{e}");
    assert_eq!(
        get_json(&inst.head, &format!("/api/v1/classes/{class}/trainees")).await["total"],
        0
    );
    assert_eq!(
        get_json(&inst.head, "/api/v1/inventory").await[0]["remaining"],
        1
    );
}
