//! 多端同步 — progress reaches every open page of the learner within a moment (Z-II.2). Each
//! change is a `NOTIFY learning` in the transaction that made it (sent when it commits, to every
//! server node); each node listens once and hands the events to the learner's Server-Sent Events
//! streams.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use shared_types::learning::StreamEvent;
use sqlx::PgConnection;
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::db::Db;
use crate::error::AppError;

const CHANNEL: &str = "learning";

/// What travels on the channel: whose event it is, and the event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Addressed {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub event: StreamEvent,
}

/// Sends `event` to the learner's pages when the transaction `conn` commits.
pub async fn notify(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    event: &StreamEvent,
) -> Result<(), AppError> {
    notify_all(
        conn,
        &[Addressed {
            tenant_id,
            user_id,
            event: event.clone(),
        }],
    )
    .await
}

/// [`notify`] for many events in one statement.
pub async fn notify_all(conn: &mut PgConnection, events: &[Addressed]) -> Result<(), AppError> {
    if events.is_empty() {
        return Ok(());
    }
    let payloads: Vec<String> = events
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<_, _>>()
        .map_err(anyhow::Error::from)?;
    sqlx::query("select pg_notify($1, p) from unnest($2::text[]) as p")
        .bind(CHANNEL)
        .bind(&payloads)
        .execute(conn)
        .await?;
    Ok(())
}

/// This node's fan-out of the channel to the open streams.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Addressed>,
}

impl Hub {
    /// Listens on the channel for as long as the process runs, reconnecting after a failure.
    pub fn start(db: &Db) -> Hub {
        let (sender, _) = broadcast::channel(4096);
        let hub = Hub { sender };
        let (db, out) = (db.clone(), hub.sender.clone());
        tokio::spawn(async move {
            loop {
                match db.listen(CHANNEL).await {
                    Ok(mut listener) => loop {
                        match listener.recv().await {
                            Ok(n) => match serde_json::from_str::<Addressed>(n.payload()) {
                                Ok(event) => {
                                    let _ = out.send(event);
                                }
                                Err(err) => {
                                    tracing::warn!(%err, "unreadable learning notification")
                                }
                            },
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
    pub fn stream(
        &self,
        tenant_id: Uuid,
        user_id: Uuid,
    ) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
        let receiver = self.sender.subscribe();
        let events = futures_util::stream::unfold(receiver, move |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(a) if a.tenant_id == tenant_id && a.user_id == user_id => {
                        let kind = match a.event {
                            StreamEvent::Progress { .. } => "progress",
                            StreamEvent::Session { .. } => "session",
                        };
                        let data = serde_json::to_string(&a.event).unwrap_or_default();
                        return Some((Ok(Event::default().event(kind).data(data)), receiver));
                    }
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
    }
}
