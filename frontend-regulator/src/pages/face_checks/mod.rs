//! `/regulator/face-checks`: 人脸核验记录 (T-7.2.6c/d, Z-II.3) — the face checks that failed (or,
//! unticking `#filter-failed-only`, every one), by outcome (`#filter-outcome`). Each row
//! (`.face-check-row`, `data-outcome`) is evidence: the snapshot, outcome, similarity, the
//! camera's label, when, and the learner with a link to their study records.

mod columns;

use frontend_kit::components::{DEFAULT_PER_PAGE, RowClass, RowData};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::face::{FaceCheckQuery, FaceCheckRecord, FaceOutcome};
use yew::prelude::*;

pub(crate) use columns::face_check_columns;

pub const TITLE: Text = Text::new("人脸核验记录", "Face checks");
const OUTCOME: Text = Text::new("结果", "Outcome");
const FAILED_ONLY: Text = Text::new("只看未通过", "Failed only");

/// `.face-check-row` with its outcome, for every face-check list.
#[hook]
pub(crate) fn use_face_rows() -> (RowClass<FaceCheckRecord>, RowData<FaceCheckRecord>) {
    let class = use_memo((), |_| {
        RowClass::new(|_: &FaceCheckRecord| Some("face-check-row"))
    });
    let data = use_memo((), |_| {
        RowData::new(|r: &FaceCheckRecord| {
            vec![
                ("data-outcome", r.outcome.code().to_owned()),
                ("data-id", r.check_id.to_string()),
            ]
        })
    });
    ((*class).clone(), (*data).clone())
}

#[component]
pub fn FaceChecks() -> Html {
    let i18n = use_i18n();
    let outcome = use_state(String::new);
    let failed_only = use_state_eq(|| true);
    let PagedList { query, remote } = use_paged(
        FaceCheckQuery {
            failed_only: true,
            per_page: Some(DEFAULT_PER_PAGE),
            ..FaceCheckQuery::default()
        },
        |q| async move { frontend_kit::api::face_checks(&q).await },
    );
    let search = {
        let (outcome, failed_only, query) = (outcome.clone(), failed_only.clone(), query.clone());
        Callback::from(move |()| {
            query.set(FaceCheckQuery {
                outcome: FaceOutcome::from_code(&outcome),
                failed_only: *failed_only,
                page: Some(1),
                per_page: query.per_page,
                ..FaceCheckQuery::default()
            })
        })
    };
    let set_failed_only = {
        let failed_only = failed_only.clone();
        Callback::from(move |on: bool| failed_only.set(on))
    };
    let (row_class, row_data) = use_face_rows();
    html! {
        <>
            <PageTitle title={TITLE} />
            <FilterBar onsearch={search}>
                <SelectField id="filter-outcome" label={i18n.t(&OUTCOME)} value={(*outcome).clone()}
                    options={choices(&i18n, FaceOutcome::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&outcome)} />
                <CheckField id="filter-failed-only" label={i18n.t(&FAILED_ONLY)} checked={*failed_only} onchange={set_failed_only} />
            </FilterBar>
            <PagedTable<FaceCheckRecord> id="face-checks" caption={i18n.t(&TITLE)} columns={face_check_columns(&i18n, true)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()}
                onpage={turn_page(&query)} {row_class} {row_data} />
        </>
    }
}
