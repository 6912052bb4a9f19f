//! 多端同步 — progress reaches every open page of the learner within a moment (Z-II.2). The
//! changes of a transaction go out as `NOTIFY learning` (to every server node), as JSON arrays
//! of events so that a heartbeat batch sends a few notifications, not one per learner; each
//! node listens once and hands the events to the learner's Server-Sent Events streams.
//!
//! Heartbeat batches publish after their commit (`Publisher`), not inside it: PostgreSQL holds
//! one lock from a notifying transaction's commit until its commit record is on disk, so
//! notifying batches took turns at the disk instead of sharing a flush.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use shared_types::learning::StreamEvent;
use sqlx::PgConnection;
use tokio::sync::{broadcast, mpsc};
use uuid::Uuid;

use crate::db::Db;
use crate::error::AppError;

pub(super) const CHANNEL: &str = "learning";
/// One notification's payload stays under PostgreSQL's limit (8,000 bytes).
const PAYLOAD_BYTES: usize = 7_500;

/// What travels on the channel: whose it is, and what happened.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Addressed {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    #[serde(flatten)]
    pub push: Push,
}

/// What a learner's open streams hear: an event for the page (`"event": {..}`), or that a
/// sign-in session ended (`"ended_session": id`, sent by the `sessions_ended` trigger of
/// migration `0011`), which closes the streams opened with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Push {
    Event(StreamEvent),
    EndedSession(Uuid),
}

impl Addressed {
    pub fn event(tenant_id: Uuid, user_id: Uuid, event: StreamEvent) -> Addressed {
        Addressed {
            tenant_id,
            user_id,
            push: Push::Event(event),
        }
    }
}

/// Sends `event` to the learner's pages when the transaction `conn` commits.
pub async fn notify(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    event: &StreamEvent,
) -> Result<(), AppError> {
    notify_all(conn, &[Addressed::event(tenant_id, user_id, event.clone())]).await
}

/// `events` as channel payloads: JSON arrays, each under the notification size limit.
pub fn payloads(events: &[Addressed]) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    let mut current = String::new();
    for event in events {
        let one = serde_json::to_string(event).map_err(anyhow::Error::from)?;
        if !current.is_empty() && current.len() + one.len() + 1 >= PAYLOAD_BYTES {
            current.push(']');
            out.push(std::mem::take(&mut current));
        }
        current.push(if current.is_empty() { '[' } else { ',' });
        current.push_str(&one);
    }
    if !current.is_empty() {
        current.push(']');
        out.push(current);
    }
    Ok(out)
}

/// [`notify`] for many events in one statement.
pub async fn notify_all(conn: &mut PgConnection, events: &[Addressed]) -> Result<(), AppError> {
    if events.is_empty() {
        return Ok(());
    }
    sqlx::query("select pg_notify($1, p) from unnest($2::text[]) as p")
        .bind(CHANNEL)
        .bind(payloads(events)?)
        .execute(conn)
        .await?;
    Ok(())
}

/// Heartbeat batches' events waiting for the publisher before more are dropped (the pages
/// catch up from their next fetch).
const PUBLISH_QUEUE: usize = 1024;

/// Sends heartbeat batches' events once their transactions have committed, in the order the
/// lanes hand them over, coalescing whatever queued meanwhile into one notifying transaction that
/// does not wait for the disk.
#[derive(Clone)]
pub struct Publisher {
    queue: mpsc::Sender<Vec<Addressed>>,
}

impl Publisher {
    pub fn start(db: &Db) -> Publisher {
        let (queue, mut rx) = mpsc::channel::<Vec<Addressed>>(PUBLISH_QUEUE);
        let db = db.clone();
        tokio::spawn(async move {
            let mut events = Vec::new();
            while let Some(first) = rx.recv().await {
                events.extend(first);
                while let Ok(more) = rx.try_recv() {
                    events.extend(more);
                }
                if let Err(err) = send(&db, &events).await {
                    tracing::warn!(%err, count = events.len(), "learning events not published");
                }
                events.clear();
            }
        });
        Publisher { queue }
    }

    /// Queues `events` of a committed transaction.
    pub fn publish(&self, events: Vec<Addressed>) {
        if !events.is_empty() && self.queue.try_send(events).is_err() {
            tracing::warn!("learning event queue full; pages catch up from their next fetch");
        }
    }
}

async fn send(db: &Db, events: &[Addressed]) -> Result<(), AppError> {
    let mut tx = db.begin_volatile().await?;
    notify_all(&mut tx, events).await?;
    tx.commit().await?;
    Ok(())
}

/// Events queued per open stream before a slow page starts missing some (it catches up from
/// its next fetch).
const STREAM_QUEUE: usize = 64;

type Learner = (Uuid, Uuid);
type Streams = Arc<Mutex<HashMap<Learner, broadcast::Sender<Push>>>>;

/// This node's fan-out of the channel to the open streams: one sender per learner with a page
/// open, so an event costs a map look-up, not a wake-up of every stream on the node, and a
/// notification is not even parsed while nobody on this node is watching.
#[derive(Clone)]
pub struct Hub {
    streams: Streams,
}

impl Hub {
    /// Listens on the channel for as long as the process runs, reconnecting after a failure.
    pub fn start(db: &Db) -> Hub {
        let hub = Hub {
            streams: Streams::default(),
        };
        let (db, streams) = (db.clone(), hub.streams.clone());
        tokio::spawn(async move {
            loop {
                match db.listen(CHANNEL).await {
                    Ok(mut listener) => loop {
                        match listener.recv().await {
                            Ok(n) => deliver(&streams, n.payload()),
                            Err(err) => {
                                tracing::warn!(%err, "learning listener lost; reconnecting");
                                break;
                            }
                        }
                    },
                    Err(err) => tracing::warn!(%err, "cannot listen for learning events"),
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        hub
    }

    /// The learner's events as Server-Sent Events, with a keep-alive comment every 15 s.
    /// The stream ends when the sign-in session `session_id` it was opened with ends (sign-out,
    /// a sign-in elsewhere, a disabled account), and the page's reconnection is then refused.
    pub fn stream(
        &self,
        tenant_id: Uuid,
        user_id: Uuid,
        session_id: Uuid,
    ) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
        let open = subscribe(&self.streams, (tenant_id, user_id));
        let events = futures_util::stream::unfold(open, move |mut open| async move {
            loop {
                match open.receiver.recv().await {
                    Ok(Push::EndedSession(ended)) if ended == session_id => return None,
                    Ok(Push::EndedSession(_)) => {}
                    Ok(Push::Event(event)) => {
                        let kind = match event {
                            StreamEvent::Progress { .. } => "progress",
                            StreamEvent::Session { .. } => "session",
                        };
                        let data = serde_json::to_string(&event).unwrap_or_default();
                        return Some((Ok(Event::default().event(kind).data(data)), open));
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
    }
}

fn lock(streams: &Streams) -> std::sync::MutexGuard<'_, HashMap<Learner, broadcast::Sender<Push>>> {
    // The map stays consistent whatever a panicking holder was doing: every entry is whole.
    streams
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn subscribe(streams: &Streams, key: Learner) -> Open {
    let receiver = lock(streams)
        .entry(key)
        .or_insert_with(|| broadcast::channel(STREAM_QUEUE).0)
        .subscribe();
    Open {
        streams: streams.clone(),
        key,
        receiver,
    }
}

/// Hands one notification's events to the learners' open streams.
fn deliver(streams: &Streams, payload: &str) {
    if lock(streams).is_empty() {
        return;
    }
    match serde_json::from_str::<Vec<Addressed>>(payload) {
        Ok(events) => {
            let streams = lock(streams);
            for a in events {
                if let Some(sender) = streams.get(&(a.tenant_id, a.user_id)) {
                    let _ = sender.send(a.push);
                }
            }
        }
        Err(err) => tracing::warn!(%err, "unreadable learning notification"),
    }
}

/// An open stream: when the page goes away, its learner's sender goes with the last one.
struct Open {
    streams: Streams,
    key: Learner,
    receiver: broadcast::Receiver<Push>,
}

impl Drop for Open {
    fn drop(&mut self) {
        // Under the lock nobody subscribes meanwhile; this stream's receiver is still counted.
        let mut streams = lock(&self.streams);
        if streams
            .get(&self.key)
            .is_some_and(|sender| sender.receiver_count() == 1)
        {
            streams.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: usize) -> Addressed {
        Addressed::event(
            Uuid::new_v4(),
            Uuid::new_v4(),
            StreamEvent::Progress {
                courseware_id: Uuid::new_v4(),
                lineage_id: Uuid::new_v4(),
                credited_seconds: n as f64,
                resume_position: 1.5,
                complete: false,
                today_credited_seconds: 60.0,
            },
        )
    }

    #[test]
    fn events_reach_only_their_learners_streams_and_closed_streams_leave() -> anyhow::Result<()> {
        let streams = Streams::default();
        let (mine, other) = (event(1), event(2));
        let mut open = subscribe(&streams, (mine.tenant_id, mine.user_id));
        let mut second = subscribe(&streams, (mine.tenant_id, mine.user_id));
        let mut elsewhere = subscribe(&streams, (other.tenant_id, mine.user_id));
        deliver(&streams, &payloads(&[mine.clone(), other])?[0]);
        for receiver in [&mut open, &mut second] {
            let got = receiver.receiver.try_recv();
            assert!(
                matches!(got, Ok(Push::Event(StreamEvent::Progress { credited_seconds, .. })) if credited_seconds == 1.0)
            );
        }
        let got = elsewhere.receiver.try_recv();
        assert!(
            matches!(got, Err(broadcast::error::TryRecvError::Empty)),
            "another tenant's learner of the same id hears nothing"
        );
        // The shape the `sessions_ended` trigger sends.
        let ended = Uuid::new_v4();
        deliver(
            &streams,
            &format!(
                r#"[{{"tenant_id":"{}","user_id":"{}","ended_session":"{ended}"}}]"#,
                mine.tenant_id, mine.user_id
            ),
        );
        assert!(matches!(open.receiver.try_recv(), Ok(Push::EndedSession(id)) if id == ended));
        deliver(&streams, "not json");
        drop(open);
        assert_eq!(
            lock(&streams).len(),
            2,
            "the learner's second page still listens"
        );
        drop((second, elsewhere));
        assert!(lock(&streams).is_empty());
        Ok(())
    }

    #[test]
    fn payloads_carry_every_event_in_order_under_the_limit() -> anyhow::Result<()> {
        let events: Vec<Addressed> = (0..200).map(event).collect();
        let sent = payloads(&events)?;
        assert!(sent.len() > 1, "200 events need several payloads");
        assert!(sent.iter().all(|p| p.len() < PAYLOAD_BYTES));
        let mut back: Vec<Addressed> = Vec::new();
        for payload in &sent {
            back.extend(serde_json::from_str::<Vec<Addressed>>(payload)?);
        }
        assert_eq!(back.len(), events.len());
        assert!(
            back.iter()
                .zip(&events)
                .all(|(a, b)| a.user_id == b.user_id)
        );
        assert!(payloads(&[])?.is_empty());
        Ok(())
    }
}
