//! `cargo xtask dev | ci | bench`: the project's developer commands (see README.md).

mod demo;
mod install;
mod models;
mod pg;
mod util;

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::pg::{APP_ROLE, Cluster, DATABASE, Kind, OWNER_ROLE};
use crate::util::{
    Steps, cmd, fmt_duration, install_interrupt_handler, interrupted, port_is_free, repo_root, run,
    target_dir,
};

/// The three SPAs, built by trunk from `frontend-<app>/` and served under `/<app>/`.
const APPS: [&str; 3] = ["learner", "institution", "regulator"];
/// Native members (the SPAs are wasm32-only and are checked separately).
const EXCLUDE_WASM: [&str; 8] = [
    "--exclude",
    "frontend-kit",
    "--exclude",
    "frontend-learner",
    "--exclude",
    "frontend-institution",
    "--exclude",
    "frontend-regulator",
];
const DEFAULT_BIND: &str = "127.0.0.1:8080";
const DEFAULT_DEMO_PASSWORD: &str = "zhipei-demo-2026";
/// Benchmarks `cargo xtask bench <name>` knows: (name, what it measures).
const BENCHES: &[(&str, &str)] = &[
    (
        "catalog",
        "catalogue search latency p50/p99 over 10,000 published courses (target p99 < 50 ms)",
    ),
    (
        "import",
        "rows/s of a 10,000-row XLSX trainee import, preview and commit (target: under 30 s)",
    ),
    (
        "face",
        "face check time per 640x480 frame (detect, embed, compare) and checks/s on one core \
         (target: a check under 150 ms)",
    ),
    (
        "heartbeats",
        "accepted heartbeats/s, p50/p99 latency and server/database CPU of simulated learners \
         (target: 5,000/s with p99 < 50 ms, durable)",
    ),
];

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dev           build the backend and the three SPAs, start PostgreSQL under var/pg, migrate,
                seed the demo tenant and serve everything on http://127.0.0.1:8080
  ci            everything CI checks: rustfmt, clippy (native + wasm32), SPA release builds,
                all tests (unit, integration, e2e in headless Chromium) on a throwaway PostgreSQL
  install       only install what dev and ci need (wasm32 target, trunk, wasm-bindgen-cli,
                npm tools, chromium + chromedriver, ffmpeg); done by dev and ci anyway
  bench <name>  run a named benchmark (`cargo xtask bench` lists them)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => dev(),
        Some("ci") => ci(),
        Some("install") => install_all(),
        Some("bench") => return bench(args.get(1).map(String::as_str)),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("xtask: unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn install_all() -> Result<()> {
    install_steps(&mut Steps::new())
}

fn install_steps(steps: &mut Steps) -> Result<()> {
    steps.run("install: wasm32 target", install::wasm_target)?;
    steps.run("install: trunk", install::trunk)?;
    steps.run("install: wasm-bindgen-cli", install::wasm_bindgen)?;
    steps.run("install: npm tools", install::npm_tools)?;
    steps.run("install: chromium + chromedriver", install::browser)?;
    steps.run("install: ffmpeg", install::ffmpeg)?;
    steps.run(
        "install: face engine libraries (dlib)",
        install::face_libraries,
    )?;
    Ok(())
}

fn bench(name: Option<&str>) -> ExitCode {
    let known: Vec<&str> = BENCHES.iter().map(|(n, _)| *n).collect();
    match name {
        Some(n) if known.contains(&n) => match run_bench(n) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("\nxtask bench: error: {err:#}");
                ExitCode::FAILURE
            }
        },
        _ => {
            if known.is_empty() {
                eprintln!("xtask bench: no benchmarks exist yet");
            } else {
                eprintln!("xtask bench: unknown benchmark; known:");
                for (n, what) in BENCHES {
                    eprintln!("  {n:16} {what}");
                }
            }
            ExitCode::from(2)
        }
    }
}

/// Runs `backend/benches/<name>.rs` (release build) against a throwaway PostgreSQL.
fn run_bench(name: &str) -> Result<()> {
    install_interrupt_handler();
    // Every benchmark links the face engine.
    install::face_libraries()?;
    if name == "face" {
        let models = models::fetch()?;
        // One core: the figure is per core, and BLAS must not spread one check over both.
        return run(cmd("cargo")
            .args(["bench", "-p", "face-engine", "--bench", "face"])
            .env("ZHIPEI_FACE_MODELS_DIR", models)
            .env("OPENBLAS_NUM_THREADS", "1"));
    }
    let pg_base = std::env::temp_dir().join(format!("zhipei-bench-pg-{}", std::process::id()));
    // The heartbeat benchmark claims durability: its cluster commits to disk as in production,
    // and its server seeds the demo class from the demo media.
    let heartbeats = name == "heartbeats";
    let kind = if heartbeats {
        Kind::DurableThrowaway
    } else {
        Kind::Throwaway
    };
    let demo_media = if heartbeats {
        // The demo media are made with ffmpeg.
        install::ffmpeg()?;
        Some(demo::media()?)
    } else {
        None
    };
    let mut cluster = Cluster::start(&pg_base, None, kind)?;
    cluster.ensure_roles()?;
    let mut bench = cmd("cargo");
    bench
        .args(["bench", "-p", "backend", "--bench", name])
        .env("ZHIPEI_TEST_PG_URL", cluster.superuser_socket_url());
    if let Some(dir) = demo_media {
        bench.env("ZHIPEI_DEMO_MEDIA_DIR", dir);
    }
    let result = run(&mut bench);
    cluster.stop()?;
    result
}

/// Builds one SPA in release into `var/spa/<app>`.
fn build_spa(app: &str) -> Result<()> {
    let root = repo_root();
    let dist = root.join("var/spa").join(app);
    run(cmd("trunk")
        .current_dir(root.join(format!("frontend-{app}")))
        .args(["build", "--release", "--dist"])
        .arg(&dist)
        .args(["--public-url", &format!("/{app}/")]))
}

fn backend_bin() -> PathBuf {
    target_dir().join("debug").join("backend")
}

// ---------------------------------------------------------------------------------------
// dev

fn dev() -> Result<()> {
    install_interrupt_handler();
    let root = repo_root();
    let bind = std::env::var("ZHIPEI_BIND").unwrap_or_else(|_| DEFAULT_BIND.to_string());
    if !port_is_free(&bind) {
        bail!("{bind} is already in use (another `cargo xtask dev`?); stop it or set ZHIPEI_BIND");
    }
    let mut steps = Steps::new();
    steps.run(
        "install: wasm32 target, trunk, wasm-bindgen-cli, npm tools",
        install::spa_tools,
    )?;
    steps.run("install: ffmpeg", install::ffmpeg)?;
    steps.run(
        "install: face engine libraries (dlib)",
        install::face_libraries,
    )?;
    let demo_media = steps.run("demo media (var/demo)", demo::media)?;
    let face_models = steps.run("face models (var/models)", models::fetch)?;
    for app in APPS {
        steps.run(&format!("build SPA {app} (release)"), || build_spa(app))?;
    }
    steps.run("build backend (debug)", || {
        run(cmd("cargo").args(["build", "-p", "backend", "--bin", "backend"]))
    })?;
    let bin = backend_bin();
    if !bin.is_file() {
        bail!("backend binary not found at {}", bin.display());
    }
    let cluster = steps.run("start PostgreSQL (var/pg)", || {
        let base = dev_pg_base();
        let cluster = Cluster::start(&base, Some(54329), Kind::Kept)?;
        cluster.ensure_database()?;
        Ok(cluster)
    })?;
    let s3 = root.join("var/s3");
    std::fs::create_dir_all(&s3).with_context(|| format!("creating {}", s3.display()))?;

    let base_url = format!("http://{bind}");
    let password =
        std::env::var("ZHIPEI_DEMO_PASSWORD").unwrap_or_else(|_| DEFAULT_DEMO_PASSWORD.into());
    print_banner(&base_url, &password, &cluster);

    let mut server = cmd(&bin);
    server
        .arg("serve")
        .env("ZHIPEI_MODE", "dev")
        .env("ZHIPEI_BIND", &bind)
        .env("DATABASE_URL", cluster.url(APP_ROLE, DATABASE))
        .env("DATABASE_OWNER_URL", cluster.url(OWNER_ROLE, DATABASE))
        .env("ZHIPEI_SEED_DEMO", "1")
        .env("ZHIPEI_SPA_DIR", root.join("var/spa"))
        .env("ZHIPEI_S3_DIR", &s3)
        .env("ZHIPEI_DEMO_MEDIA_DIR", &demo_media)
        .env("ZHIPEI_FACE_MODELS_DIR", &face_models)
        .env("ZHIPEI_DEFAULT_TENANT", "demo");
    let status = supervise(&mut server)?;
    drop(cluster);
    if interrupted() || status.success() {
        Ok(())
    } else {
        bail!("backend exited with {status}")
    }
}

/// `var/pg`, unless the `postgres` user cannot reach it (a checkout under a private home
/// directory): then a per-checkout directory under /var/tmp.
fn dev_pg_base() -> PathBuf {
    let preferred = repo_root().join("var/pg");
    if !util::is_root() || postgres_can_reach(&preferred) {
        return preferred;
    }
    let key = repo_root().to_string_lossy().into_owned();
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let fallback = PathBuf::from(format!("/var/tmp/zhipei-dev-pg-{hash:016x}"));
    println!(
        "note: the postgres user cannot enter {}; keeping the dev cluster in {}",
        preferred.display(),
        fallback.display()
    );
    fallback
}

fn postgres_can_reach(dir: &std::path::Path) -> bool {
    // Every existing ancestor must be searchable by `postgres`.
    let existing = dir
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or_else(|| std::path::Path::new("/"));
    Command::new("runuser")
        .args(["-u", "postgres", "--", "test", "-x"])
        .arg(existing)
        .current_dir("/")
        .status()
        .is_ok_and(|s| s.success())
}

fn print_banner(base_url: &str, password: &str, cluster: &Cluster) {
    println!(
        "\n\
================================================================================
 职培云 Zhipei — dev server (tenant `demo`)

   learner app       {base_url}/learner/
   institution app   {base_url}/institution/
   regulator app     {base_url}/regulator/
   API docs          {base_url}/api/docs   (OpenAPI: {base_url}/api/openapi.json)
   dev SMS outbox    {base_url}/api/v1/dev/sms-outbox?phone=<phone>  (header X-Tenant: demo)
   PostgreSQL        {}

 demo accounts (password: {password})
   demo-admin        regulator_admin      regulator app
   demo-operator     regulator_operator   regulator app
   demo-viewer       regulator_viewer     regulator app
   demo-expert       expert               regulator app
   demo-inst-admin   institution_admin    institution app
   demo-inst-staff   institution_staff    institution app
   demo-lecturer     lecturer             institution app
   demo-mentor       mentor               institution app
   13800000001       trainee (phone)      learner app
   demo-platform     platform_admin       API /api/v1/platform/tenants
================================================================================
 Ctrl-C stops the server and PostgreSQL. Server log follows.
",
        cluster.url(OWNER_ROLE, DATABASE)
    );
}

/// Runs the server until it exits or we are interrupted; forwards the interrupt and, if the
/// server does not stop within 10 s, kills it.
fn supervise(server: &mut Command) -> Result<std::process::ExitStatus> {
    let mut child = server
        .spawn()
        .with_context(|| format!("cannot start {}", util::describe(server)))?;
    let mut deadline: Option<Instant> = None;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if interrupted() {
            match deadline {
                None => {
                    // A terminal Ctrl-C reached the server already; a `kill -INT` of xtask
                    // alone did not, so forward it.
                    let _ = Command::new("kill")
                        .args(["-INT", &child.id().to_string()])
                        .status();
                    deadline = Some(Instant::now() + Duration::from_secs(10));
                }
                Some(d) if Instant::now() > d => {
                    eprintln!("xtask: the server did not stop in 10 s; killing it");
                    let _ = child.kill();
                }
                Some(_) => {}
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

// ---------------------------------------------------------------------------------------
// ci

fn ci() -> Result<()> {
    install_interrupt_handler();
    let mut steps = Steps::new();
    let result = ci_steps(&mut steps);
    steps.print_summary();
    let total = fmt_duration(steps.total());
    match result {
        Ok(()) => {
            println!("\nxtask ci: OK — every step passed in {total}");
            Ok(())
        }
        Err(err) => {
            eprintln!("\nxtask ci: FAILED after {total}");
            Err(err)
        }
    }
}

fn ci_steps(steps: &mut Steps) -> Result<()> {
    let root = repo_root();
    install_steps(steps)?;

    steps.run("rustfmt check", || {
        run(cmd("cargo").args(["fmt", "--all", "--check"]))
    })?;
    steps.run("clippy (native)", || {
        run(cmd("cargo")
            .args([
                "clippy",
                "-p",
                "backend",
                "-p",
                "shared-types",
                "-p",
                "xtask",
                "-p",
                "face-engine",
            ])
            .args(["-p", "e2e", "--all-targets", "--", "-D", "warnings"]))
    })?;
    steps.run("clippy (wasm32)", || {
        run(cmd("cargo")
            .args(["clippy", "--target", install::WASM_TARGET])
            .args(["-p", "frontend-kit", "-p", "frontend-learner"])
            .args(["-p", "frontend-institution", "-p", "frontend-regulator"])
            .args(["--", "-D", "warnings"]))
    })?;
    // Before the tests: the e2e suite serves var/spa.
    for app in APPS {
        steps.run(&format!("build SPA {app} (release, wasm32)"), || {
            build_spa(app)
        })?;
    }
    // The same package selection and targets as the test run, so the test step reuses these
    // artifacts, and the e2e harness finds the backend binary (it never builds it).
    steps.run("build native workspace (all targets)", || {
        run(cmd("cargo")
            .args(["build", "--workspace", "--all-targets"])
            .args(EXCLUDE_WASM))
    })?;
    let bin = backend_bin();
    if !bin.is_file() {
        bail!("backend binary not found at {}", bin.display());
    }

    // The e2e backend seeds the demo course from these; the course journey uploads them.
    let demo_media = steps.run("demo media (var/demo)", demo::media)?;
    let face_models = steps.run("face models (var/models)", models::fetch)?;
    let pg_base = std::env::temp_dir().join(format!("zhipei-ci-pg-{}", std::process::id()));
    let mut cluster = steps.run("start throwaway PostgreSQL", || {
        let cluster = Cluster::start(&pg_base, None, Kind::Throwaway)?;
        cluster.ensure_roles()?;
        Ok(cluster)
    })?;
    let pg_url = cluster.superuser_url();
    let nextest = cmd("cargo")
        .args(["nextest", "--version"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let test_step = if nextest {
        "tests (cargo nextest, incl. e2e)"
    } else {
        "tests (cargo test, incl. e2e)"
    };
    steps.run(test_step, || {
        let mut c = cmd("cargo");
        if nextest {
            c.args(["nextest", "run", "--workspace", "--no-fail-fast"]);
        } else {
            c.args(["test", "--workspace", "--no-fail-fast"]);
        }
        c.args(EXCLUDE_WASM)
            .env("ZHIPEI_TEST_PG_URL", &pg_url)
            .env("ZHIPEI_BACKEND_BIN", &bin)
            .env("ZHIPEI_SPA_DIR", root.join("var/spa"))
            .env("ZHIPEI_DEMO_MEDIA_DIR", &demo_media)
            .env("ZHIPEI_FACE_MODELS_DIR", &face_models);
        println!("ZHIPEI_TEST_PG_URL={pg_url}");
        run(&mut c)
    })?;
    steps.run("SPA unit tests (native)", || {
        run(cmd("cargo").args(["test", "-p", "frontend-kit", "--lib"]))?;
        run(cmd("cargo").args(["test", "-p", "frontend-institution", "--bins"]))
    })?;
    if nextest {
        // nextest does not run doctests.
        steps.run("doctests (cargo test --doc)", || {
            run(cmd("cargo")
                .args(["test", "--doc", "--workspace"])
                .args(EXCLUDE_WASM))
        })?;
    }
    steps.run("stop PostgreSQL", || cluster.stop())?;
    Ok(())
}
