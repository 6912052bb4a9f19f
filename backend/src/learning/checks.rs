//! 人工验证 — at random moments of a play session (tenant policy) the learner is asked a small
//! question (T-7.2.6c "human verification"); answered in time, study goes on; not answered, the
//! heartbeats credit nothing (`verification_pending`) until it is. A wrong answer gets a new
//! question. Face checks (a later issue) plug into the same moment.

use chrono::{DateTime, Utc};
use rand::Rng;
use rand::seq::SliceRandom;
use shared_types::learning::{Challenge, ChallengeResult};
use sqlx::PgConnection;
use uuid::Uuid;

use super::beat_store::{self, NewChallenge};
use super::sessions;
use crate::error::AppError;
use crate::identity::Principal;

/// A new question and its answer: which of four numbers is the sum of two digits.
pub fn new_challenge(now_ms: i64, answer_seconds: u32) -> (Challenge, String) {
    let mut rng = rand::thread_rng();
    let (a, b) = (rng.gen_range(1..=9), rng.gen_range(1..=9));
    let sum: i32 = a + b;
    let mut choices = vec![sum];
    while choices.len() < 4 {
        let other = sum + rng.gen_range(-5..=5);
        if other > 0 && !choices.contains(&other) {
            choices.push(other);
        }
    }
    choices.shuffle(&mut rng);
    let expires_at =
        DateTime::<Utc>::from_timestamp_millis(now_ms + i64::from(answer_seconds) * 1000)
            .unwrap_or_default();
    let challenge = Challenge {
        id: Uuid::new_v4(),
        prompt_zh: format!("学习验证：请选择 {a} + {b} 的结果"),
        prompt_en: format!("Study check: pick the result of {a} + {b}"),
        choices: choices.iter().map(i32::to_string).collect(),
        expires_at,
    };
    (challenge, sum.to_string())
}

/// Answers a challenge of the learner's open play session.
pub async fn answer(
    conn: &mut PgConnection,
    p: &Principal,
    session_id: Uuid,
    challenge_id: Uuid,
    given: &str,
) -> Result<ChallengeResult, AppError> {
    let found: Option<String> = sqlx::query_scalar(
        "select c.answer from study_challenges c join play_sessions s on s.play_session_id = c.play_session_id
         where c.tenant_id = $1 and c.challenge_id = $2 and c.play_session_id = $3 and c.user_id = $4
           and c.answered_at is null and s.closed_at is null
         for update of c",
    )
    .bind(p.tenant.id)
    .bind(challenge_id)
    .bind(session_id)
    .bind(p.user_id)
    .fetch_optional(&mut *conn)
    .await?;
    let expected = found.ok_or_else(|| AppError::not_found("验证题", "Challenge"))?;
    let passed = given.trim() == expected;
    sqlx::query(
        "update study_challenges set answered_at = now(), passed = $2 where challenge_id = $1",
    )
    .bind(challenge_id)
    .bind(passed)
    .execute(&mut *conn)
    .await?;
    let (settings, _, now_ms) = sessions::clock(conn, p.tenant.id).await?;
    if passed {
        sqlx::query("update play_sessions set next_check_at = $2 where play_session_id = $1")
            .bind(session_id)
            .bind(sessions::next_check(&settings, now_ms).map(sessions::ms_to_time))
            .execute(conn)
            .await?;
        return Ok(ChallengeResult { passed, next: None });
    }
    let (challenge, answer) = new_challenge(now_ms, settings.human_check.answer_seconds);
    let next = NewChallenge {
        session: session_id,
        user: p.user_id,
        challenge: challenge.clone(),
        answer,
    };
    beat_store::insert_challenges(conn, p.tenant.id, &[next]).await?;
    Ok(ChallengeResult {
        passed,
        next: Some(challenge),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_offers_its_answer_among_four_different_choices() {
        for _ in 0..50 {
            let (c, answer) = new_challenge(0, 60);
            assert_eq!(c.choices.len(), 4);
            assert!(c.choices.contains(&answer));
            let mut unique = c.choices.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 4);
            assert_eq!(c.expires_at.timestamp(), 60);
        }
    }
}
