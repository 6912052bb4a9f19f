use std::collections::HashMap;
use std::net::SocketAddr;
use std::str::FromStr;

use backend::{App, Config};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use shared_types::Role;
use shared_types::role::Side;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

pub const PASSWORD: &str = "zhipei-demo-2026";

pub struct TestApp {
    pub base: String,
    pub state: backend::AppState,
    pub db_name: String,
    pg: PgConnectOptions,
    _s3_dir: TempDir,
}

pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn admin_url() -> String {
    std::env::var("ZHIPEI_TEST_PG_URL").expect(
        "ZHIPEI_TEST_PG_URL is not set: run the tests through `cargo xtask ci`, or point it at a PostgreSQL superuser URL",
    )
}

fn url_for(opts: &PgConnectOptions, user: &str, db: &str) -> String {
    format!(
        "postgres://{user}@{}:{}/{db}",
        opts.get_host(),
        opts.get_port()
    )
}

/// A fresh database migrated as the owner role, and a dev-mode server connected as the app role,
/// with the `demo` tenant seeded.
pub async fn spawn_app() -> TestApp {
    spawn_with(&[]).await
}

pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
    let admin = admin_url();
    let pg = PgConnectOptions::from_str(&admin).unwrap();
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    sqlx::query(
        "do $$ begin
           if not exists (select 1 from pg_roles where rolname = 'zhipei_owner') then create role zhipei_owner login; end if;
           if not exists (select 1 from pg_roles where rolname = 'zhipei_app') then create role zhipei_app login nobypassrls; end if;
         end $$",
    )
    .execute(&mut conn)
    .await
    .ok();
    let db_name = format!("t_{}", Uuid::new_v4().simple());
    sqlx::query(&format!("create database {db_name} owner zhipei_owner"))
        .execute(&mut conn)
        .await
        .unwrap();
    let s3_dir = TempDir(std::env::temp_dir().join(format!("zhipei-s3-{db_name}")));
    let mut vars: HashMap<String, String> = [
        ("ZHIPEI_MODE", "dev"),
        ("ZHIPEI_BIND", "127.0.0.1:0"),
        ("ZHIPEI_DEFAULT_TENANT", "demo"),
        ("ZHIPEI_SEED_DEMO", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    vars.insert("DATABASE_URL".into(), url_for(&pg, "zhipei_app", &db_name));
    vars.insert(
        "DATABASE_OWNER_URL".into(),
        url_for(&pg, "zhipei_owner", &db_name),
    );
    vars.insert("ZHIPEI_S3_DIR".into(), s3_dir.0.display().to_string());
    vars.insert(
        "ZHIPEI_SPA_DIR".into(),
        s3_dir.0.join("spa").display().to_string(),
    );
    // The face engine's models (`cargo xtask models` / ci put them under var/models).
    let models = std::env::var("ZHIPEI_FACE_MODELS_DIR")
        .unwrap_or_else(|_| format!("{}/../var/models", env!("CARGO_MANIFEST_DIR")));
    vars.insert("ZHIPEI_FACE_MODELS_DIR".into(), models);
    for (k, v) in extra {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    let config = Config::from_vars(&vars).unwrap();
    let seed = config.seed_demo;
    let app = App::build(config).await.unwrap();
    if seed {
        backend::seed::demo(&app.state).await.unwrap();
    }
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
    TestApp {
        base: format!("http://{addr}"),
        state: app.state,
        db_name,
        pg,
        _s3_dir: s3_dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A connection to this test's database as the given role (`zhipei_app`, `zhipei_owner`, `postgres`).
    pub async fn connect_as(&self, role: &str) -> PgConnection {
        PgConnection::connect(&url_for(&self.pg, role, &self.db_name))
            .await
            .unwrap()
    }

    pub async fn tenant_id(&self, code: &str) -> Uuid {
        backend::tenancy::service::by_code(&self.state.db, code)
            .await
            .unwrap()
            .id
    }

    pub async fn create_tenant(&self, code: &str) -> Uuid {
        let req = shared_types::tenant::CreateTenantRequest {
            code: code.into(),
            name: format!("站点 {code}"),
            time_zone: None,
            settings: None,
        };
        backend::tenancy::service::create(&self.state.db, req)
            .await
            .unwrap()
            .id
    }

    /// Adds a staff account to `tenant` directly (as the seed does). An institution-side account
    /// gets an institution of its own, named after it (uncertified).
    pub async fn add_staff(&self, tenant: &str, username: &str, role: Role) {
        let institution_id = match role.side() {
            Side::Institution => Some(
                self.add_institution(tenant, &format!("{username} 培训学校"))
                    .await,
            ),
            _ => None,
        };
        let tenant_id = self.tenant_id(tenant).await;
        let mut tx = self
            .state
            .db
            .begin_tenant(backend::db::Scope::tenant(tenant_id))
            .await
            .unwrap();
        let seed = backend::identity::StaffSeed {
            username,
            name: username,
            roles: &[role],
            password: PASSWORD,
            institution_id,
        };
        backend::identity::ensure_staff(&mut tx, &self.state.config.keyring, tenant_id, &seed)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// A new, uncertified institution of `tenant` with a fresh valid credit code.
    pub async fn add_institution(&self, tenant: &str, name: &str) -> Uuid {
        let tenant_id = self.tenant_id(tenant).await;
        let keyring = &self.state.config.keyring;
        let mut tx = self
            .state
            .db
            .begin_tenant(backend::db::Scope::tenant(tenant_id))
            .await
            .unwrap();
        let id = Uuid::new_v4();
        sqlx::query(
            "insert into institutions (institution_id, tenant_id, credit_code, name, contact_name_enc,
                                       contact_phone_enc, pii_key_id)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(tenant_id)
        .bind(fresh_credit_code())
        .bind(name)
        .bind(keyring.seal("联系人").unwrap())
        .bind(keyring.seal("13900000000").unwrap())
        .bind(keyring.current_key_id())
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }
}

/// A valid unified social credit code nobody has used in this run.
pub fn fresh_credit_code() -> String {
    let digits: String = Uuid::new_v4()
        .as_u128()
        .to_string()
        .chars()
        .take(9)
        .collect();
    let first17 = format!("91330100{digits}");
    let check = shared_types::ids::CreditCode::check_char(&first17).unwrap();
    format!("{first17}{check}")
}

/// A valid resident ID-card number with the given sequence digits (born 1990-01-01, Hangzhou).
pub fn id_card(seq: u32) -> String {
    let first17 = format!("33010619900101{:03}", seq % 1000);
    let check = shared_types::ids::IdCardNo::check_char(&first17).unwrap();
    format!("{first17}{check}")
}

/// An API client bound to one tenant and one device, keeping the session cookie.
pub struct Api {
    pub http: Client,
    pub base: String,
    pub tenant: String,
    pub device: String,
    pub token: Option<String>,
}

impl Api {
    pub fn new(app: &TestApp, tenant: &str) -> Api {
        Api {
            http: Client::builder().cookie_store(true).build().unwrap(),
            base: app.base.clone(),
            tenant: tenant.into(),
            device: Uuid::new_v4().to_string(),
            token: None,
        }
    }

    pub fn on_device(mut self, device: &str) -> Api {
        self.device = device.into();
        self
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("X-Tenant", &self.tenant);
        if let Some(token) = &self.token {
            rb = rb.bearer_auth(token);
        }
        rb
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap()
    }

    pub async fn send(&self, method: &str, path: &str, body: Value) -> Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.request(method, path).json(&body).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send("POST", path, body).await
    }

    /// Signs in by user name (or phone when it is all digits) with the demo password.
    pub async fn login(&mut self, account: &str) -> Value {
        let response = self.try_login(account, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "login {account}");
        let body: Value = response.json().await.unwrap();
        self.token = body["token"].as_str().map(str::to_owned);
        body
    }

    pub async fn login_with(&mut self, account: &str, password: &str) {
        let response = self.try_login(account, password).await;
        assert_eq!(response.status(), StatusCode::OK, "login {account}");
        let body: Value = response.json().await.unwrap();
        self.token = body["token"].as_str().map(str::to_owned);
    }

    pub async fn try_login(&self, account: &str, password: &str) -> Response {
        let key = if account.chars().all(|c| c.is_ascii_digit()) {
            "phone"
        } else {
            "username"
        };
        self.post(
            "/api/v1/auth/login",
            json!({key: account, "password": password, "device_id": self.device}),
        )
        .await
    }
}

pub async fn error_code(response: Response) -> (StatusCode, String, Value) {
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body,
    )
}

/// The newest code the dev outbox holds for `phone`.
pub async fn sms_code(api: &Api, phone: &str) -> String {
    let messages: Value = api
        .get(&format!("/api/v1/dev/sms-outbox?phone={phone}"))
        .await
        .json()
        .await
        .unwrap();
    messages[0]["code"]
        .as_str()
        .expect("a code in the outbox")
        .to_owned()
}
