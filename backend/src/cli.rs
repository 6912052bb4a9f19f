//! Command line: `backend serve | migrate | seed-demo | learning verify | tenant create --code C --name N
//! [--time-zone Z]`.

use std::net::SocketAddr;

use anyhow::{Context, bail};
use shared_types::tenant::CreateTenantRequest;

use crate::app::App;
use crate::config::Config;
use crate::{db, learning, seed, telemetry, tenancy};

const USAGE: &str = "usage: backend serve | migrate | seed-demo | learning verify | tenant create --code CODE --name NAME [--time-zone ZONE]";

pub async fn run(args: Vec<String>) -> anyhow::Result<()> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["serve"] => serve().await,
        ["migrate"] => {
            let config = Config::from_env()?;
            let owner = config
                .database_owner_url
                .as_deref()
                .context("DATABASE_OWNER_URL is required to migrate")?;
            db::migrate(owner).await?;
            println!("migrations applied / 迁移完成");
            Ok(())
        }
        ["seed-demo"] => {
            let config = one_shot(Config::from_env()?);
            if !config.is_dev() {
                bail!("seed-demo is refused outside dev mode (ZHIPEI_MODE=dev)");
            }
            let app = App::build(config).await?;
            seed::demo(&app.state).await
        }
        ["learning", "verify"] => {
            let app = App::build(one_shot(Config::from_env()?)).await?;
            verify_learning(&app).await
        }
        ["tenant", "create", rest @ ..] => {
            let option = |name: &str| {
                rest.iter()
                    .position(|a| *a == name)
                    .and_then(|i| rest.get(i + 1))
                    .map(|v| (*v).to_owned())
            };
            let req = CreateTenantRequest {
                code: option("--code").context(USAGE)?,
                name: option("--name").context(USAGE)?,
                time_zone: option("--time-zone"),
                settings: None,
            };
            let config = one_shot(Config::from_env()?);
            let app = App::build(config).await?;
            let tenant = tenancy::service::create(&app.state.db, req)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{}", serde_json::to_string_pretty(&tenant)?);
            Ok(())
        }
        _ => bail!(USAGE),
    }
}

/// Recomputes every tenant's study totals from the heartbeat decisions and voids and reports
/// any kept total that differs (exit status 2 when one does).
async fn verify_learning(app: &App) -> anyhow::Result<()> {
    let mut differing = 0;
    for tenant in tenancy::service::list(&app.state.db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        let mut tx = app
            .state
            .db
            .begin_tenant(db::Scope::tenant(tenant.id))
            .await?;
        let (checked, differences) = learning::ledger::verify(&mut tx, tenant.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        tx.commit().await?;
        println!(
            "{}: {checked} totals checked, {} differ / 不一致",
            tenant.code,
            differences.len()
        );
        for d in &differences {
            println!("  {d:?}");
        }
        differing += differences.len();
    }
    if differing > 0 {
        bail!("{differing} study totals differ from the heartbeat record / 学时与心跳记录不一致");
    }
    println!("study totals match the heartbeat record / 学时与心跳记录一致");
    Ok(())
}

/// Commands that end at once run no job workers (a job they claimed would wait out its lease).
fn one_shot(mut config: Config) -> Config {
    config.jobs.workers = 0;
    config
}

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    telemetry::init(config.log_format);
    let bind = config.bind;
    let app = App::build(config).await?;
    if app.state.config.seed_demo {
        seed::demo(&app.state).await?;
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    tracing::info!(address = %listener.local_addr()?, mode = ?app.state.config.mode, "serving");
    axum::serve(
        listener,
        app.router
            .into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
