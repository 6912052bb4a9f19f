//! 批量导入 — trainees imported from an XLSX or CSV file (Z-II.1). The upload is read and every
//! row checked (missing fields, the ID checksum and birth date, the phone, unknown type /
//! enterprise / education, duplicates in the file, trainees already in the class, clashes with
//! accounts on record, the class's capacity); the preview shows each bad row and why and keeps
//! the rows sealed for an hour. The commit checks them again and adds every good row in one
//! transaction (seats included) — all of them or none — then queues the first-login messages.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, Utc};
use shared_types::commerce::SeatInventory;
use shared_types::training::{
    Education, ImportPreview, ImportResult, ImportRow, RowProblem, SeatNeed,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::import_file::{self, RawRow};
use super::trainees::{open_class, seat, task_courses};
use super::welcome;
use crate::commerce::seats;
use crate::crypto::Keyring;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::identity::fields::{self, Phone};
use crate::identity::trainees::{self as accounts, Match, Person};
use crate::validate;

/// How long a preview can be committed.
const PREVIEW_TTL_MINUTES: i64 = 60;

/// A row and what the checks found.
struct Checked {
    row: RawRow,
    problems: Vec<RowProblem>,
    person: Option<Person>,
    trainee_type_id: Option<Uuid>,
    enterprise_id: Option<Uuid>,
    education: Option<Education>,
    matched: Option<Match>,
}

impl Checked {
    fn good(&self) -> bool {
        self.problems.is_empty()
    }

    fn flag(&mut self, field: &str, zh: impl Into<String>, en: impl Into<String>) {
        self.problems.push(RowProblem {
            field: field.to_owned(),
            zh: zh.into(),
            en: en.into(),
        });
    }

    fn flag_error(&mut self, err: AppError) {
        if let AppError::Invalid { field, text } = err {
            self.problems.push(RowProblem {
                field,
                zh: text.zh,
                en: text.en,
            });
        }
    }
}

fn education_of(value: &str) -> Option<Education> {
    Education::ALL
        .iter()
        .copied()
        .find(|e| e.as_str() == value || e.label_zh() == value)
}

/// Checks every row against the site's dictionaries, the file itself, the class and the accounts.
async fn check(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    room: i64,
    rows: Vec<RawRow>,
) -> Result<Vec<Checked>, AppError> {
    let tenant_id = p.tenant.id;
    let types: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select trainee_type_id, code, name from trainee_types where tenant_id = $1 and enabled",
    )
    .bind(tenant_id)
    .fetch_all(&mut *conn)
    .await?;
    let wanted: Vec<String> = rows
        .iter()
        .map(|r| r.enterprise.clone())
        .filter(|e| !e.is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let enterprises: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select enterprise_id, credit_code, name from enterprises
         where tenant_id = $1 and (name = any($2) or credit_code = any($2))",
    )
    .bind(tenant_id)
    .bind(&wanted)
    .fetch_all(&mut *conn)
    .await?;
    let today = Utc::now().date_naive();
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    let mut seen_phones: HashMap<String, u32> = HashMap::new();
    let mut checked: Vec<Checked> = rows
        .into_iter()
        .map(|row| {
            let mut c = Checked {
                person: None,
                trainee_type_id: types
                    .iter()
                    .find(|(_, code, name)| *code == row.trainee_type || *name == row.trainee_type)
                    .map(|(id, _, _)| *id),
                enterprise_id: enterprises
                    .iter()
                    .find(|(_, code, name)| {
                        *code == row.enterprise.to_ascii_uppercase() || *name == row.enterprise
                    })
                    .map(|(id, _, _)| *id),
                education: education_of(&row.education),
                matched: None,
                problems: Vec::new(),
                row,
            };
            let name = fields::person_name("name", &c.row.name);
            let id_card = validate::id_card("id_card_no", &c.row.id_card_no, today);
            let phone = Phone::parse("phone", &c.row.phone);
            if c.row.trainee_type.is_empty() || c.trainee_type_id.is_none() {
                c.flag(
                    "trainee_type",
                    "学员类型为空或不存在（请按模板说明填写）",
                    "the trainee type is empty or unknown",
                );
            }
            if !c.row.enterprise.is_empty() && c.enterprise_id.is_none() {
                c.flag(
                    "enterprise",
                    "所属企业未登记（请由监管部门先登记）",
                    "the enterprise is not registered in this site",
                );
            }
            if c.education.is_none() {
                c.flag(
                    "education",
                    "文化程度为空或不在可选范围内",
                    "the education level is empty or unknown",
                );
            }
            match (name, id_card, phone) {
                (Ok(name), Ok(id_card), Ok(phone)) => {
                    for (seen, key, field, what_zh, what_en) in [
                        (
                            &mut seen_ids,
                            id_card.as_str().to_owned(),
                            "id_card_no",
                            "身份证号",
                            "ID-card number",
                        ),
                        (
                            &mut seen_phones,
                            phone.as_str().to_owned(),
                            "phone",
                            "手机号",
                            "phone",
                        ),
                    ] {
                        match seen.get(&key) {
                            Some(first) => c.flag(
                                field,
                                format!("{what_zh}与第 {first} 行重复"),
                                format!("the {what_en} repeats row {first}"),
                            ),
                            None => {
                                seen.insert(key, c.row.line);
                            }
                        }
                    }
                    c.person = Some(Person {
                        name,
                        id_card,
                        phone,
                    });
                }
                (name, id_card, phone) => {
                    for err in [name.err(), id_card.err(), phone.err()]
                        .into_iter()
                        .flatten()
                    {
                        c.flag_error(err);
                    }
                }
            }
            c
        })
        .collect();
    let persons: Vec<&Person> = checked.iter().filter_map(|c| c.person.as_ref()).collect();
    let matches = accounts::find(conn, keyring, tenant_id, &persons).await?;
    let in_class: HashSet<Uuid> = sqlx::query_scalar(
        "select user_id from class_trainees where class_id = $1 and status = 'active'",
    )
    .bind(class_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    let mut matches = matches.into_iter();
    let mut room = room;
    for c in checked.iter_mut().filter(|c| c.person.is_some()) {
        match matches.next() {
            Some(Match::Conflict { field, text }) => c.flag(field, text.zh, text.en),
            Some(Match::Existing { user_id, .. }) if in_class.contains(&user_id) => {
                c.flag(
                    "row",
                    "该学员已在本班",
                    "this trainee is already in the class",
                );
            }
            Some(other) => c.matched = Some(other),
            None => {}
        }
        if c.good() {
            if room > 0 {
                room -= 1;
            } else {
                c.flag("row", "超出班级计划人数", "beyond the class's capacity");
            }
        }
    }
    Ok(checked)
}

fn to_row(c: &Checked) -> ImportRow {
    ImportRow {
        line: c.row.line,
        name: c.row.name.clone(),
        id_card_no: c.row.id_card_no.clone(),
        phone: c.row.phone.clone(),
        trainee_type: c.row.trainee_type.clone(),
        enterprise: c.row.enterprise.clone(),
        education: c.row.education.clone(),
        problems: c.problems.clone(),
        existing_account: matches!(c.matched, Some(Match::Existing { .. })),
    }
}

/// Reads and checks an upload; keeps its rows (sealed) for [`commit`].
pub async fn preview(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<ImportPreview, AppError> {
    let rows = import_file::read(file_name, bytes)?;
    let (institution_id, capacity, active) = open_class(conn, p, class_id).await?;
    let sealed = keyring.seal(&serde_json::to_string(&rows).map_err(anyhow::Error::from)?)?;
    let checked = check(conn, keyring, p, class_id, capacity - active, rows).await?;
    let good = checked.iter().filter(|c| c.good()).count();
    let inventory = seats::inventory(conn, p.tenant.id, institution_id).await?;
    let mut seats_needed = Vec::new();
    for course in task_courses(conn, class_id).await? {
        if seats::needs_seats(conn, p.tenant.id, institution_id, course).await? {
            let held = inventory.iter().find(|i| i.course_id == course);
            seats_needed.push(SeatNeed {
                course_id: course,
                course_name: held.map(|i| i.course_name.clone()).unwrap_or_default(),
                needed: i32::try_from(good).unwrap_or(i32::MAX),
                remaining: held.map_or(0, |i: &SeatInventory| i.remaining),
            });
        }
    }
    let import_id = Uuid::new_v4();
    let expires_at = Utc::now() + Duration::minutes(PREVIEW_TTL_MINUTES);
    let file_name = validate::text("file", file_name, 1, 255).unwrap_or_else(|_| "import".into());
    sqlx::query(
        "insert into trainee_imports (import_id, tenant_id, institution_id, class_id, file_name, rows_enc, pii_key_id,
                                      total, good, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(import_id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(class_id)
    .bind(&file_name)
    .bind(sealed)
    .bind(keyring.current_key_id())
    .bind(i32::try_from(checked.len()).unwrap_or(i32::MAX))
    .bind(i32::try_from(good).unwrap_or(i32::MAX))
    .bind(p.user_id)
    .bind(expires_at)
    .execute(conn)
    .await?;
    let total = u32::try_from(checked.len()).unwrap_or(u32::MAX);
    let good = u32::try_from(good).unwrap_or(u32::MAX);
    Ok(ImportPreview {
        import_id,
        file_name,
        total,
        good,
        bad: total - good,
        rows: checked.iter().map(to_row).collect(),
        seats_needed,
        expires_at,
    })
}

/// Adds the good rows of a preview, checked again, in the caller's transaction.
pub async fn commit(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    import_id: Uuid,
) -> Result<ImportResult, AppError> {
    let (institution_id, capacity, active) = open_class(conn, p, class_id).await?;
    let stored: Option<(Vec<u8>, String, String, bool)> = sqlx::query_as(
        "select rows_enc, pii_key_id, status, expires_at < now() from trainee_imports
         where tenant_id = $1 and import_id = $2 and class_id = $3 for update",
    )
    .bind(p.tenant.id)
    .bind(import_id)
    .bind(class_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (sealed, key_id, status, expired) =
        stored.ok_or_else(|| AppError::not_found("导入预览", "Import preview"))?;
    if status != "previewed" || expired {
        return Err(AppError::Conflict(Text::new(
            "该导入已提交或已过期，请重新上传文件",
            "This import was committed already or has expired; upload the file again",
        )));
    }
    let rows: Vec<RawRow> =
        serde_json::from_str(&keyring.open(&key_id, &sealed)?).map_err(anyhow::Error::from)?;
    let total = rows.len();
    let checked = check(conn, keyring, p, class_id, capacity - active, rows).await?;
    let good: Vec<&Checked> = checked.iter().filter(|c| c.good()).collect();
    let fresh: Vec<&Person> = good
        .iter()
        .filter(|c| matches!(c.matched, Some(Match::New)))
        .filter_map(|c| c.person.as_ref())
        .collect();
    let mut created = accounts::create(conn, keyring, p.tenant.id, &fresh)
        .await?
        .into_iter();
    let mut users = Vec::with_capacity(good.len());
    for c in &good {
        let user_id = match (&c.matched, &c.person) {
            (Some(Match::Existing { user_id, complete }), Some(person)) => {
                if !complete {
                    accounts::set_identity(conn, keyring, p.tenant.id, *user_id, person).await?;
                }
                *user_id
            }
            _ => created
                .next()
                .ok_or_else(|| anyhow::anyhow!("fewer accounts created than new rows"))?,
        };
        users.push(user_id);
    }
    let enrolments: Vec<Uuid> = good.iter().map(|_| Uuid::new_v4()).collect();
    let types: Vec<Option<Uuid>> = good.iter().map(|c| c.trainee_type_id).collect();
    let enterprises: Vec<Option<Uuid>> = good.iter().map(|c| c.enterprise_id).collect();
    let education: Vec<&str> = good
        .iter()
        .map(|c| c.education.map_or("", |e| e.as_str()))
        .collect();
    sqlx::query(
        "insert into class_trainees (enrolment_id, tenant_id, institution_id, class_id, user_id, trainee_type_id,
                                     enterprise_id, education, import_id, added_by)
         select e, $1, $2, $3, u, t, n, d, $4, $5
         from unnest($6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::text[]) as x (e, u, t, n, d)",
    )
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(class_id)
    .bind(import_id)
    .bind(p.user_id)
    .bind(&enrolments)
    .bind(&users)
    .bind(&types)
    .bind(&enterprises)
    .bind(&education)
    .execute(&mut *conn)
    .await?;
    seat(conn, p, institution_id, class_id, &enrolments).await?;
    sqlx::query("update trainee_imports set status = 'committed', committed_at = now() where import_id = $1")
        .bind(import_id)
        .execute(&mut *conn)
        .await?;
    let new_accounts: Vec<Uuid> = users
        .iter()
        .zip(&good)
        .filter(|(_, c)| matches!(c.matched, Some(Match::New)))
        .map(|(u, _)| *u)
        .collect();
    if !new_accounts.is_empty() {
        welcome::enqueue(conn, p.tenant.id, class_id, &new_accounts).await?;
    }
    let added = u32::try_from(good.len()).unwrap_or(u32::MAX);
    let created = u32::try_from(new_accounts.len()).unwrap_or(u32::MAX);
    Ok(ImportResult {
        import_id,
        added,
        skipped: u32::try_from(total).unwrap_or(u32::MAX) - added,
        accounts_created: created,
        sms_queued: created,
    })
}
