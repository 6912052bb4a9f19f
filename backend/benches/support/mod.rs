//! What every benchmark needs: a fresh database on the throwaway cluster the xtask started
//! (`ZHIPEI_TEST_PG_URL`, a superuser URL), the server in dev mode with the demo tenant seeded,
//! serving on a loopback port, and sign-in. Each benchmark uses the part it needs.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use backend::{App, Config};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};
use uuid::Uuid;

pub mod cluster;
pub mod measure;
pub mod wire;

pub struct Bench {
    pub base: String,
    pub http: reqwest::Client,
    pub pg: PgConnectOptions,
    pub db: String,
    s3: PathBuf,
}

/// The URL of database `db` as `user` on the cluster of `opts`, over the same TCP address or
/// Unix socket.
pub fn url(opts: &PgConnectOptions, user: &str, db: &str) -> String {
    opts.clone()
        .username(user)
        .database(db)
        .to_url_lossy()
        .to_string()
}

/// Creates a fresh database on the throwaway cluster the xtask started; (superuser options,
/// database name).
pub async fn database(name: &str) -> (PgConnectOptions, String) {
    let admin = std::env::var("ZHIPEI_TEST_PG_URL")
        .unwrap_or_else(|_| panic!("ZHIPEI_TEST_PG_URL: run through `cargo xtask bench {name}`"));
    let pg = PgConnectOptions::from_str(&admin).unwrap();
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    let db = format!("bench_{}", Uuid::new_v4().simple());
    sqlx::query(&format!("create database {db} owner zhipei_owner"))
        .execute(&mut conn)
        .await
        .unwrap();
    (pg, db)
}

/// The server's environment for database `db`, in dev mode with the demo tenant, storing files
/// under `s3`.
pub fn server_vars(pg: &PgConnectOptions, db: &str, s3: &std::path::Path) -> Vec<(String, String)> {
    [
        ("ZHIPEI_MODE", "dev".to_owned()),
        ("ZHIPEI_DEFAULT_TENANT", "demo".to_owned()),
        ("DATABASE_URL", url(pg, "zhipei_app", db)),
        ("DATABASE_OWNER_URL", url(pg, "zhipei_owner", db)),
        ("ZHIPEI_S3_DIR", s3.display().to_string()),
        ("ZHIPEI_SPA_DIR", s3.join("spa").display().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

impl Bench {
    /// Creates the database, builds and seeds the app (no job workers), and serves it.
    pub async fn start(name: &str) -> Bench {
        let (pg, db) = database(name).await;
        let s3 = std::env::temp_dir().join(format!("zhipei-bench-{db}"));
        let mut vars: HashMap<String, String> = server_vars(&pg, &db, &s3).into_iter().collect();
        vars.insert("ZHIPEI_JOB_WORKERS".into(), "0".into());
        let app = App::build(Config::from_vars(&vars).unwrap()).await.unwrap();
        backend::seed::demo(&app.state).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app.router;
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        Bench {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
            pg,
            db,
            s3,
        }
    }

    /// A bearer token of the demo account (user name, or phone when all digits).
    pub async fn login(&self, account: &str) -> String {
        let key = if account.chars().all(|c| c.is_ascii_digit()) {
            "phone"
        } else {
            "username"
        };
        let body: serde_json::Value = self
            .http
            .post(format!("{}/api/v1/auth/login", self.base))
            .header("X-Tenant", "demo")
            .json(
                &serde_json::json!({key: account, "password": "zhipei-demo-2026",
                                      "device_id": format!("bench-device-{account}")}),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["token"].as_str().unwrap().to_owned()
    }

    /// A connection to the bench database as the owner, inside the demo tenant.
    pub async fn owner(&self) -> (PgConnection, Uuid) {
        owner_of(&self.pg, &self.db).await
    }
}

/// A connection to database `db` as the owner, inside the demo tenant.
pub async fn owner_of(pg: &PgConnectOptions, db: &str) -> (PgConnection, Uuid) {
    let mut conn = PgConnection::connect(&url(pg, "zhipei_owner", db))
        .await
        .unwrap();
    let tenant: Uuid = sqlx::query_scalar("select tenant_id from tenants where code = 'demo'")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, false)")
        .bind(tenant.to_string())
        .execute(&mut conn)
        .await
        .unwrap();
    (conn, tenant)
}

impl Drop for Bench {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.s3);
    }
}
