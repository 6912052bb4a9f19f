//! `/regulator/qualifications`: 资质审核 (T-7.2.7g) — two tabs: the applications (by default those
//! pending), filtered by status and training type, each reviewed (`#review-qualification-<id>`,
//! the kit's review dialog) or, once approved, revoked with a reason
//! (`#revoke-qualification-<id>`); and the history of every review step.

mod history;

use frontend_kit::components::orgs::qualification_columns;
use frontend_kit::components::{dialog_done, open_button};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::orgs::{Qualification, QualificationQuery, ReviewRequest, ReviewStatus};
use yew::prelude::*;

use history::History;

use crate::pages::{REVIEW_DESK, use_has_role};

pub const TITLE: Text = Text::new("资质审核", "Qualifications");
const SECTIONS: Text = Text::new("资质", "Qualifications");
const QUEUE: Text = Text::new("资质申请", "Applications");
const HISTORY: Text = Text::new("审核记录", "Review history");
const STATUS: Text = Text::new("状态", "Status");
pub(crate) const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const REVIEW: Text = Text::new("审核", "Review");
const REVIEW_TITLE: Text = Text::new("审核资质：{0} · {1}", "Review: {0} · {1}");
const REVOKE: Text = Text::new("撤销", "Revoke");
const REVOKE_TITLE: Text = Text::new("撤销资质", "Revoke the qualification");
const REVOKE_BODY: Text = Text::new(
    "撤销“{0}”的“{1}”资质？撤销后该机构不能再以此类型开班。",
    "Revoke {0}'s qualification for {1}? It can no longer open classes of this type.",
);
const REASON: Text = Text::new("撤销原因", "Reason");
const DONE: Text = Text::new("操作成功", "Done");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Review(Qualification),
    Revoke(Qualification),
}

#[component]
pub fn Qualifications() -> Html {
    let tab = use_state_eq(|| "queue");
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |key: &'static str| tab.set(key))
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <Tabs label={SECTIONS} tabs={vec![("queue", QUEUE), ("history", HISTORY)]} selected={*tab} {onselect} />
            if *tab == "history" { <History /> } else { <Queue /> }
        </>
    }
}

#[component]
fn Queue() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let status = use_state(|| ReviewStatus::Pending.code().to_owned());
    let training_type = use_state(String::new);
    let PagedList { query, remote } = use_paged(
        QualificationQuery {
            status: Some(ReviewStatus::Pending),
            ..Default::default()
        },
        |q| async move { frontend_kit::api::list_qualifications(&q).await },
    );
    let open = use_state(|| Open::None);
    let on_done = dialog_done(&open, Open::None, &toaster, i18n.t(&DONE), &remote.reload);
    let search = {
        let (status, training_type, query) = (status.clone(), training_type.clone(), query.clone());
        Callback::from(move |()| {
            query.set(QualificationQuery {
                status: ReviewStatus::from_code(&status),
                training_type: TrainingType::from_code(&training_type),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = turn_page(&query);
    let mut columns = qualification_columns(&i18n, true);
    if desk {
        let (i, open) = (i18n.clone(), open.clone());
        columns.push(Column::new(
            i18n.t(&texts::ACTIONS),
            move |q: &Qualification| {
                let button =
                    |id: String, label: &Text, next: Open| open_button(&open, id, i.t(label), next);
                match q.status {
                    ReviewStatus::Pending => button(
                        format!("review-qualification-{}", q.id),
                        &REVIEW,
                        Open::Review(q.clone()),
                    ),
                    ReviewStatus::Approved => button(
                        format!("revoke-qualification-{}", q.id),
                        &REVOKE,
                        Open::Revoke(q.clone()),
                    ),
                    _ => html! {},
                }
            },
        ));
    }
    html! {
        <>
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, ReviewStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                <SelectField id="filter-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, Some(&texts::ALL))} onchange={bind(&training_type)} />
            </FilterBar>
            <PagedTable<Qualification> id="qualifications-table" caption={i18n.t(&QUEUE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Review(q) => {
                    let id = q.id;
                    html! {
                        <ReviewDialog title={i18n.fmt(&REVIEW_TITLE, &[&q.institution.name, i18n.t(&q.training_type.text())])}
                            job={Job::new(move |req: ReviewRequest| async move { frontend_kit::api::review_qualification(id, &req).await })}
                            on_done={on_done.clone()}>
                            if !q.note.is_empty() {
                                <p class="zp-prewrap">{ &q.note }</p>
                            }
                        </ReviewDialog>
                    }
                }
                Open::Revoke(q) => {
                    let id = q.id;
                    html! {
                        <ConfirmDialog id="revoke-qualification-dialog" title={i18n.t(&REVOKE_TITLE)}
                            body={i18n.fmt(&REVOKE_BODY, &[&q.institution.name, i18n.t(&q.training_type.text())])}
                            confirm={i18n.t(&REVOKE)} danger=true reason={AttrValue::from(i18n.t(&REASON))}
                            job={Job::new(move |reason: String| frontend_kit::api::revoke_qualification(id, reason))}
                            on_done={on_done.clone()} />
                    }
                }
            } }
        </>
    }
}
