//! SMS verification codes (Z-II.1): 6 digits, 5-minute expiry, single use, 60-second resend
//! cooldown, 5 wrong tries per code, 10 codes per phone and day. Only a keyed hash of a code is
//! stored. Sending goes through [`SmsSender`]: an HTTP provider in production, the database
//! outbox (readable at `GET /api/v1/dev/sms-outbox`) in dev mode.

use std::future::Future;
use std::pin::Pin;

use anyhow::Context;
use chrono::Utc;
use shared_types::account::SmsPurpose;
use sqlx::PgConnection;
use uuid::Uuid;

use super::fields::Phone;
use super::sms_repo;
use crate::crypto::{self, Keyring};
use crate::error::AppError;

pub const CODE_TTL_SECONDS: i64 = 300;
pub const RESEND_COOLDOWN_SECONDS: i64 = 60;
pub const MAX_TRIES_PER_CODE: i32 = 5;
pub const MAX_CODES_PER_DAY: i64 = 10;

pub struct SmsMessage<'a> {
    pub tenant_id: Uuid,
    pub phone: &'a Phone,
    /// A code's purpose (`register`, `login`, `rebind`), or `welcome` for the first-login notice.
    pub purpose: &'a str,
    /// The code sent, empty for a notice.
    pub code: &'a str,
    pub text: String,
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// Delivers a text message. `conn` is the tenant transaction the code was issued in.
pub trait SmsSender: Send + Sync {
    fn send<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        keyring: &'a Keyring,
        message: &'a SmsMessage<'a>,
    ) -> SendFuture<'a>;
}

/// Dev mode: stores the message in `sms_outbox` and logs it.
pub struct DevOutbox;

impl SmsSender for DevOutbox {
    fn send<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        keyring: &'a Keyring,
        message: &'a SmsMessage<'a>,
    ) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(phone = %message.phone.masked(), purpose = message.purpose, code = message.code, "dev SMS: {}", message.text);
            sms_repo::insert_outbox(conn, keyring, message)
                .await
                .context("dev SMS outbox")
        })
    }
}

/// A real SMS gateway: `POST {url}` with `{"phone", "sign_name", "text"}` and a bearer token.
pub struct HttpSms {
    pub client: reqwest::Client,
    pub url: String,
    pub token: String,
    pub sign_name: String,
}

impl SmsSender for HttpSms {
    fn send<'a>(
        &'a self,
        _conn: &'a mut PgConnection,
        _keyring: &'a Keyring,
        message: &'a SmsMessage<'a>,
    ) -> SendFuture<'a> {
        Box::pin(async move {
            let response = self
                .client
                .post(&self.url)
                .bearer_auth(&self.token)
                .json(&serde_json::json!({"phone": message.phone.as_str(), "sign_name": self.sign_name, "text": message.text}))
                .send()
                .await
                .context("SMS provider unreachable")?;
            let status = response.status();
            anyhow::ensure!(status.is_success(), "SMS provider answered {status}");
            Ok(())
        })
    }
}

fn text_for(purpose: SmsPurpose, code: &str) -> String {
    let what = match purpose {
        SmsPurpose::Register => "注册",
        SmsPurpose::Login => "登录",
        SmsPurpose::Rebind => "更换手机号",
    };
    format!(
        "【职培云】您正在{what}，验证码 {code}，{} 分钟内有效。如非本人操作请忽略。",
        CODE_TTL_SECONDS / 60
    )
}

fn code_hash(keyring: &Keyring, sms_code_id: Uuid, code: &str) -> Vec<u8> {
    keyring.blind_index("sms_code", &format!("{sms_code_id}:{code}"))
}

/// Issues and sends a new code, after the cooldown and daily limits.
pub async fn issue(
    conn: &mut PgConnection,
    sender: &dyn SmsSender,
    keyring: &Keyring,
    tenant_id: Uuid,
    phone: &Phone,
    purpose: SmsPurpose,
) -> Result<(), AppError> {
    let phone_bidx = keyring.blind_index("phone", phone.as_str());
    let recent = sms_repo::recent_codes(conn, tenant_id, &phone_bidx).await?;
    if let Some(last) = recent.last_for(purpose) {
        let waited = (Utc::now() - last).num_seconds();
        if waited < RESEND_COOLDOWN_SECONDS {
            return Err(AppError::SmsCooldown {
                seconds: RESEND_COOLDOWN_SECONDS - waited,
            });
        }
    }
    if recent.today >= MAX_CODES_PER_DAY {
        return Err(AppError::RateLimited);
    }
    let code = crypto::random_digits(6);
    let sms_code_id = Uuid::new_v4();
    sms_repo::insert_code(
        conn,
        sms_code_id,
        tenant_id,
        &phone_bidx,
        purpose,
        &code_hash(keyring, sms_code_id, &code),
        CODE_TTL_SECONDS,
    )
    .await?;
    let message = SmsMessage {
        tenant_id,
        phone,
        purpose: purpose.as_str(),
        code: &code,
        text: text_for(purpose, &code),
    };
    sender.send(conn, keyring, &message).await?;
    Ok(())
}

/// Consumes the newest live code for (phone, purpose) when `code` matches it. A wrong code
/// counts a try (the caller must commit even when this fails); the fifth wrong try burns it.
pub async fn consume(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant_id: Uuid,
    phone: &Phone,
    purpose: SmsPurpose,
    code: &str,
) -> Result<(), AppError> {
    let phone_bidx = keyring.blind_index("phone", phone.as_str());
    let Some(live) = sms_repo::live_code(conn, tenant_id, &phone_bidx, purpose).await? else {
        return Err(AppError::InvalidSmsCode);
    };
    if live.attempts >= MAX_TRIES_PER_CODE {
        return Err(AppError::InvalidSmsCode);
    }
    let expected = code_hash(keyring, live.sms_code_id, code);
    if !subtle_eq(&expected, &live.code_hash) {
        sms_repo::count_wrong_try(conn, live.sms_code_id).await?;
        return Err(AppError::InvalidSmsCode);
    }
    sms_repo::mark_consumed(conn, live.sms_code_id).await?;
    Ok(())
}

/// Constant-time comparison of two hashes.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_purpose_and_the_expiry() {
        let text = text_for(SmsPurpose::Register, "123456");
        assert!(text.contains("注册") && text.contains("123456") && text.contains("5 分钟"));
    }

    #[test]
    fn hashes_compare_in_full() {
        assert!(subtle_eq(b"abc", b"abc"));
        assert!(!subtle_eq(b"abc", b"abd"));
        assert!(!subtle_eq(b"abc", b"ab"));
    }
}
