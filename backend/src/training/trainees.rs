//! 班级学员 — the trainees of a class (T-7.2.5d, Z-II.9), with real-name data on their account
//! and training attributes (type, enterprise, education) on the enrolment. Trainees join draft,
//! returned and approved classes; joining a class with tasks uses a seat of each task's
//! on-demand course, and leaving before any study gives the seats back.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use shared_types::ids::IdCardNo;
use shared_types::learning::StudyTime;
use shared_types::page::PageQuery;
use shared_types::training::{
    ClassStatus, ClassTrainee, Education, EnrolmentStatus, NamedRef, TraineeInput, TraineeQuery,
};
use sqlx::PgConnection;
use uuid::Uuid;

use super::classes;
use crate::commerce::seats;
use crate::crypto::Keyring;
use crate::db::stored;
use crate::error::{AppError, Text};
use crate::identity::Principal;
use crate::identity::fields::{self, Phone, mask_phone};
use crate::identity::trainees::{self as accounts, Match, Person};
use crate::learning::hours::CLASS_CREDIT;
use crate::tenancy::service::settings_of;
use crate::validate;

fn not_found() -> AppError {
    AppError::not_found("学员", "Trainee")
}

/// A class trainees may join: (institution, capacity, active trainees). Locks the class.
pub async fn open_class(
    conn: &mut PgConnection,
    p: &Principal,
    class_id: Uuid,
) -> Result<(Uuid, i64, i64), AppError> {
    let (status, institution_id) = classes::lock(conn, p, class_id).await?;
    if !matches!(
        status,
        ClassStatus::Draft | ClassStatus::Returned | ClassStatus::Approved
    ) {
        return Err(AppError::Conflict(Text::new(
            "待审核或已结班的班级不能增减学员",
            "Trainees cannot join or leave a class awaiting review or closed",
        )));
    }
    let (capacity, active): (i32, i64) = sqlx::query_as(
        "select capacity, (select count(*) from class_trainees t where t.class_id = c.class_id and t.status = 'active')
         from classes c where class_id = $1",
    )
    .bind(class_id)
    .fetch_one(conn)
    .await?;
    Ok((institution_id, i64::from(capacity), active))
}

/// The courses of the class's active tasks.
pub async fn task_courses(conn: &mut PgConnection, class_id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(sqlx::query_scalar(
        "select distinct kc.course_id from learning_tasks k join learning_task_courses kc on kc.task_id = k.task_id
         where k.class_id = $1 and k.status = 'active'",
    )
    .bind(class_id)
    .fetch_all(conn)
    .await?)
}

/// Gives `enrolments` a seat of every course of the class's active tasks (all or nothing).
pub async fn seat(
    conn: &mut PgConnection,
    p: &Principal,
    institution_id: Uuid,
    class_id: Uuid,
    enrolments: &[Uuid],
) -> Result<(), AppError> {
    for course in task_courses(conn, class_id).await? {
        seats::take(conn, p.tenant.id, institution_id, course, enrolments).await?;
    }
    Ok(())
}

/// The enrolment attributes: an enabled trainee type and, if given, an enterprise of the site.
async fn check_refs(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    input: &TraineeInput,
) -> Result<(), AppError> {
    let type_ok: bool = sqlx::query_scalar(
        "select exists (select 1 from trainee_types where tenant_id = $1 and trainee_type_id = $2 and enabled)",
    )
    .bind(tenant_id)
    .bind(input.trainee_type_id)
    .fetch_one(&mut *conn)
    .await?;
    if !type_ok {
        return Err(AppError::invalid(
            "trainee_type_id",
            "学员类型不存在或已停用",
            "is not an enabled trainee type",
        ));
    }
    if let Some(enterprise) = input.enterprise_id {
        let ok: bool = sqlx::query_scalar(
            "select exists (select 1 from enterprises where tenant_id = $1 and enterprise_id = $2)",
        )
        .bind(tenant_id)
        .bind(enterprise)
        .fetch_one(conn)
        .await?;
        if !ok {
            return Err(AppError::invalid(
                "enterprise_id",
                "企业不存在",
                "is not an enterprise of this site",
            ));
        }
    }
    Ok(())
}

fn person(input: &TraineeInput) -> Result<Person, AppError> {
    Ok(Person {
        name: fields::person_name("name", &input.name)?,
        id_card: validate::id_card("id_card_no", &input.id_card_no, Utc::now().date_naive())?,
        phone: Phone::parse("phone", &input.phone)?,
    })
}

fn clash(field: &str, text: Text) -> AppError {
    AppError::Invalid {
        field: field.to_owned(),
        text,
    }
}

/// Adds one trainee, with the account their phone or ID-card number already has, else a new one.
pub async fn add(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    input: &TraineeInput,
) -> Result<Uuid, AppError> {
    let person = person(input)?;
    check_refs(conn, p.tenant.id, input).await?;
    let (institution_id, capacity, active) = open_class(conn, p, class_id).await?;
    if active >= capacity {
        return Err(AppError::Conflict(Text::new(
            format!("班级已满（计划人数 {capacity}）"),
            format!("The class is full ({capacity} places)"),
        )));
    }
    let user_id = match accounts::find(conn, keyring, p.tenant.id, &[&person])
        .await?
        .remove(0)
    {
        Match::New => accounts::create(conn, keyring, p.tenant.id, &[&person])
            .await?
            .remove(0),
        Match::Existing { user_id, complete } => {
            if !complete {
                accounts::set_identity(conn, keyring, p.tenant.id, user_id, &person).await?;
            }
            user_id
        }
        Match::Conflict { field, text } => return Err(clash(field, text)),
    };
    let enrolment_id = Uuid::new_v4();
    sqlx::query(
        "insert into class_trainees (enrolment_id, tenant_id, institution_id, class_id, user_id, trainee_type_id,
                                     enterprise_id, education, added_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(enrolment_id)
    .bind(p.tenant.id)
    .bind(institution_id)
    .bind(class_id)
    .bind(user_id)
    .bind(input.trainee_type_id)
    .bind(input.enterprise_id)
    .bind(input.education.as_str())
    .bind(p.user_id)
    .execute(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("class_trainees_one_active") => {
            AppError::Conflict(Text::new("该学员已在本班", "This trainee is already in the class"))
        }
        _ => e.into(),
    })?;
    seat(conn, p, institution_id, class_id, &[enrolment_id]).await?;
    Ok(enrolment_id)
}

/// Changes an enrolment's attributes; the real-name data only while the account has never
/// signed in (after that it belongs to the trainee).
pub async fn update(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    enrolment_id: Uuid,
    input: &TraineeInput,
) -> Result<(), AppError> {
    let person = person(input)?;
    check_refs(conn, p.tenant.id, input).await?;
    open_class(conn, p, class_id).await?;
    let trainee = get(conn, keyring, p, class_id, enrolment_id).await?;
    let (name, phone, id_card) = identity_of(conn, keyring, p.tenant.id, trainee.user_id).await?;
    let changed = person.name != name
        || Some(person.phone.as_str()) != phone.as_deref()
        || Some(person.id_card.as_str()) != id_card.as_deref();
    if changed {
        if trainee.signed_in {
            return Err(AppError::Conflict(Text::new(
                "该学员已登录过，姓名、身份证号和手机号由学员本人维护",
                "This trainee has signed in: name, ID-card number and phone are theirs to change",
            )));
        }
        accounts::set_identity(conn, keyring, p.tenant.id, trainee.user_id, &person).await?;
    }
    sqlx::query(
        "update class_trainees set trainee_type_id = $3, enterprise_id = $4, education = $5
         where tenant_id = $1 and enrolment_id = $2",
    )
    .bind(p.tenant.id)
    .bind(enrolment_id)
    .bind(input.trainee_type_id)
    .bind(input.enterprise_id)
    .bind(input.education.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's name, phone and ID-card number in clear.
async fn identity_of(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    user_id: Uuid,
) -> Result<(String, Option<String>, Option<String>), AppError> {
    type Sealed = (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>, String);
    let (name, phone, id_card, key): Sealed = sqlx::query_as(
        "select name_enc, phone_enc, id_card_enc, pii_key_id from users where tenant_id = $1 and user_id = $2",
    )
    .bind(tenant_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    let open = |sealed: Option<Vec<u8>>| sealed.map(|s| keyring.open(&key, &s)).transpose();
    Ok((keyring.open(&key, &name)?, open(phone)?, open(id_card)?))
}

/// Removes a trainee from the class; seats of courses they have not started come back.
pub async fn remove(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    enrolment_id: Uuid,
) -> Result<(), AppError> {
    let (institution_id, _, _) = open_class(conn, p, class_id).await?;
    let trainee = get(conn, keyring, p, class_id, enrolment_id).await?;
    if trainee.status == EnrolmentStatus::Removed {
        return Err(not_found());
    }
    seats::release(conn, institution_id, &[enrolment_id], None).await?;
    sqlx::query("update class_trainees set status = 'removed', removed_at = now() where tenant_id = $1 and enrolment_id = $2")
        .bind(p.tenant.id)
        .bind(enrolment_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    enrolment_id: Uuid,
    user_id: Uuid,
    name_enc: Vec<u8>,
    phone_enc: Option<Vec<u8>>,
    id_card_enc: Option<Vec<u8>>,
    pii_key_id: String,
    signed_in: bool,
    trainee_type_id: Option<Uuid>,
    trainee_type: Option<String>,
    enterprise_id: Option<Uuid>,
    enterprise: Option<String>,
    education: String,
    status: String,
    started: bool,
    credited_ms: i64,
    tenant_settings: serde_json::Value,
    added_at: DateTime<Utc>,
    removed_at: Option<DateTime<Utc>>,
}

static SELECT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "select t.enrolment_id, t.user_id, u.name_enc, u.phone_enc, u.id_card_enc, u.pii_key_id,
            u.last_login_at is not null as signed_in, t.trainee_type_id, y.name as trainee_type,
            t.enterprise_id, e.name as enterprise, t.education, t.status,
            exists (select 1 from learning_tasks k join learning_task_courses kc on kc.task_id = k.task_id
                    where k.class_id = t.class_id and course_started(t.user_id, kc.course_id)) as started,
            {CLASS_CREDIT} as credited_ms, n.settings as tenant_settings, t.added_at, t.removed_at
        from class_trainees t join users u on u.user_id = t.user_id
        join tenants n on n.tenant_id = t.tenant_id
        left join trainee_types y on y.trainee_type_id = t.trainee_type_id
        left join enterprises e on e.enterprise_id = t.enterprise_id"
    )
});

fn to_trainee(keyring: &Keyring, r: Row) -> Result<ClassTrainee, AppError> {
    let open = |sealed: &Option<Vec<u8>>| -> Result<Option<String>, AppError> {
        Ok(sealed
            .as_ref()
            .map(|s| keyring.open(&r.pii_key_id, s))
            .transpose()?)
    };
    let id_card = open(&r.id_card_enc)?;
    Ok(ClassTrainee {
        id: r.enrolment_id,
        user_id: r.user_id,
        name: keyring.open(&r.pii_key_id, &r.name_enc)?,
        id_card_masked: id_card
            .as_deref()
            .and_then(|id| IdCardNo::parse(id, Utc::now().date_naive()).ok())
            .map(|id| id.masked())
            .unwrap_or_default(),
        phone_masked: open(&r.phone_enc)?
            .as_deref()
            .map(mask_phone)
            .unwrap_or_default(),
        trainee_type: r
            .trainee_type_id
            .zip(r.trainee_type)
            .map(|(id, name)| NamedRef { id, name }),
        enterprise: r
            .enterprise_id
            .zip(r.enterprise)
            .map(|(id, name)| NamedRef { id, name }),
        education: stored::<Education>(&r.education)?,
        status: stored(&r.status)?,
        started: r.started,
        studied: StudyTime::of(
            r.credited_ms / 1000,
            settings_of(&r.tenant_settings).study_hour_minutes,
        ),
        signed_in: r.signed_in,
        added_at: r.added_at,
        removed_at: r.removed_at,
    })
}

pub async fn get(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    enrolment_id: Uuid,
) -> Result<ClassTrainee, AppError> {
    super::class_repo::summary(conn, p, class_id).await?;
    let row: Option<Row> = sqlx::query_as(&format!(
        "{} where t.tenant_id = $1 and t.class_id = $2 and t.enrolment_id = $3",
        *SELECT
    ))
    .bind(p.tenant.id)
    .bind(class_id)
    .bind(enrolment_id)
    .fetch_optional(conn)
    .await?;
    to_trainee(keyring, row.ok_or_else(not_found)?)
}

/// The class's trainees in the order they joined. `q` matches a phone or ID-card number
/// exactly (blind index) or a name exactly (names are sealed: compared after opening).
pub async fn list(
    conn: &mut PgConnection,
    keyring: &Keyring,
    p: &Principal,
    class_id: Uuid,
    q: &TraineeQuery,
    paging: PageQuery,
) -> Result<(Vec<ClassTrainee>, i64), AppError> {
    super::class_repo::summary(conn, p, class_id).await?;
    let needle = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let index = needle.and_then(|n| {
        Phone::parse("q", n)
            .ok()
            .map(|ph| ("u.phone_bidx", keyring.blind_index("phone", ph.as_str())))
            .or_else(|| {
                IdCardNo::parse(n, Utc::now().date_naive()).ok().map(|id| {
                    (
                        "u.id_card_bidx",
                        keyring.blind_index("id_card", id.as_str()),
                    )
                })
            })
    });
    let by_name = needle.is_some() && index.is_none();
    let mut filter = String::from(
        " where t.tenant_id = $1 and t.class_id = $2 and ($3::text is null or t.status = $3)",
    );
    if let Some((column, _)) = &index {
        filter.push_str(&format!(" and {column} = $4"));
    }
    // A name is compared after opening, so that search reads the whole class; otherwise SQL pages.
    let page = if by_name {
        String::new()
    } else {
        format!(" limit {} offset {}", paging.limit(), paging.offset())
    };
    let sql = format!(
        "{}{filter} order by t.added_at, t.enrolment_id{page}",
        *SELECT
    );
    let count_sql = format!(
        "select count(*) from class_trainees t join users u on u.user_id = t.user_id{filter}"
    );
    let bind_value = index.as_ref().map(|(_, value)| value.clone());
    let status = q.status.map(|s| s.as_str());
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql)
        .bind(p.tenant.id)
        .bind(class_id)
        .bind(status);
    let mut select = sqlx::query_as::<_, Row>(&sql)
        .bind(p.tenant.id)
        .bind(class_id)
        .bind(status);
    if let Some(value) = bind_value {
        count = count.bind(value.clone());
        select = select.bind(value);
    }
    let total = count.fetch_one(&mut *conn).await?;
    let mut items = select
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| to_trainee(keyring, r))
        .collect::<Result<Vec<_>, _>>()?;
    if !by_name {
        return Ok((items, total));
    }
    items.retain(|t| Some(t.name.as_str()) == needle);
    let total = items.len() as i64;
    let start = usize::try_from(paging.offset())
        .unwrap_or(usize::MAX)
        .min(items.len());
    let end = (start + usize::try_from(paging.limit()).unwrap_or(0)).min(items.len());
    Ok((items.drain(start..end).collect(), total))
}
