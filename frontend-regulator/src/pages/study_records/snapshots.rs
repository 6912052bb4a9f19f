//! A learner's study snapshots (学习抓拍) on their study-records page: every face check of the
//! learner, passed or not, newest first (`#learner-face-checks`, rows `.face-check-row`).

use frontend_kit::components::DEFAULT_PER_PAGE;
use frontend_kit::prelude::*;
use shared_types::face::{FaceCheckQuery, FaceCheckRecord};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::face_checks::{face_check_columns, use_face_rows};

const TITLE: Text = Text::new("学习抓拍", "Study snapshots");

#[derive(Properties, PartialEq)]
pub struct LearnerSnapshotsProps {
    pub user_id: Uuid,
}

#[component]
pub fn LearnerSnapshots(props: &LearnerSnapshotsProps) -> Html {
    let i18n = use_i18n();
    let PagedList { query, remote } = use_paged(
        FaceCheckQuery {
            user_id: Some(props.user_id),
            failed_only: false,
            per_page: Some(DEFAULT_PER_PAGE),
            ..FaceCheckQuery::default()
        },
        |q| async move { frontend_kit::api::face_checks(&q).await },
    );
    let (row_class, row_data) = use_face_rows();
    html! {
        <section class="zp-section" aria-labelledby="learner-face-checks-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="learner-face-checks-title">{ i18n.t(&TITLE) }</h2>
            <PagedTable<FaceCheckRecord> id="learner-face-checks" caption={i18n.t(&TITLE)} columns={face_check_columns(&i18n, false)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()}
                onpage={turn_page(&query)} {row_class} {row_data} />
        </section>
    }
}
