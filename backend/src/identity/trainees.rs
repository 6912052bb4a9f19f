//! Trainee accounts that institutions bring in (Z-II.1): matched by phone and ID-card number
//! against the site's accounts, or created in bulk without a password — the trainee signs in
//! the first time with an SMS code. Name, phone and ID-card number are sealed (Z-V.1).

use std::collections::HashMap;

use shared_types::ids::IdCardNo;
use sqlx::PgConnection;
use uuid::Uuid;

use super::fields::Phone;
use crate::crypto::Keyring;
use crate::error::{AppError, Text};

/// A trainee's real-name data as an institution enters it.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub id_card: IdCardNo,
    pub phone: Phone,
}

/// What the site's accounts say about a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// No account has the phone or the ID-card number.
    New,
    /// This trainee account; `complete` is false when it lacks the phone or the ID-card
    /// number, which [`set_identity`] then adds.
    Existing { user_id: Uuid, complete: bool },
    /// The data clashes with accounts on record; `field` says which value.
    Conflict { field: &'static str, text: Text },
}

#[derive(sqlx::FromRow)]
struct KnownRow {
    user_id: Uuid,
    name_enc: Vec<u8>,
    pii_key_id: String,
    phone_bidx: Option<Vec<u8>>,
    id_card_bidx: Option<Vec<u8>>,
    is_trainee: bool,
}

fn conflict(field: &'static str, zh: &str, en: &str) -> Match {
    Match::Conflict {
        field,
        text: Text::new(zh, en),
    }
}

/// Matches every person against the accounts of the tenant in one query.
pub async fn find(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    persons: &[&Person],
) -> Result<Vec<Match>, AppError> {
    let phones: Vec<Vec<u8>> = persons
        .iter()
        .map(|p| keyring.blind_index("phone", p.phone.as_str()))
        .collect();
    let ids: Vec<Vec<u8>> = persons
        .iter()
        .map(|p| keyring.blind_index("id_card", p.id_card.as_str()))
        .collect();
    let rows: Vec<KnownRow> = sqlx::query_as(
        "select u.user_id, u.name_enc, u.pii_key_id, u.phone_bidx, u.id_card_bidx,
                exists (select 1 from user_roles r where r.user_id = u.user_id and r.role = 'trainee') as is_trainee
         from users u
         where u.tenant_id = $1 and u.deleted_at is null
           and (u.phone_bidx = any($2) or u.id_card_bidx = any($3))",
    )
    .bind(tenant_id)
    .bind(&phones)
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    let by_phone: HashMap<&[u8], &KnownRow> = rows
        .iter()
        .filter_map(|r| r.phone_bidx.as_deref().map(|b| (b, r)))
        .collect();
    let by_id: HashMap<&[u8], &KnownRow> = rows
        .iter()
        .filter_map(|r| r.id_card_bidx.as_deref().map(|b| (b, r)))
        .collect();
    persons
        .iter()
        .zip(phones.iter().zip(&ids))
        .map(|(person, (phone, id))| {
            let found = match (by_phone.get(phone.as_slice()), by_id.get(id.as_slice())) {
                (None, None) => return Ok(Match::New),
                (Some(a), Some(b)) if a.user_id != b.user_id => {
                    return Ok(conflict(
                        "phone",
                        "手机号与身份证号分别属于不同的账号",
                        "the phone and the ID-card number belong to different accounts",
                    ));
                }
                (Some(a), None) if a.id_card_bidx.is_some() => {
                    return Ok(conflict(
                        "phone",
                        "该手机号已被其他身份证号的账号使用",
                        "this phone belongs to an account with another ID-card number",
                    ));
                }
                (None, Some(b)) if b.phone_bidx.is_some() => {
                    return Ok(conflict(
                        "id_card_no",
                        "该身份证号已绑定其他手机号的账号",
                        "this ID-card number belongs to an account with another phone",
                    ));
                }
                (Some(known), _) | (None, Some(known)) => *known,
            };
            if !found.is_trainee {
                return Ok(conflict(
                    "phone",
                    "该手机号或身份证号属于工作人员账号",
                    "the phone or ID-card number belongs to a staff account",
                ));
            }
            if keyring.open(&found.pii_key_id, &found.name_enc)? != person.name {
                return Ok(conflict(
                    "name",
                    "姓名与该账号登记的姓名不一致",
                    "the name differs from the one on record for this account",
                ));
            }
            Ok(Match::Existing {
                user_id: found.user_id,
                complete: found.phone_bidx.is_some() && found.id_card_bidx.is_some(),
            })
        })
        .collect()
}

/// Creates trainee accounts (no password) for `persons`; returns their ids in order.
pub async fn create(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    persons: &[&Person],
) -> Result<Vec<Uuid>, AppError> {
    let ids: Vec<Uuid> = persons.iter().map(|_| Uuid::new_v4()).collect();
    let mut names = Vec::with_capacity(persons.len());
    let mut phones = Vec::with_capacity(persons.len());
    let mut phone_bidx = Vec::with_capacity(persons.len());
    let mut cards = Vec::with_capacity(persons.len());
    let mut card_bidx = Vec::with_capacity(persons.len());
    for p in persons {
        names.push(keyring.seal(&p.name)?);
        phones.push(keyring.seal(p.phone.as_str())?);
        phone_bidx.push(keyring.blind_index("phone", p.phone.as_str()));
        cards.push(keyring.seal(p.id_card.as_str())?);
        card_bidx.push(keyring.blind_index("id_card", p.id_card.as_str()));
    }
    sqlx::query(
        "insert into users (user_id, tenant_id, name_enc, phone_enc, phone_bidx, id_card_enc, id_card_bidx, pii_key_id)
         select u, $1, n, pe, pb, ie, ib, $8
         from unnest($2::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[])
              as t (u, n, pe, pb, ie, ib)",
    )
    .bind(tenant_id)
    .bind(&ids)
    .bind(&names)
    .bind(&phones)
    .bind(&phone_bidx)
    .bind(&cards)
    .bind(&card_bidx)
    .bind(keyring.current_key_id())
    .execute(&mut *conn)
    .await
    .map_err(|e| taken(e, "phone"))?;
    sqlx::query(
        "insert into user_roles (tenant_id, user_id, role) select $1, u, 'trainee' from unnest($2::uuid[]) as u",
    )
    .bind(tenant_id)
    .bind(&ids)
    .execute(conn)
    .await?;
    Ok(ids)
}

/// A unique violation on phone or ID-card number as a 409 naming the field.
fn taken(e: sqlx::Error, phone_field: &str) -> AppError {
    match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("users_id_card_key") => {
            AppError::AlreadyExists {
                field: "id_card_no".into(),
            }
        }
        _ => crate::db::unique_violation(e, "users_phone_key", phone_field),
    }
}

/// Writes `person` as the account's real-name data, sealed anew under the current key: adds
/// what an existing account lacked, or corrects an account that has never signed in.
pub async fn set_identity(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    user_id: Uuid,
    person: &Person,
) -> Result<(), AppError> {
    sqlx::query(
        "update users set name_enc = $3, phone_enc = $4, phone_bidx = $5, id_card_enc = $6, id_card_bidx = $7,
                          pii_key_id = $8
         where tenant_id = $1 and user_id = $2",
    )
    .bind(tenant_id)
    .bind(user_id)
    .bind(keyring.seal(&person.name)?)
    .bind(keyring.seal(person.phone.as_str())?)
    .bind(keyring.blind_index("phone", person.phone.as_str()))
    .bind(keyring.seal(person.id_card.as_str())?)
    .bind(keyring.blind_index("id_card", person.id_card.as_str()))
    .bind(keyring.current_key_id())
    .execute(conn)
    .await
    .map_err(|e| taken(e, "phone"))?;
    Ok(())
}
