//! The heartbeat batcher. Thousands of players beat every few seconds; committing each heartbeat
//! on its own would spend the machine on round trips and fsyncs. Requests are queued on one of a
//! few lanes (by play session, so one session's heartbeats stay in order); a lane takes whatever
//! has queued while it was busy, decides it in one transaction per tenant and answers each
//! request after the commit.
//!
//! A burst larger than the machine can carry must not leave a standing queue behind it (every
//! answer late, every late answer followed at once by the next heartbeat). So a lane refuses
//! what has waited longer than `SHED_AFTER` with a 503 before deciding it; the player sends the
//! same heartbeat again a moment later, which credits the same time then.

use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use shared_types::learning::{Heartbeat, HeartbeatAnswer};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::beat::{self, Decided};
use super::stream::Publisher;
use crate::db::{Db, Scope};
use crate::error::AppError;

/// At most this many heartbeats in one transaction.
const MAX_BATCH: usize = 512;
/// Requests waiting per lane before new ones are refused (503, the player retries).
const QUEUE: usize = 8192;
/// A request that waited this long in the queue is refused unread (503, the player retries).
const SHED_AFTER: Duration = Duration::from_secs(2);
/// A request waits this long for its answer at most.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

type Reply = oneshot::Sender<Result<HeartbeatAnswer, AppError>>;

struct Job {
    tenant_id: Uuid,
    session_id: Uuid,
    beat: Heartbeat,
    reply: Reply,
    queued: Instant,
}

#[derive(Clone)]
pub struct Batcher {
    lanes: Vec<mpsc::Sender<Job>>,
}

impl Batcher {
    /// Starts `lanes` lane tasks on `db`, whose events go out through `publisher`.
    pub fn start(db: &Db, lanes: usize, publisher: &Publisher) -> Batcher {
        let lanes = (0..lanes.max(1))
            .map(|_| {
                let (tx, rx) = mpsc::channel(QUEUE);
                tokio::spawn(lane(db.clone(), publisher.clone(), rx));
                tx
            })
            .collect();
        Batcher { lanes }
    }

    /// Decides one heartbeat; answers once it is committed.
    pub async fn submit(
        &self,
        tenant_id: Uuid,
        session_id: Uuid,
        beat: Heartbeat,
    ) -> Result<HeartbeatAnswer, AppError> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        session_id.hash(&mut hasher);
        let lane = &self.lanes[(hasher.finish() as usize) % self.lanes.len()];
        let (reply, answer) = oneshot::channel();
        let job = Job {
            tenant_id,
            session_id,
            beat,
            reply,
            queued: Instant::now(),
        };
        lane.try_send(job).map_err(|_| AppError::Unavailable)?;
        match tokio::time::timeout(ANSWER_TIMEOUT, answer).await {
            Ok(Ok(answer)) => answer,
            _ => Err(AppError::Unavailable),
        }
    }
}

async fn lane(db: Db, publisher: Publisher, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = Vec::with_capacity(MAX_BATCH);
        let mut next = Some(first);
        while let Some(job) = next {
            if job.queued.elapsed() > SHED_AFTER {
                let _ = job.reply.send(Err(AppError::Unavailable));
            } else {
                jobs.push(job);
            }
            next = if jobs.len() < MAX_BATCH {
                rx.try_recv().ok()
            } else {
                None
            };
        }
        if jobs.is_empty() {
            continue;
        }
        let mut tenants: Vec<Uuid> = jobs.iter().map(|j| j.tenant_id).collect();
        tenants.sort();
        tenants.dedup();
        for tenant_id in tenants {
            let (mine, rest): (Vec<Job>, Vec<Job>) =
                jobs.into_iter().partition(|j| j.tenant_id == tenant_id);
            jobs = rest;
            run(&db, &publisher, tenant_id, mine).await;
        }
    }
}

/// Decides and commits one tenant's jobs, retrying once (a deadlock or a lost connection), then
/// answers them and publishes their events.
async fn run(db: &Db, publisher: &Publisher, tenant_id: Uuid, jobs: Vec<Job>) {
    let beats: Vec<(Uuid, Heartbeat)> = jobs
        .iter()
        .map(|j| (j.session_id, j.beat.clone()))
        .collect();
    let mut outcome = attempt(db, tenant_id, &beats).await;
    if let Err(err) = &outcome {
        tracing::warn!(error = %err, "heartbeat batch failed; retrying once");
        outcome = attempt(db, tenant_id, &beats).await;
    }
    match outcome {
        Ok(Decided { answers, events }) => {
            for (job, answer) in jobs.into_iter().zip(answers) {
                let _ = job.reply.send(answer);
            }
            publisher.publish(events);
        }
        Err(err) => {
            tracing::error!(error = %err, count = jobs.len(), "heartbeat batch lost");
            for job in jobs {
                let _ = job.reply.send(Err(AppError::Unavailable));
            }
        }
    }
}

async fn attempt(
    db: &Db,
    tenant_id: Uuid,
    beats: &[(Uuid, Heartbeat)],
) -> Result<Decided, AppError> {
    let mut tx = db.begin_tenant(Scope::tenant(tenant_id)).await?;
    let decided = beat::apply(&mut tx, tenant_id, beats).await?;
    tx.commit().await?;
    Ok(decided)
}
