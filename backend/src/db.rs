//! The pool, migrations, and the tenant transaction every tenant-scoped query runs in.
//!
//! The server connects as `zhipei_app` (owns nothing, no BYPASSRLS); row-level security filters
//! every tenant table on `app.tenant_id`, which only [`Db::begin_tenant`] sets. Migrations run
//! as the owner role through [`migrate`].

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sqlx::{Connection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::error::AppError;

pub type Tx = Transaction<'static, Postgres>;

/// Who a tenant transaction acts for: `app.tenant_id` and, when known, `app.user_id` and the
/// caller's institution (`app.institution_id`, the institution wall of row-level security).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub tenant_id: Uuid,
    pub user_id: Option<Uuid>,
    pub institution_id: Option<Uuid>,
}

impl Scope {
    pub fn tenant(tenant_id: Uuid) -> Scope {
        Scope {
            tenant_id,
            user_id: None,
            institution_id: None,
        }
    }

    /// A signed-in caller; `institution_id` for institution-side accounts.
    pub fn user(tenant_id: Uuid, user_id: Uuid, institution_id: Option<Uuid>) -> Scope {
        Scope {
            tenant_id,
            user_id: Some(user_id),
            institution_id,
        }
    }
}

/// A pooled connection idle this long is checked before use (a database restart or a firewall
/// may have dropped it); one in steady use is not.
const PING_IF_IDLE: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let options: PgConnectOptions = url
            .parse()
            .context("DATABASE_URL is not a valid PostgreSQL URL")?;
        let pool = PgPoolOptions::new()
            .max_connections(20)
            .acquire_timeout(Duration::from_secs(5))
            // sqlx pings every connection it hands out (a round trip per request and per
            // heartbeat batch); only one that sat idle long enough to have been dropped is.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_IF_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .connect_with(options.application_name("zhipei"))
            .await
            .context("cannot connect to the database (DATABASE_URL)")?;
        Ok(Db { pool })
    }

    /// A transaction in which row-level security shows only `scope.tenant_id`'s rows. `BEGIN`
    /// and the scope go in one round trip (a simple query of two statements): every tenant
    /// request, and every heartbeat batch, waits for each round trip. The values are UUIDs,
    /// whose text form is hex digits and dashes, so they are safe as literals.
    pub async fn begin_tenant(&self, scope: Scope) -> Result<Tx, AppError> {
        let text = |id: Option<Uuid>| id.map(|u| u.to_string()).unwrap_or_default();
        let begin = format!(
            "BEGIN; select set_config('app.tenant_id', '{}', true), set_config('app.user_id', '{}', true),
                    set_config('app.institution_id', '{}', true)",
            scope.tenant_id,
            text(scope.user_id),
            text(scope.institution_id)
        );
        Ok(self.pool.begin_with(begin).await?)
    }

    /// A transaction with no tenant: every tenant table reads as empty. For the few public facts
    /// (a site's code and name) read before a tenant is known.
    pub async fn begin_unscoped(&self) -> Result<Tx, AppError> {
        Ok(self.pool.begin().await?)
    }

    /// A transaction with no tenant whose commit does not wait for the disk
    /// (`synchronous_commit = off`): for what a crash may lose (a page notification), never for
    /// data.
    pub async fn begin_volatile(&self) -> Result<Tx, AppError> {
        Ok(self
            .pool
            .begin_with("BEGIN; SET LOCAL synchronous_commit = off")
            .await?)
    }

    /// A dedicated connection that receives `NOTIFY channel`.
    pub async fn listen(&self, channel: &str) -> anyhow::Result<PgListener> {
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(channel).await?;
        Ok(listener)
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }
}

/// Applies `migrations/` as the owner role.
pub async fn migrate(owner_url: &str) -> anyhow::Result<()> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect(owner_url)
        .await
        .context("cannot connect as the owner role (DATABASE_OWNER_URL)")?;
    sqlx::migrate!("../migrations")
        .run(&pool)
        .await
        .context("migration failed")?;
    pool.close().await;
    Ok(())
}

/// Maps a unique violation on `constraint` to a 409 naming `field`; anything else stays internal.
pub fn unique_violation(err: sqlx::Error, constraint: &str, field: &str) -> AppError {
    match &err {
        sqlx::Error::Database(db) if db.constraint() == Some(constraint) => {
            AppError::AlreadyExists {
                field: field.to_owned(),
            }
        }
        _ => err.into(),
    }
}

/// A `like` pattern matching `text` anywhere, with `\`, `%` and `_` taken literally.
pub fn contains_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// A stored enum value read back (the schema's check constraints keep unknown values out; one
/// that slips through is an internal error, not a client's).
pub fn stored<T: shared_types::WireEnum>(value: &str) -> Result<T, AppError> {
    T::parse(value).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "unknown {} `{value}` in the database",
            T::NAME
        ))
    })
}
