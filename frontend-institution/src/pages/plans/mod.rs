//! `/institution/plans`: 培训计划 (Z-II.9) — what the institution means to train in a period and
//! how far it has got: each plan (`.zp-plan`, `#plan-<id>`) with progress bars of trainees
//! enrolled and completed against its target, and per item (a class, or a course's seats) the
//! same; create (`#new-plan`), edit (`#edit-plan-<id>`) and delete (`#delete-plan-<id>`).

mod dialog;

use std::rc::Rc;

use frontend_kit::components::primary_button;
use frontend_kit::components::{ProgressBar, dialog_done};
use frontend_kit::dates::date_range;
use frontend_kit::format::percent;
use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::training::{Plan, PlanItem};
use yew::prelude::*;

use dialog::PlanDialog;

use crate::pages::certification::CertificationGate;

pub const TITLE: Text = Text::new("培训计划", "Training plans");
const NEW: Text = Text::new("新建计划", "New plan");
const EDIT: Text = Text::new("编辑", "Edit");
const DELETE: Text = Text::new("删除", "Delete");
const DELETE_TITLE: Text = Text::new("删除培训计划", "Delete the plan");
const DELETE_BODY: Text = Text::new("确定删除培训计划“{0}”吗？", "Delete the plan “{0}”?");
const SAVED: Text = Text::new("培训计划已保存", "Plan saved");
const DELETED: Text = Text::new("培训计划已删除", "Plan deleted");
const GATED: Text = Text::new("制定培训计划", "make training plans");
const EMPTY: Text = Text::new("尚无培训计划", "No plans yet");
const ENROLLED: Text = Text::new("已报名", "Enrolled");
const COMPLETED: Text = Text::new("已完成", "Completed");
const OF_TARGET: Text = Text::new("{0} / 目标 {1} 人", "{0} of {1} targeted");
const ITEMS: Text = Text::new("计划明细", "Items");
const ITEM: Text = Text::new("班级 / 课程", "Class / course");
const KIND: Text = Text::new("类型", "Kind");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(Plan),
    Delete(Plan),
}

fn bar(i18n: &I18n, id: String, caption: &Text, done: i64, target: i64) -> Html {
    html! {
        <ProgressBar {id} caption={i18n.t(caption)} percent={percent(done, target)}
            detail={AttrValue::from(i18n.fmt(&OF_TARGET, &[&done.to_string(), &target.to_string()]))} />
    }
}

#[component]
pub fn Plans() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let remote = use_remote((), |()| frontend_kit::api::list_plans());
    let open = use_state(|| Open::None);
    let opener = |next: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(next.clone()))
    };
    let saved = dialog_done(&open, Open::None, &toaster, i18n.t(&SAVED), &remote.reload);
    let deleted = dialog_done(
        &open,
        Open::None,
        &toaster,
        i18n.t(&DELETED),
        &remote.reload,
    );
    let plans: Rc<Vec<Plan>> = remote.data.clone().unwrap_or_default();
    let (i1, i2) = (i18n.clone(), i18n.clone());
    let item_columns = vec![
        Column::new(i18n.t(&ITEM), |it: &PlanItem| html! { &it.label }),
        Column::new(
            i18n.t(&KIND),
            move |it: &PlanItem| html! { i1.t(&it.kind.text()) },
        ),
        Column::new(i18n.t(&ENROLLED), move |it: &PlanItem| {
            bar(
                &i2,
                format!("plan-item-{}-enrolled", it.ref_id),
                &ENROLLED,
                it.enrolled,
                i64::from(it.target_trainees),
            )
        }),
        Column::new(i18n.t(&COMPLETED), |it: &PlanItem| {
            html! { format!("{} / {}", it.completed, it.target_trainees) }
        }),
    ];
    html! {
        <>
            <PageTitle title={TITLE}>
                { primary_button("new-plan", "fa-plus", i18n.t(&NEW), opener(Open::Create)) }
            </PageTitle>
            <CertificationGate what={GATED} />
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            if !remote.loading && plans.is_empty() {
                <p class="zp-muted">{ i18n.t(&EMPTY) }</p>
            }
            { for plans.iter().map(|p| html! {
                <div class="zp-plan">
                    <SectionCard id={format!("plan-{}", p.id)} title={format!("{}（{}）", p.name, date_range(p.starts_on, p.ends_on))}>
                        <div class="zp-row-actions">
                            <button type="button" class="pf-v6-c-button pf-m-secondary pf-m-small" id={format!("edit-plan-{}", p.id)}
                                onclick={opener(Open::Edit(p.clone()))}>
                                <span class="pf-v6-c-button__text">{ i18n.t(&EDIT) }</span>
                            </button>
                            <button type="button" class="pf-v6-c-button pf-m-link pf-m-small" id={format!("delete-plan-{}", p.id)}
                                onclick={opener(Open::Delete(p.clone()))}>
                                <span class="pf-v6-c-button__text">{ i18n.t(&DELETE) }</span>
                            </button>
                        </div>
                        if !p.notes.is_empty() {
                            <p class="zp-prewrap zp-muted">{ &p.notes }</p>
                        }
                        <div class="zp-progress-list">
                            { bar(&i18n, format!("plan-{}-enrolled", p.id), &ENROLLED, p.enrolled, i64::from(p.target_trainees)) }
                            { bar(&i18n, format!("plan-{}-completed", p.id), &COMPLETED, p.completed, i64::from(p.target_trainees)) }
                        </div>
                        if !p.items.is_empty() {
                            <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&ITEMS) }</h3>
                            <DataTable<PlanItem> id={format!("plan-{}-items", p.id)} caption={i18n.t(&ITEMS)}
                                columns={item_columns.clone()} rows={Rc::new(p.items.clone())} />
                        }
                    </SectionCard>
                </div>
            }) }
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <PlanDialog plan={None::<Plan>} on_done={saved} /> },
                Open::Edit(p) => html! { <PlanDialog plan={Some(p.clone())} on_done={saved} /> },
                Open::Delete(p) => {
                    let id = p.id;
                    html! {
                        <ConfirmDialog id="delete-plan-dialog" title={i18n.t(&DELETE_TITLE)} body={i18n.fmt(&DELETE_BODY, &[&p.name])}
                            confirm={i18n.t(&DELETE)} danger=true job={Job::new(move |_: String| frontend_kit::api::delete_plan(id))}
                            on_done={deleted} />
                    }
                }
            } }
        </>
    }
}
