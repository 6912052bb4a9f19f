//! The `welcome_sms` job: a text message to each trainee whose account an import created, saying
//! which class they joined and how to sign in the first time (phone + SMS code). Sent through the
//! site's [`crate::identity::sms::SmsSender`]; a job holds at most [`BATCH`] trainees. A retried
//! job may send a message twice, never none.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::Scope;
use crate::error::AppError;
use crate::identity::fields::Phone;
use crate::identity::sms::SmsMessage;
use crate::jobs::{self, JobKind};

const BATCH: usize = 1000;

#[derive(Debug, Serialize, Deserialize)]
struct Welcome {
    class_id: Uuid,
    user_ids: Vec<Uuid>,
}

/// Queues the messages of `users` (new accounts in `class_id`) in the caller's transaction.
pub async fn enqueue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    class_id: Uuid,
    users: &[Uuid],
) -> Result<(), AppError> {
    for chunk in users.chunks(BATCH) {
        let payload = json!(Welcome {
            class_id,
            user_ids: chunk.to_vec(),
        });
        jobs::enqueue(conn, tenant_id, JobKind::WelcomeSms, &payload).await?;
    }
    Ok(())
}

pub fn describe(payload: &Value) -> String {
    match serde_json::from_value::<Welcome>(payload.clone()) {
        Ok(w) => format!("开通短信 welcome SMS: {} 名学员 trainees", w.user_ids.len()),
        Err(_) => "开通短信 welcome SMS".into(),
    }
}

pub async fn run(state: &AppState, tenant_id: Uuid, payload: &Value) -> anyhow::Result<()> {
    let job: Welcome = serde_json::from_value(payload.clone()).context("welcome_sms payload")?;
    let keyring = &state.config.keyring;
    let mut tx = state.db.begin_tenant(Scope::tenant(tenant_id)).await?;
    let (class, institution, site): (String, String, String) = sqlx::query_as(
        "select c.name, i.name, t.name from classes c join institutions i on i.institution_id = c.institution_id
         join tenants t on t.tenant_id = c.tenant_id where c.class_id = $1",
    )
    .bind(job.class_id)
    .fetch_one(&mut *tx)
    .await?;
    let phones: Vec<(Vec<u8>, String)> = sqlx::query_as(
        "select phone_enc, pii_key_id from users where tenant_id = $1 and user_id = any($2) and phone_enc is not null",
    )
    .bind(tenant_id)
    .bind(&job.user_ids)
    .fetch_all(&mut *tx)
    .await?;
    for (sealed, key_id) in phones {
        let phone = Phone::parse("phone", &keyring.open(&key_id, &sealed)?)
            .map_err(|e| anyhow::anyhow!("stored phone: {e}"))?;
        let message = SmsMessage {
            tenant_id,
            phone: &phone,
            purpose: "welcome",
            code: "",
            text: format!(
                "【职培云】{institution}已将您加入培训班“{class}”。请打开{site}学员端，用手机号 {} 获取短信验证码登录；登录后可设置密码。",
                phone.masked()
            ),
        };
        state.sms.send(&mut tx, keyring, &message).await?;
    }
    tx.commit().await?;
    Ok(())
}
