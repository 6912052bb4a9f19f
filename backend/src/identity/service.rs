//! Sign-up, sign-in and account rules.
//!
//! Sign-in failures change state that must survive the refusal (failed-login counters, SMS code
//! tries): their handlers commit the transaction whatever the outcome.

use chrono::{DateTime, Duration, Utc};
use shared_types::Role;
use shared_types::account::{
    LoginRequest, LoginResponse, Me, RegisterRequest, SmsPurpose, TenantSummary,
};
use shared_types::orgs::InstitutionRef;
use sqlx::PgConnection;
use uuid::Uuid;

use super::fields::{self, Phone, mask_phone};
use super::repo::{self, NewSession, NewUser, UserRow};
use super::sms;
use crate::config::Config;
use crate::crypto::{self, Keyring};
use crate::db::unique_violation;
use crate::error::AppError;
use crate::orgs;
use crate::tenancy::TenantRef;
use crate::web::ClientInfo;

/// Failed sign-ins before the account locks; each further failure doubles the lock (max 1 hour).
const FREE_FAILURES: i32 = 5;

pub async fn me(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    user: &UserRow,
) -> Result<Me, AppError> {
    let roles = repo::roles_of(conn, tenant.id, user.user_id).await?;
    let institution = match user.institution_id {
        Some(id) => Some(orgs::institution_ref(conn, tenant.id, id).await?),
        None => None,
    };
    to_me(keyring, tenant, user, roles, institution)
}

pub fn to_me(
    keyring: &Keyring,
    tenant: &TenantRef,
    user: &UserRow,
    roles: Vec<Role>,
    institution: Option<InstitutionRef>,
) -> Result<Me, AppError> {
    let phone = user
        .phone_enc
        .as_deref()
        .map(|p| keyring.open(&user.pii_key_id, p))
        .transpose()?;
    Ok(Me {
        id: user.user_id,
        tenant: TenantSummary {
            code: tenant.code.clone(),
            name: tenant.name.clone(),
        },
        name: keyring.open(&user.pii_key_id, &user.name_enc)?,
        username: user.username.clone(),
        phone_masked: phone.as_deref().map(mask_phone),
        roles,
        institution,
    })
}

pub async fn load_user(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    user_id: Uuid,
) -> Result<UserRow, AppError> {
    repo::user_by_id(conn, tenant.id, user_id, false)
        .await?
        .ok_or_else(|| AppError::not_found("账号", "Account"))
}

/// A new session for `user` on `device_id`, ending the account's other sessions (Z-II.3: one
/// account, one device) — refused while this device holds another account's live session.
pub async fn open_session(
    conn: &mut PgConnection,
    config: &Config,
    tenant: &TenantRef,
    user: &UserRow,
    device_id: &str,
    client: &ClientInfo,
) -> Result<(String, DateTime<Utc>), AppError> {
    let idle = i64::try_from(config.session_idle.as_secs()).unwrap_or(7200);
    if repo::other_account_on_device(conn, tenant.id, device_id, user.user_id, idle)
        .await?
        .is_some()
    {
        return Err(AppError::DeviceInUse);
    }
    repo::end_sessions_of(conn, tenant.id, user.user_id, "replaced", None).await?;
    let token = crypto::new_session_token(tenant.id);
    let expires_at =
        Utc::now() + Duration::from_std(config.session_absolute).unwrap_or(Duration::days(7));
    repo::insert_session(
        conn,
        NewSession {
            session_id: Uuid::new_v4(),
            tenant_id: tenant.id,
            user_id: user.user_id,
            token_hash: &crypto::token_hash(&token),
            device_id,
            ip: &client.ip,
            user_agent: client.user_agent.as_deref(),
            expires_at,
        },
    )
    .await?;
    repo::record_login(conn, user.user_id).await?;
    Ok((token, expires_at))
}

/// The account a sign-in names (by user name or phone), and the identifier to audit.
enum Identifier {
    Username(String),
    Phone(Phone),
}

fn identifier(req: &LoginRequest) -> Result<Identifier, AppError> {
    match (
        req.username
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
        req.phone.as_deref(),
    ) {
        (Some(name), None) => Ok(Identifier::Username(name.to_owned())),
        (None, Some(phone)) => Ok(Identifier::Phone(Phone::parse("phone", phone)?)),
        // The SPAs send one "account" box: a phone-shaped user name signs in by phone.
        (Some(_), Some(_)) | (None, None) => Err(AppError::invalid(
            "phone",
            "请填写手机号或用户名（二选一）",
            "give either phone or username",
        )),
    }
}

/// How the audit row names the attempted account (phones masked).
pub fn login_object(req: &LoginRequest) -> String {
    match identifier(req) {
        Ok(Identifier::Username(name)) => format!("account:{name}"),
        Ok(Identifier::Phone(phone)) => format!("account:{}", phone.masked()),
        Err(_) => "account:?".into(),
    }
}

pub struct LoginOutcome {
    pub user_id: Option<Uuid>,
    pub result: Result<LoginResponse, AppError>,
}

pub async fn login(
    conn: &mut PgConnection,
    config: &Config,
    tenant: &TenantRef,
    req: &LoginRequest,
    client: &ClientInfo,
) -> LoginOutcome {
    let mut user_id = None;
    let result = async {
        let device_id = fields::device_id("device_id", &req.device_id)?;
        let ident = identifier(req)?;
        let keyring = &config.keyring;
        let user = match &ident {
            Identifier::Username(name) => repo::user_by_username(conn, tenant.id, name).await?,
            Identifier::Phone(phone) => {
                repo::user_by_phone(
                    conn,
                    tenant.id,
                    &keyring.blind_index("phone", phone.as_str()),
                )
                .await?
            }
        };
        user_id = user.as_ref().map(|u| u.user_id);
        match (req.password.as_deref(), req.code.as_deref(), &ident) {
            (Some(password), None, _) => check_password(conn, user.as_ref(), password).await?,
            (None, Some(code), Identifier::Phone(phone)) => {
                let code = fields::sms_code("code", code)?;
                sms::consume(conn, keyring, tenant.id, phone, SmsPurpose::Login, &code).await?;
            }
            (None, Some(_), Identifier::Username(_)) => {
                return Err(AppError::invalid(
                    "code",
                    "验证码登录须使用手机号",
                    "SMS-code sign-in needs the phone",
                ));
            }
            _ => {
                return Err(AppError::invalid(
                    "password",
                    "请填写密码或验证码（二选一）",
                    "give either password or code",
                ));
            }
        }
        let user = user.ok_or(AppError::InvalidCredentials)?;
        if !user.enabled {
            return Err(AppError::AccountDisabled);
        }
        sign_in(conn, config, tenant, user.user_id, &device_id, client).await
    }
    .await;
    LoginOutcome { user_id, result }
}

/// Opens a session for the account `user_id` on `device_id` (see [`open_session`]) and answers
/// as a sign-in does.
pub async fn sign_in(
    conn: &mut PgConnection,
    config: &Config,
    tenant: &TenantRef,
    user_id: Uuid,
    device_id: &str,
    client: &ClientInfo,
) -> Result<LoginResponse, AppError> {
    let user = load_user(conn, tenant, user_id).await?;
    let (token, expires_at) = open_session(conn, config, tenant, &user, device_id, client).await?;
    let user = me(conn, &config.keyring, tenant, &user).await?;
    Ok(LoginResponse {
        token,
        expires_at,
        user,
    })
}

/// Verifies a password, counting failures and locking the account after too many.
async fn check_password(
    conn: &mut PgConnection,
    user: Option<&UserRow>,
    password: &str,
) -> Result<(), AppError> {
    let Some(user) = user else {
        // Same work as for a real account, so timing does not reveal which accounts exist.
        crypto::verify_password(password, crypto::dummy_password_hash());
        return Err(AppError::InvalidCredentials);
    };
    let now = Utc::now();
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        return Err(AppError::AccountLocked {
            minutes: (until - now).num_minutes() + 1,
        });
    }
    let stored = user
        .password_hash
        .as_deref()
        .unwrap_or(crypto::dummy_password_hash());
    if crypto::verify_password(password, stored) && user.password_hash.is_some() {
        return Ok(());
    }
    let failures = user.failed_logins + 1;
    let locked_until = (failures >= FREE_FAILURES).then(|| {
        let minutes = 1i64 << (failures - FREE_FAILURES).min(6);
        now + Duration::minutes(minutes.min(60))
    });
    repo::record_failed_login(conn, user.user_id, locked_until).await?;
    Err(match locked_until {
        Some(until) => AppError::AccountLocked {
            minutes: (until - now).num_minutes(),
        },
        None => AppError::InvalidCredentials,
    })
}

pub struct Registered {
    pub user: Me,
    pub session: Option<(String, DateTime<Utc>)>,
}

/// Trainee self-registration by phone, SMS code and password (T-7.2.6a, Z-II.1).
pub async fn register(
    conn: &mut PgConnection,
    config: &Config,
    tenant: &TenantRef,
    req: &RegisterRequest,
    client: &ClientInfo,
) -> Result<Registered, AppError> {
    let keyring = &config.keyring;
    let phone = Phone::parse("phone", &req.phone)?;
    let code = fields::sms_code("code", &req.code)?;
    let name = fields::person_name("name", &req.name)?;
    fields::check_password("password", &req.password, &[phone.as_str()])?;
    let device_id = req
        .device_id
        .as_deref()
        .map(|d| fields::device_id("device_id", d))
        .transpose()?;
    let phone_bidx = keyring.blind_index("phone", phone.as_str());
    if repo::phone_taken(conn, tenant.id, &phone_bidx).await? {
        return Err(AppError::AlreadyExists {
            field: "phone".into(),
        });
    }
    sms::consume(
        conn,
        keyring,
        tenant.id,
        &phone,
        SmsPurpose::Register,
        &code,
    )
    .await?;
    let user_id = Uuid::new_v4();
    repo::insert_user(
        conn,
        NewUser {
            user_id,
            tenant_id: tenant.id,
            username: None,
            name_enc: keyring.seal(&name)?,
            phone: Some((keyring.seal(phone.as_str())?, phone_bidx)),
            pii_key_id: keyring.current_key_id(),
            password_hash: Some(crypto::hash_password(&req.password)?),
            institution_id: None,
        },
    )
    .await
    .map_err(|e| unique_violation(e, "users_phone_key", "phone"))?;
    repo::set_roles(conn, tenant.id, user_id, &[Role::Trainee]).await?;
    let user = load_user(conn, tenant, user_id).await?;
    let session = match device_id {
        Some(device_id) => {
            Some(open_session(conn, config, tenant, &user, &device_id, client).await?)
        }
        None => None,
    };
    Ok(Registered {
        user: to_me(keyring, tenant, &user, vec![Role::Trainee], None)?,
        session,
    })
}

/// Checks the purpose rules before a code is sent. `Ok(false)`: answer as if sent but send
/// nothing (a sign-in code for an unknown phone must not reveal that the phone is unknown).
pub async fn may_send_code(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    phone: &Phone,
    purpose: SmsPurpose,
) -> Result<bool, AppError> {
    let taken = repo::phone_taken(
        conn,
        tenant.id,
        &keyring.blind_index("phone", phone.as_str()),
    )
    .await?;
    match purpose {
        SmsPurpose::Register | SmsPurpose::Rebind if taken => Err(AppError::AlreadyExists {
            field: "phone".into(),
        }),
        SmsPurpose::Register | SmsPurpose::Rebind => Ok(true),
        SmsPurpose::Login => Ok(taken),
    }
}

pub async fn change_password(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    user_id: Uuid,
    session_id: Uuid,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let user = repo::user_by_id(conn, tenant.id, user_id, true)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let verified = user
        .password_hash
        .as_deref()
        .is_some_and(|h| crypto::verify_password(current, h));
    if !verified {
        return Err(AppError::invalid(
            "current_password",
            "当前密码不正确",
            "is not your current password",
        ));
    }
    fields::check_password(
        "new_password",
        new,
        &[user.username.as_deref().unwrap_or_default()],
    )?;
    repo::set_password(conn, user_id, &crypto::hash_password(new)?).await?;
    repo::end_sessions_of(
        conn,
        tenant.id,
        user_id,
        "password_changed",
        Some(session_id),
    )
    .await?;
    Ok(())
}

pub async fn rebind_phone(
    conn: &mut PgConnection,
    keyring: &Keyring,
    tenant: &TenantRef,
    user_id: Uuid,
    new_phone: &str,
    code: &str,
) -> Result<Me, AppError> {
    let phone = Phone::parse("new_phone", new_phone)?;
    let code = fields::sms_code("code", code)?;
    let bidx = keyring.blind_index("phone", phone.as_str());
    if repo::phone_taken(conn, tenant.id, &bidx).await? {
        return Err(AppError::AlreadyExists {
            field: "new_phone".into(),
        });
    }
    sms::consume(conn, keyring, tenant.id, &phone, SmsPurpose::Rebind, &code).await?;
    repo::set_phone(
        conn,
        user_id,
        &keyring.seal(phone.as_str())?,
        &bidx,
        keyring.current_key_id(),
    )
    .await
    .map_err(|e| unique_violation(e, "users_phone_key", "new_phone"))?;
    let user = load_user(conn, tenant, user_id).await?;
    me(conn, keyring, tenant, &user).await
}
