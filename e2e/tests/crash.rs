//! Issue 5, storage and integrity: the server is killed (SIGKILL) while learners are beating,
//! restarted on the same database, and the learners carry on — retrying the heartbeat whose
//! answer the crash swallowed. Afterwards every credit that was acknowledged is in the record,
//! nothing is counted twice, each learner's kept total equals the last one they were told, and
//! `backend learning verify` finds every total derivable from the heartbeats.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use e2e::{Backend, Config, TestDb};
use serde_json::{Value, json};
use shared_types::learning::{ClientSignals, Decision, Heartbeat, HeartbeatAnswer};
use tokio::sync::watch;

const LEARNERS: usize = 24;
/// Beats come faster than the player's interval here: the rules credit min(wall time,
/// advance), so the load is heavier and the credit still honest.
const BEAT_EVERY: Duration = Duration::from_millis(150);
const BEFORE_CRASH: Duration = Duration::from_secs(4);
const AFTER_RESTART: Duration = Duration::from_secs(4);

/// One learner's view: every answer they got, by sequence number.
#[derive(Default)]
struct Seen {
    session: String,
    answers: Vec<(u64, HeartbeatAnswer)>,
    /// Heartbeats sent again because no answer came (the crash).
    retried: u32,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `n` trainees of the demo class (copies of the demo trainee: same name and password), signed
/// in over HTTP; their bearer tokens and devices.
async fn sign_in_learners(
    http: &reqwest::Client,
    base: &str,
    db: &TestDb,
    password: &str,
) -> Result<Vec<(String, String)>> {
    db.sql(&format!(
        "with t as (select u.* from users u join class_trainees k on k.user_id = u.user_id limit 1),
              created as (
                  insert into users (user_id, tenant_id, username, name_enc, pii_key_id, password_hash)
                  select gen_random_uuid(), t.tenant_id, 'crash-' || n, t.name_enc, t.pii_key_id, t.password_hash
                  from t, generate_series(1, {LEARNERS}) as n
                  returning user_id, tenant_id),
              roles as (insert into user_roles (tenant_id, user_id, role)
                        select tenant_id, user_id, 'trainee' from created)
         insert into class_trainees (enrolment_id, tenant_id, institution_id, class_id, user_id, education, added_by)
         select gen_random_uuid(), c.tenant_id, k.institution_id, k.class_id, c.user_id, 'senior', k.added_by
         from created c, (select class_id, institution_id, added_by from class_trainees limit 1) as k"
    ))?;
    let created = db.sql("select count(*) from users where username like 'crash-%'")?;
    ensure!(
        created.trim() == LEARNERS.to_string(),
        "{created} learners created"
    );
    let mut signed_in = Vec::new();
    for n in 1..=LEARNERS {
        let device = format!("crash-device-{n:04}");
        let response = http
            .post(format!("{base}/api/v1/auth/login"))
            .header("X-Tenant", e2e::DEMO_TENANT)
            .json(&json!({"username": format!("crash-{n}"), "password": password, "device_id": device}))
            .send()
            .await?;
        let status = response.status();
        let body: Value = response.json().await?;
        ensure!(
            status.is_success(),
            "crash-{n} cannot sign in: {status} {body}"
        );
        let token = body["token"].as_str().context("no token")?.to_owned();
        signed_in.push((token, device));
    }
    Ok(signed_in)
}

/// One learner: opens a play session of the demo video and beats until `stop`, retrying the same
/// heartbeat (same sequence number and token) whenever no answer comes, on whatever address the
/// server has now.
async fn learner(
    http: reqwest::Client,
    mut base: watch::Receiver<String>,
    token: String,
    device: String,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> Result<Seen> {
    let url = base.borrow().clone();
    let tasks: Value = http
        .get(format!("{url}/api/v1/me/tasks"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let courseware = tasks[0]["courses"][0]["chapters"][0]["coursewares"]
        .as_array()
        .and_then(|c| c.iter().find(|w| w["kind"] == "video"))
        .context("the demo task has no video")?["id"]
        .clone();
    let session: Value = http
        .post(format!("{url}/api/v1/learning/sessions"))
        .bearer_auth(&token)
        .json(&json!({"courseware_id": courseware, "device_id": device}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let mut seen = Seen {
        session: session["session_id"]
            .as_str()
            .context("no session")?
            .to_owned(),
        ..Seen::default()
    };
    let mut chain = session["heartbeat_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut position = 0.0;
    let mut last = Instant::now();
    let mut seq = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        tokio::time::sleep(BEAT_EVERY).await;
        seq += 1;
        position += last.elapsed().as_secs_f64();
        last = Instant::now();
        let beat = Heartbeat {
            seq,
            position,
            playing: true,
            visible: true,
            focused: true,
            rate: 1.0,
            client_time: now_ms(),
            token: chain.clone(),
            signals: ClientSignals::default(),
        };
        let started = Instant::now();
        let answer = loop {
            let url = format!(
                "{}/api/v1/learning/sessions/{}/heartbeats",
                base.borrow_and_update().clone(),
                seen.session
            );
            let sent = http.post(&url).json(&beat).send().await;
            if let Ok(response) = sent
                && response.status().is_success()
            {
                break response.json::<HeartbeatAnswer>().await?;
            }
            seen.retried += 1;
            if started.elapsed() > Duration::from_secs(120) {
                bail!("no answer to heartbeat {seq} within 120 s");
            }
            // Wait for the restarted server's address, or retry shortly.
            let _ = tokio::time::timeout(Duration::from_millis(200), base.changed()).await;
        };
        if answer.next_token.is_empty() {
            bail!("heartbeat {seq} ended the chain: {:?}", answer.decision);
        }
        chain = answer.next_token.clone();
        seen.answers.push((seq, answer));
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_credit_and_counts_nothing_twice() -> Result<()> {
    let Some(cfg) = Config::from_env()? else {
        return Ok(());
    };
    let db = TestDb::create(&cfg)?;
    let backend = Backend::start(&cfg, &db).await?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    let learners = sign_in_learners(&http, &backend.base_url, &db, &cfg.demo_password).await?;
    let (address, base) = watch::channel(backend.base_url.clone());
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let running: Vec<_> = learners
        .into_iter()
        .map(|(token, device)| {
            tokio::spawn(learner(
                http.clone(),
                base.clone(),
                token,
                device,
                stop.clone(),
            ))
        })
        .collect();

    tokio::time::sleep(BEFORE_CRASH).await;
    backend.kill();
    eprintln!("e2e crash: server killed under load; restarting");
    let backend = match Backend::start(&cfg, &db).await {
        Ok(backend) => backend,
        // A server that cannot reach the database in time exits; its supervisor starts it again.
        Err(err) => {
            eprintln!("e2e crash: restart failed ({err:#}); starting again");
            Backend::start(&cfg, &db).await?
        }
    };
    address.send(backend.base_url.clone())?;
    tokio::time::sleep(AFTER_RESTART).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut seen = Vec::new();
    for handle in running {
        seen.push(handle.await??);
    }
    drop(backend);

    // What the record holds: every decided heartbeat of the run.
    let rows = db.sql(
        "select play_session_id, seq, decision, credited_ms, count(*) over (partition by play_session_id, seq)
         from heartbeats where decision <> 'stale'",
    )?;
    let mut record: HashMap<(String, u64), (String, i64)> = HashMap::new();
    for line in rows.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('|').collect();
        ensure!(f[4] == "1", "heartbeat {} of {} decided twice", f[1], f[0]);
        record.insert(
            (f[0].to_owned(), f[1].parse()?),
            (f[2].to_owned(), f[3].parse()?),
        );
    }
    let kept: HashMap<String, i64> = db
        .sql(
            "select s.play_session_id, g.credited_ms from play_sessions s
             join courseware_progress g on g.user_id = s.user_id and g.lineage_id = s.lineage_id",
        )?
        .lines()
        .filter_map(|l| l.split_once('|'))
        .map(|(s, ms)| (s.to_owned(), ms.parse().unwrap_or(-1)))
        .collect();

    let retried: u32 = seen.iter().map(|s| s.retried).sum();
    ensure!(
        retried > 0,
        "no heartbeat was in flight when the server was killed"
    );
    let mut acknowledged = 0;
    for learner in &seen {
        for (seq, answer) in &learner.answers {
            ensure!(
                answer.decision != Decision::Stale,
                "heartbeat {seq} of {} was answered stale: the chain broke",
                learner.session
            );
            let (decision, credited_ms) = record
                .get(&(learner.session.clone(), *seq))
                .with_context(|| {
                    format!(
                        "acknowledged heartbeat {seq} of {} is not in the record",
                        learner.session
                    )
                })?;
            ensure!(
                decision == answer.decision.as_str(),
                "heartbeat {seq}: {decision} kept, {:?} told",
                answer.decision
            );
            let told = (answer.credited_seconds * 1000.0).round() as i64;
            ensure!(
                *credited_ms == told,
                "heartbeat {seq}: {credited_ms} ms kept, {told} ms told"
            );
            acknowledged += usize::from(told > 0);
        }
        let (_, last) = learner.answers.last().context("a learner got no answer")?;
        let told = (last.courseware_credited_seconds * 1000.0).round() as i64;
        let kept = kept.get(&learner.session).copied().unwrap_or(0);
        ensure!(
            kept == told,
            "{}: {kept} ms kept, {told} ms last told",
            learner.session
        );
    }
    ensure!(acknowledged > 0, "nothing was credited");
    eprintln!(
        "e2e crash: {acknowledged} credited heartbeats acknowledged, all kept; {retried} retried after the kill"
    );

    let (ok, output) = Backend::run_cli(&cfg, &db, &["learning", "verify"])?;
    ensure!(ok, "backend learning verify failed:\n{output}");
    eprintln!("e2e crash: backend learning verify: {}", output.trim());
    Ok(())
}
