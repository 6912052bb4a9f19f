//! The columns of a face-check list, shared by the failure list and a learner's study records:
//! when, who (with their study records), what was studied, the outcome, the similarity score,
//! the camera's label, and the snapshot.

use frontend_kit::components::face::{score_text, thumbnail};
use frontend_kit::components::{format_time, or_dash};
use frontend_kit::prelude::*;
use shared_types::face::FaceCheckRecord;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

const TIME: Text = Text::new("核验时间", "Checked");
const LEARNER: Text = Text::new("学员账号", "Learner");
const RECORDS: Text = Text::new("学习记录", "Study records");
const WHAT: Text = Text::new("场景", "During");
const OUTCOME: Text = Text::new("结果", "Outcome");
const SCORE: Text = Text::new("相似度", "Similarity");
const CAMERA: Text = Text::new("摄像头", "Camera");
const SNAPSHOT: Text = Text::new("抓拍", "Snapshot");
const NO_SNAPSHOT: Text = Text::new("无抓拍", "No snapshot");

fn snapshot_cell(i18n: &I18n, r: &FaceCheckRecord) -> Html {
    match &r.snapshot_url {
        Some(url) => thumbnail(url, &format_time(&r.checked_at), "face-snapshot"),
        None => html! { <span class="zp-muted">{ i18n.t(&NO_SNAPSHOT) }</span> },
    }
}

/// With `learner`, a column naming the learner (the failure list covers everyone).
pub(crate) fn face_check_columns(i18n: &I18n, learner: bool) -> Vec<Column<FaceCheckRecord>> {
    let (i1, i2, i3, i4) = (i18n.clone(), i18n.clone(), i18n.clone(), i18n.clone());
    let mut columns = vec![Column::new(i18n.t(&TIME), |r: &FaceCheckRecord| {
        html! { format_time(&r.checked_at) }
    })];
    if learner {
        columns.push(Column::new(i18n.t(&LEARNER), move |r: &FaceCheckRecord| {
            html! {
                <div>
                    <code>{ &r.account }</code><br />
                    <Link<Route> to={Route::StudyRecords { user_id: r.user_id }} class="face-learner-records">{ i1.t(&RECORDS) }</Link<Route>>
                </div>
            }
        }));
    }
    columns.extend([
        Column::new(i18n.t(&WHAT), move |r: &FaceCheckRecord| {
            html! {
                <div>
                    { i2.t(&r.purpose.text()) }
                    if let Some(title) = &r.courseware_title {
                        <br /><span class="zp-muted">{ title }</span>
                    }
                </div>
            }
        }),
        Column::new(i18n.t(&OUTCOME), move |r: &FaceCheckRecord| {
            html! { <span class="face-outcome">{ status_label(&i3, r.outcome) }</span> }
        }),
        Column::new(i18n.t(&SCORE), |r: &FaceCheckRecord| {
            html! { <span class="face-score">{ or_dash(score_text(r.score)) }</span> }
        }),
        Column::new(i18n.t(&CAMERA), |r: &FaceCheckRecord| {
            html! { <span class="zp-break face-camera">{ or_dash(r.camera_label.clone()) }</span> }
        }),
        Column::new(i18n.t(&SNAPSHOT), move |r: &FaceCheckRecord| {
            snapshot_cell(&i4, r)
        }),
    ]);
    columns
}
