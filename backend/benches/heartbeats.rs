//! `cargo xtask bench heartbeats`: N simulated learners (default 50,000 at the default 10-s
//! interval: 5,000 heartbeats/s) play a two-hour video against the release server binary, in its
//! own process, and a durable PostgreSQL (fsync and synchronous commit on) on this machine.
//! Every learner follows the token chain, beats every interval with some jitter, and retries a
//! heartbeat whose answer did not come. Prints accepted heartbeats/s, latency p50/p90/p99/max,
//! the decisions, the CPU used by the server, the database and this load generator, and checks
//! the ledger (`backend learning verify`) afterwards. Needs `ZHIPEI_TEST_PG_URL` and
//! `ZHIPEI_DEMO_MEDIA_DIR` (the xtask sets both). `ZHIPEI_BENCH_LEARNERS` and
//! `ZHIPEI_BENCH_SECONDS` (measured seconds, default 60) override the size,
//! `ZHIPEI_BENCH_WARMUP` (seconds before measuring, default 25) the warm-up. The cluster is put
//! in the state of one in service before the warm-up (`Cluster::put_in_service`: WAL files to
//! recycle, a checkpoint); `ZHIPEI_BENCH_CHECKPOINT_AT` starts a checkpoint that many seconds
//! into the measurement.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use rand::Rng;
use shared_types::learning::{ClientSignals, Decision, Heartbeat, HeartbeatAnswer, PlaySession};
use sqlx::PgConnection;
use uuid::Uuid;

/// The simulated video: long enough that nobody finishes it during the run.
const VIDEO_SECONDS: i32 = 7200;

/// The generator shares the machine with the server: the same allocator keeps its share small.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
const OPEN_CONCURRENCY: usize = 32;
const MAX_IN_FLIGHT: usize = 4096;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release server binary in its own process (so its CPU can be measured apart).
struct Server {
    child: Child,
    base: String,
    addr: std::net::SocketAddr,
}

impl Server {
    async fn start(vars: Vec<(String, String)>, log: &std::path::Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let out = std::fs::File::create(log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_backend"))
            .arg("serve")
            .envs(vars)
            .env("ZHIPEI_BIND", format!("127.0.0.1:{port}"))
            .env("ZHIPEI_SEED_DEMO", "1")
            .env("ZHIPEI_TRUST_PROXY", "1")
            .env(
                "ZHIPEI_DEMO_MEDIA_DIR",
                std::env::var("ZHIPEI_DEMO_MEDIA_DIR")
                    .expect("ZHIPEI_DEMO_MEDIA_DIR: run through `cargo xtask bench heartbeats`"),
            )
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            addr: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let started = Instant::now();
        while reqwest::get(format!("{}/readyz", server.base))
            .await
            .map_or(true, |r| !r.status().is_success())
        {
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "the server did not get ready; see {}",
                log.display()
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A simulated learner: signed in, enrolled in the demo class.
struct Learner {
    token: String,
    device: String,
    ip: String,
}

/// `n` trainee accounts (copies of the demo trainee) enrolled in the demo class, each signed in
/// on its own device; and the courseware they study: a two-hour video added to the demo course.
async fn learners(conn: &mut PgConnection, tenant: Uuid, n: usize) -> (Vec<Learner>, Uuid) {
    let (class, course, institution, head): (Uuid, Uuid, Uuid, Uuid) = sqlx::query_as(
        "select k.class_id, kc.course_id, c.institution_id, (select user_id from users where username = 'demo-inst-admin')
         from learning_tasks k join learning_task_courses kc on kc.task_id = k.task_id
         join classes c on c.class_id = k.class_id limit 1",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("the demo class with its task (is ZHIPEI_DEMO_MEDIA_DIR set?)");
    let courseware: Uuid = sqlx::query_scalar(
        "with media as (
             insert into media_assets (media_id, tenant_id, kind, object_key, file_name, content_type, size_bytes,
                                       part_size, status, duration_seconds)
             values (gen_random_uuid(), $1, 'video', 'bench/long.mp4', 'long.mp4', 'video/mp4', 1, 1, 'ready', $3)
             returning media_id)
         insert into coursewares (courseware_id, tenant_id, chapter_id, revision_id, lineage_id, title, kind, position,
                                  media_id, duration_seconds)
         select gen_random_uuid(), $1, ch.chapter_id, ch.revision_id, gen_random_uuid(), '两小时课件', 'video', 99,
                (select media_id from media), $3
         from courses c join chapters ch on ch.revision_id = c.live_revision_id where c.course_id = $2
         limit 1 returning courseware_id",
    )
    .bind(tenant)
    .bind(course)
    .bind(VIDEO_SECONDS)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let mut all = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(5000) {
        let ids: Vec<Uuid> = chunk.iter().map(|_| Uuid::new_v4()).collect();
        let names: Vec<String> = chunk.iter().map(|i| format!("bench-{i:06}")).collect();
        let tokens: Vec<String> = chunk
            .iter()
            .map(|_| backend::crypto::new_session_token(tenant))
            .collect();
        let hashes: Vec<Vec<u8>> = tokens
            .iter()
            .map(|t| backend::crypto::token_hash(t))
            .collect();
        let devices: Vec<String> = chunk
            .iter()
            .map(|i| format!("bench-device-{i:06}"))
            .collect();
        sqlx::query(
            "insert into users (user_id, tenant_id, username, name_enc, pii_key_id, password_hash)
             select u, t.tenant_id, n, t.name_enc, t.pii_key_id, t.password_hash
             from unnest($1::uuid[], $2::text[]) as x (u, n),
                  (select * from users where username = 'demo-admin') as t",
        )
        .bind(&ids)
        .bind(&names)
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::query("insert into user_roles (tenant_id, user_id, role) select $1, u, 'trainee' from unnest($2::uuid[]) u")
            .bind(tenant)
            .bind(&ids)
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query(
            "insert into class_trainees (enrolment_id, tenant_id, institution_id, class_id, user_id, education, added_by)
             select gen_random_uuid(), $1, $2, $3, u, 'senior', $4 from unnest($5::uuid[]) u",
        )
        .bind(tenant)
        .bind(institution)
        .bind(class)
        .bind(head)
        .bind(&ids)
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::query(
            "insert into sessions (session_id, tenant_id, user_id, token_hash, device_id, expires_at)
             select gen_random_uuid(), $1, u, h, d, now() + interval '1 day'
             from unnest($2::uuid[], $3::bytea[], $4::text[]) as x (u, h, d)",
        )
        .bind(tenant)
        .bind(&ids)
        .bind(&hashes)
        .bind(&devices)
        .execute(&mut *conn)
        .await
        .unwrap();
        for ((i, token), device) in chunk.iter().zip(tokens).zip(devices) {
            all.push(Learner {
                token,
                device,
                ip: format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256),
            });
        }
    }
    (all, courseware)
}

/// What the learners measured while the clock ran.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    /// By the second of the measurement the answer came in.
    slowest: support::measure::SlowestPerSecond,
    decisions: BTreeMap<String, u64>,
}

struct Shared {
    /// Requests in flight at most: past saturation heartbeats wait for a connection (and their
    /// latency shows it) instead of opening sockets until the process runs out of files.
    pool: support::wire::Pool,
    interval: Duration,
    measuring: AtomicBool,
    /// When the measurement started.
    clock: std::sync::OnceLock<Instant>,
    stop: AtomicBool,
    retries: AtomicU64,
    tally: Mutex<Tally>,
}

/// One learner playing: a heartbeat every interval (±5 %), the position moving with the time.
async fn play(shared: Arc<Shared>, learner: Learner, session: PlaySession) {
    let path = format!(
        "/api/v1/learning/sessions/{}/heartbeats",
        session.session_id
    );
    let forwarded = format!("X-Forwarded-For: {}\r\n", learner.ip);
    let mut token = session.heartbeat_token;
    let mut position = session.resume_position;
    let mut seq = 0;
    let offset = rand::thread_rng().gen_range(0.0..1.0) * shared.interval.as_secs_f64();
    let mut next = tokio::time::Instant::now() + Duration::from_secs_f64(offset);
    let mut last = Instant::now();
    while !shared.stop.load(Ordering::Relaxed) {
        tokio::time::sleep_until(next).await;
        seq += 1;
        position = (position + last.elapsed().as_secs_f64()).min(f64::from(VIDEO_SECONDS));
        last = Instant::now();
        let beat = Heartbeat {
            seq,
            position,
            playing: true,
            visible: true,
            focused: true,
            rate: 1.0,
            client_time: chrono::Utc::now().timestamp_millis(),
            token: token.clone(),
            signals: ClientSignals::default(),
        };
        let answer = loop {
            // Timed from when the heartbeat is due, so waiting for a free connection counts.
            let sent = Instant::now();
            let body = serde_json::to_vec(&beat).unwrap();
            let response = shared.pool.post_json(&path, &forwarded, &body).await;
            if let Ok(r) = response
                && r.status == 200
                && let Ok(answer) = serde_json::from_slice::<HeartbeatAnswer>(&r.body)
            {
                break (answer, sent.elapsed());
            }
            shared.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let (answer, took) = answer;
        if shared.measuring.load(Ordering::Relaxed) {
            let us = u32::try_from(took.as_micros()).unwrap_or(u32::MAX);
            let second = shared.clock.get().map_or(0, |c| c.elapsed().as_secs());
            let mut tally = shared.tally.lock().unwrap();
            tally.latencies_us.push(us);
            tally.slowest.record(second, us);
            *tally
                .decisions
                .entry(answer.decision.as_str().to_owned())
                .or_default() += 1;
        }
        if answer.next_token.is_empty() {
            return;
        }
        token = answer.next_token;
        // As the player does: what ran ahead of the counted part (a lost stretch) is replayed.
        if matches!(answer.decision, Decision::SeekAhead | Decision::Gap) {
            position = answer.furthest_position;
        }
        let jitter = rand::thread_rng().gen_range(0.95..1.05);
        next += shared.interval.mul_f64(jitter);
    }
}

#[tokio::main]
async fn main() {
    let n = env_number("ZHIPEI_BENCH_LEARNERS", 50_000) as usize;
    let measured = Duration::from_secs(env_number("ZHIPEI_BENCH_SECONDS", 60));
    let warm_up = Duration::from_secs(env_number("ZHIPEI_BENCH_WARMUP", 25));
    let (pg, db) = support::database("heartbeats").await;
    let dir = std::env::temp_dir().join(format!("zhipei-bench-{db}"));
    std::fs::create_dir_all(&dir).unwrap();
    let server = Server::start(
        support::server_vars(&pg, &db, &dir.join("s3")),
        &dir.join("server.log"),
    )
    .await;
    let (mut conn, tenant) = support::owner_of(&pg, &db).await;
    let settings: (String, String, String) = sqlx::query_as(
        "select current_setting('fsync'), current_setting('synchronous_commit'), version()",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let mut cluster = support::cluster::Cluster::connect().await;
    let interval: u64 = sqlx::query_scalar::<_, serde_json::Value>(
        "select settings from tenants where tenant_id = $1",
    )
    .bind(tenant)
    .fetch_one(&mut conn)
    .await
    .ok()
    .and_then(|s| s["heartbeat_seconds"].as_u64())
    .unwrap_or(10);

    let started = Instant::now();
    let (learners, courseware) = learners(&mut conn, tenant, n).await;
    // A bulk load is followed by ANALYZE, as after any restore: without statistics the planner
    // takes the fresh tables for empty ones (autovacuum would get there within minutes).
    sqlx::query("analyze").execute(&mut conn).await.unwrap();
    println!(
        "set up {n} learners in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let started = Instant::now();
    let opened: Vec<(Learner, PlaySession)> = futures_util::stream::iter(learners)
        .map(|l| {
            let (http, base) = (http.clone(), server.base.clone());
            async move {
                let session: PlaySession = http
                    .post(format!("{base}/api/v1/learning/sessions"))
                    .bearer_auth(&l.token)
                    .header("X-Forwarded-For", &l.ip)
                    .json(&serde_json::json!({"courseware_id": courseware, "device_id": l.device}))
                    .send()
                    .await
                    .unwrap()
                    .error_for_status()
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                (l, session)
            }
        })
        .buffer_unordered(OPEN_CONCURRENCY)
        .collect()
        .await;
    println!(
        "opened {n} play sessions in {:.1} s ({:.0}/s)",
        started.elapsed().as_secs_f64(),
        n as f64 / started.elapsed().as_secs_f64()
    );
    // Opening made a play session, a progress row and a day row per learner.
    sqlx::query("analyze play_sessions, courseware_progress, daily_study")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    // WAL files for a fresh cluster to write the run into without creating any: the run writes
    // some 2 kB of WAL per heartbeat.
    let run_bytes = (warm_up + measured).as_secs() * n as u64 / interval.max(1) * 2_000;
    let files = (run_bytes * 3 / 2 / (16 << 20)).clamp(16, 120) as u32;
    cluster.put_in_service(files).await;
    // `ZHIPEI_BENCH_CHECKPOINT_AT` starts a checkpoint that many seconds into the measurement,
    // to see what one costs.
    let checkpoint_at = std::env::var("ZHIPEI_BENCH_CHECKPOINT_AT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());

    let shared = Arc::new(Shared {
        pool: support::wire::Pool::new(server.addr, MAX_IN_FLIGHT),
        interval: Duration::from_secs(interval),
        measuring: AtomicBool::new(false),
        clock: std::sync::OnceLock::new(),
        stop: AtomicBool::new(false),
        retries: AtomicU64::new(0),
        tally: Mutex::new(Tally::default()),
    });
    let players: Vec<_> = opened
        .into_iter()
        .map(|(l, s)| tokio::spawn(play(shared.clone(), l, s)))
        .collect();
    tokio::time::sleep(warm_up).await;

    let postmaster = cluster.postmaster;
    let cpu = || {
        (
            support::measure::cpu_ticks(server.child.id(), false),
            support::measure::cpu_ticks(postmaster, true),
            support::measure::cpu_ticks(std::process::id(), false),
        )
    };
    let wal_before = cluster.wal().await;
    let before = cpu();
    let retries_before = shared.retries.load(Ordering::Relaxed);
    let clock = *shared.clock.get_or_init(Instant::now);
    let started_at = chrono::Utc::now();
    shared.measuring.store(true, Ordering::Relaxed);
    if let Some(at) = checkpoint_at {
        tokio::time::sleep(Duration::from_secs(at).min(measured)).await;
        cluster.checkpoint().await;
    }
    tokio::time::sleep(measured.saturating_sub(clock.elapsed())).await;
    shared.measuring.store(false, Ordering::Relaxed);
    let seconds = clock.elapsed().as_secs_f64();
    let after = cpu();
    let wal_after = cluster.wal().await;
    let retries = shared.retries.load(Ordering::Relaxed) - retries_before;
    shared.stop.store(true, Ordering::Relaxed);
    for p in players {
        let _ = p.await;
    }

    let tally = std::mem::take(&mut *shared.tally.lock().unwrap());
    let mut latencies = tally.latencies_us;
    latencies.sort_unstable();
    let accepted = latencies.len() as f64;
    let cores = |a: u64, b: u64| (b - a) as f64 / 100.0 / seconds;
    println!();
    println!("heartbeats: {n} learners, one heartbeat every {interval} s (±5 %)");
    println!("  machine        {}", support::measure::machine());
    println!(
        "  database       {} (fsync={}, synchronous_commit={})",
        settings.2.split(" on ").next().unwrap_or_default(),
        settings.0,
        settings.1
    );
    println!(
        "  measured       {seconds:.1} s after {} s of warm-up, from {} UTC",
        warm_up.as_secs(),
        started_at.format("%H:%M:%S")
    );
    let checkpoint = checkpoint_at.map_or("none".to_owned(), |at| format!("at {at} s"));
    println!(
        "  WAL            {:.1} MB/s, files in pg_wal {} → {}; checkpoint in the measurement: {checkpoint}",
        (wal_after.bytes - wal_before.bytes) as f64 / 1e6 / seconds,
        wal_before.files,
        wal_after.files
    );
    println!(
        "  accepted       {:.0} heartbeats/s ({accepted:.0} answered)",
        accepted / seconds
    );
    println!(
        "  latency        p50 {:.1} ms · p90 {:.1} ms · p99 {:.1} ms · max {:.1} ms",
        support::measure::percentile(&latencies, 0.5),
        support::measure::percentile(&latencies, 0.9),
        support::measure::percentile(&latencies, 0.99),
        support::measure::percentile(&latencies, 1.0)
    );
    println!("  seconds        {}", tally.slowest.report(50_000));
    println!("  retried        {retries} (503 or no answer)");
    println!(
        "  CPU (cores)    server {:.2} · database {:.2} · load generator {:.2}",
        cores(before.0, after.0),
        cores(before.1, after.1),
        cores(before.2, after.2)
    );
    let decisions: Vec<String> = tally
        .decisions
        .iter()
        .map(|(d, c)| format!("{d} {c}"))
        .collect();
    println!("  decisions      {}", decisions.join(" · "));

    let (mut conn, tenant) = support::owner_of(&pg, &db).await;
    let (checked, differences) = backend::learning::ledger::verify(&mut conn, tenant)
        .await
        .unwrap();
    println!(
        "  ledger         {checked} totals checked against the heartbeat record, {} differ",
        differences.len()
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(differences.is_empty(), "{differences:?}");
}
