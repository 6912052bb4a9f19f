//! The learning engine (Z-II.2–II.5, Z-II.7, Z-III.5, Z-IV.1, Z-IV.6, T-7.2.6c): play sessions,
//! heartbeats and their decisions, study hours, the progress stream, human verification and risk
//! events. Paths and rules in `docs/learning-api.md`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalog::CoursewareKind;
use crate::face::FaceCheckDue;
use crate::wire_enum;

wire_enum! {
    /// Why a heartbeat was, or was not, credited. Every heartbeat's decision is kept.
    pub enum Decision {
        Credited = ("credited", "已计入学时", "Credited"),
        Paused = ("paused", "已暂停", "Paused"),
        Hidden = ("hidden", "页面不可见，暂停计时", "Page hidden: not counted"),
        Unfocused = ("unfocused", "窗口未在前台，暂停计时", "Window not focused: not counted"),
        Rate = ("rate", "仅按正常倍速计时", "Only normal speed counts"),
        SeekAhead = ("seek_ahead", "不能跳过未学内容", "Skipping ahead is not counted"),
        BeyondEnd = ("beyond_end", "播放位置超出课件长度", "Position beyond the end"),
        Repeat = ("repeat", "重复学习不重复计时", "Repeated study is not counted again"),
        Rewind = ("rewind", "已回退", "Rewound"),
        Stalled = ("stalled", "播放未前进", "Playback did not advance"),
        CapReached = ("cap_reached", "今日学时已达上限", "Today's study-hour cap is reached"),
        Gap = ("gap", "心跳间隔过长，本段不计", "Too long since the last heartbeat"),
        Stale = ("stale", "心跳顺序或凭证无效", "Out-of-order or replayed heartbeat"),
        SessionReplaced = ("session_replaced", "已在其他页面或设备开始学习", "Studying started elsewhere"),
        SessionClosed = ("session_closed", "学习已结束", "The play session is closed"),
        VerificationPending = ("verification_pending", "请先完成验证", "Answer the verification first"),
        /// A face check is due (the face issue plugs into the same hook as human verification).
        FaceCheckPending = ("face_check_pending", "请先完成人脸核验", "Pass the face check first"),
        RiskHold = ("risk_hold", "检测到异常，暂停计时", "Suspicious activity: not counted"),
        Complete = ("complete", "该课件已学完", "This courseware is complete"),
    }
}

/// `POST /api/v1/learning/sessions`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OpenSessionRequest {
    pub courseware_id: Uuid,
    pub device_id: String,
}

/// An open play session: where to start, how often to beat, and the first token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlaySession {
    pub session_id: Uuid,
    pub courseware_id: Uuid,
    pub course_id: Uuid,
    pub kind: CoursewareKind,
    pub title: String,
    pub media_id: Option<Uuid>,
    /// A link courseware's address.
    pub url: Option<String>,
    /// The video's length, or a document's minimum study time.
    pub duration_seconds: f64,
    /// Where the player starts: the last position, never past the furthest credited point.
    pub resume_position: f64,
    /// The player may not move past this (+ the heartbeat tolerance).
    pub furthest_position: f64,
    pub credited_seconds: f64,
    pub complete: bool,
    pub heartbeat_interval_seconds: u32,
    pub heartbeat_token: String,
    pub today_credited_seconds: f64,
    pub today_remaining_seconds: f64,
    /// 学时 — minutes in one study hour, for showing credited time as study hours.
    pub study_hour_minutes: u32,
    /// A face check is due before anything is credited (tenant policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_check: Option<FaceCheckDue>,
}

/// What the page tells the server about itself besides the media state (anti-cheating).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ClientSignals {
    /// `navigator.webdriver`, or a non-native getter of it.
    pub webdriver: bool,
    /// Headless fingerprints (HeadlessChrome user agent, zero outer size, software renderer).
    pub headless: bool,
    /// `playbackRate` or `currentTime` set by something other than the player.
    pub rate_tampered: bool,
    /// `performance.now()` and the media clock disagree with wall time.
    pub time_tampered: bool,
    /// Media events that cannot follow each other (progress without segment loads).
    pub media_inconsistent: bool,
    /// Developer tools or automation hints.
    pub devtools: bool,
    /// Other tabs of this learner open on the same device (BroadcastChannel).
    pub other_tabs: u32,
}

/// `POST /api/v1/learning/sessions/{session_id}/heartbeats`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Heartbeat {
    /// 1 for the first heartbeat of a session, then one more each time.
    pub seq: u64,
    /// Seconds into the video (a document: seconds of reading the page counted).
    pub position: f64,
    pub playing: bool,
    pub visible: bool,
    pub focused: bool,
    pub rate: f64,
    /// The device's clock (ms since the epoch); the server's clock decides, this is evidence.
    pub client_time: i64,
    /// The `next_token` of the previous answer (the session's token for the first heartbeat).
    pub token: String,
    #[serde(default)]
    pub signals: ClientSignals,
}

/// A human-verification challenge (T-7.2.6c): answer it before `expires_at`, else crediting
/// stops until it is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Challenge {
    pub id: Uuid,
    pub prompt_zh: String,
    pub prompt_en: String,
    pub choices: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HeartbeatAnswer {
    pub decision: Decision,
    /// Credited by this heartbeat.
    pub credited_seconds: f64,
    /// This learner's credited time on the courseware, and where the credited part ends.
    pub courseware_credited_seconds: f64,
    pub furthest_position: f64,
    pub complete: bool,
    pub today_credited_seconds: f64,
    pub today_remaining_seconds: f64,
    /// Send it with the next heartbeat.
    pub next_token: String,
    /// An open human-verification challenge.
    pub challenge: Option<Challenge>,
    /// A face check is due: nothing is credited until one passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_check: Option<FaceCheckDue>,
}

/// `POST /api/v1/learning/sessions/{session_id}/close` (also by `navigator.sendBeacon`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CloseSession {
    pub token: String,
}

/// `POST /api/v1/learning/sessions/{session_id}/challenges/{challenge_id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChallengeAnswer {
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ChallengeResult {
    pub passed: bool,
    /// A new challenge after a wrong answer.
    pub next: Option<Challenge>,
}

/// An event of `GET /api/v1/me/progress/stream` (Server-Sent Events, JSON data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamEvent {
    /// A courseware's progress changed (on any of the learner's devices).
    Progress {
        courseware_id: Uuid,
        lineage_id: Uuid,
        credited_seconds: f64,
        resume_position: f64,
        complete: bool,
        today_credited_seconds: f64,
    },
    /// The play session ended: replaced by another, or closed.
    Session { session_id: Uuid, reason: Decision },
}

/// A span of study time as seconds and as study hours with the remainder in minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StudyTime {
    pub seconds: i64,
    /// 学时
    pub study_hours: i64,
    /// Whole minutes left over after the study hours.
    pub minutes: i64,
}

impl StudyTime {
    /// `seconds` with study hours of `study_hour_minutes` minutes.
    pub fn of(seconds: i64, study_hour_minutes: u32) -> StudyTime {
        let minutes = seconds.max(0) / 60;
        let per_hour = i64::from(study_hour_minutes.max(1));
        StudyTime {
            seconds,
            study_hours: minutes / per_hour,
            minutes: minutes % per_hour,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DayStudy {
    pub day: NaiveDate,
    pub time: StudyTime,
}

/// Study time of one course, task or class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NamedStudy {
    pub id: Uuid,
    pub name: String,
    pub time: StudyTime,
}

/// `GET /api/v1/me/study-hours`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StudyHours {
    pub study_hour_minutes: u32,
    pub daily_cap_seconds: i64,
    pub total: StudyTime,
    pub today: StudyTime,
    /// The last 30 days with study, newest first.
    pub days: Vec<DayStudy>,
    pub courses: Vec<NamedStudy>,
    pub tasks: Vec<NamedStudy>,
    pub classes: Vec<NamedStudy>,
}

wire_enum! {
    pub enum RiskKind {
        Webdriver = ("webdriver", "自动化浏览器", "Automated browser"),
        Headless = ("headless", "无界面浏览器", "Headless browser"),
        RateTampered = ("rate_tampered", "篡改播放速度或进度", "Playback rate or time tampered"),
        TimeTampered = ("time_tampered", "篡改页面时钟", "Page clock tampered"),
        MediaInconsistent = ("media_inconsistent", "媒体事件异常", "Inconsistent media events"),
        Devtools = ("devtools", "开发者工具或脚本", "Developer tools or scripts"),
        SeveralTabs = ("several_tabs", "多个标签页同时学习", "Several tabs studying"),
        RoboticTiming = ("robotic_timing", "心跳节奏过于规律", "Robotically regular heartbeats"),
        ImpossiblePosition = ("impossible_position", "不可能的播放位置", "Impossible position"),
        ParallelSession = ("parallel_session", "多处同时学习", "Parallel study attempts"),
        SharedIp = ("shared_ip", "同一 IP 多个账号学习", "Many accounts from one IP"),
        SharedDevice = ("shared_device", "同一设备多个账号学习", "Several accounts on one device"),
        RoundTheClock = ("round_the_clock", "全天候学习", "Studying around the clock"),
        FaceMismatch = ("face_mismatch", "人脸与本人不符", "Face of another person"),
        SeveralFaces = ("several_faces", "多人同时出现在画面中", "Several people in the frame"),
        RepeatedFrame = ("repeated_frame", "重复提交相同画面", "The same frame sent again"),
        VirtualCamera = ("virtual_camera", "虚拟摄像头", "Virtual camera"),
        FaceAbsent = ("face_absent", "人脸核验未通过", "No clear face at the check"),
    }
}

wire_enum! {
    pub enum RiskLevel {
        Low = ("low", "低", "Low"),
        Medium = ("medium", "中", "Medium"),
        /// Stops crediting for the play session until cleared.
        High = ("high", "高", "High"),
    }
}

wire_enum! {
    pub enum RiskStatus {
        Open = ("open", "待处理", "Open"),
        Cleared = ("cleared", "已排除", "Cleared"),
        /// Confirmed cheating: the session's credited time is voided.
        Confirmed = ("confirmed", "已确认", "Confirmed"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RiskEvent {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user_name: String,
    pub play_session_id: Option<Uuid>,
    pub kind: RiskKind,
    pub level: RiskLevel,
    pub status: RiskStatus,
    /// What was observed, as labelled values.
    pub evidence: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: String,
    /// Credited time voided when confirmed.
    pub voided_seconds: f64,
}

/// `GET /api/v1/risk-events?status=&kind=&level=&user_id=&from=&to=&page=&per_page=`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
pub struct RiskQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RiskStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RiskKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<RiskLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
}

/// A play session as the regulator sees it (Z-IV.6: study start and end, IP, device).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PlaySessionRecord {
    pub id: Uuid,
    pub user_id: Uuid,
    pub courseware_id: Uuid,
    pub courseware_title: String,
    pub device_id: String,
    pub ip: String,
    pub user_agent: String,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_reason: Option<Decision>,
    pub credited_seconds: f64,
    pub heartbeats: i64,
}

/// One heartbeat and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HeartbeatRecord {
    pub seq: i64,
    pub received_at: DateTime<Utc>,
    pub position: f64,
    pub playing: bool,
    pub visible: bool,
    pub focused: bool,
    pub rate: f64,
    pub decision: Decision,
    pub credited_seconds: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn study_time_is_study_hours_and_remaining_minutes() {
        let t = StudyTime::of(100 * 60 + 30, 45);
        assert_eq!((t.study_hours, t.minutes), (2, 10));
        assert_eq!(StudyTime::of(59, 45).minutes, 0);
        assert_eq!(StudyTime::of(-5, 45).study_hours, 0);
    }
}
