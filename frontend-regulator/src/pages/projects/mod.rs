//! `/regulator/projects`: 培训项目 (T-7.2.5d, T-7.2.7h) — the region's training projects with their
//! period and policy, filtered by status, training type and name; the review desk creates
//! (`#new-project`), edits (`#edit-project-<id>`), closes (`#close-project-<id>`: no new classes)
//! and reopens (`#reopen-project-<id>`) them.

mod dialog;
mod policy;

use frontend_kit::components::primary_button;
use frontend_kit::components::training::project_columns;
use frontend_kit::components::{dialog_done, open_button};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::training::{Project, ProjectQuery, ProjectStatus};
use yew::prelude::*;

use dialog::ProjectDialog;

use crate::pages::{REVIEW_DESK, use_has_role};

pub const TITLE: Text = Text::new("培训项目", "Training projects");
const NEW: Text = Text::new("新建项目", "New project");
const STATUS: Text = Text::new("状态", "Status");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const KEYWORD: Text = Text::new("项目名称", "Project name");
const EDIT: Text = Text::new("编辑", "Edit");
const CLOSE: Text = Text::new("结束项目", "Close");
const CLOSE_BODY: Text = Text::new(
    "结束项目“{0}”？结束后机构不能再申请开班，已开班级照常进行。",
    "Close “{0}”? Institutions can no longer apply for classes; existing ones go on.",
);
const REOPEN: Text = Text::new("重新开放", "Reopen");
const REOPEN_BODY: Text = Text::new(
    "重新开放项目“{0}”，机构可再次申请开班？",
    "Reopen “{0}” for class applications?",
);
const SAVED: Text = Text::new("项目已保存", "Project saved");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(Project),
    Close(Project),
    Reopen(Project),
}

#[component]
pub fn Projects() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let status = use_state(String::new);
    let training_type = use_state(String::new);
    let keyword = use_state(String::new);
    let PagedList { query, remote } = use_paged(ProjectQuery::default(), |q| async move {
        frontend_kit::api::list_projects(&q).await
    });
    let open = use_state(|| Open::None);
    let on_done = dialog_done(&open, Open::None, &toaster, i18n.t(&SAVED), &remote.reload);
    let search = {
        let (status, training_type, keyword, query) = (
            status.clone(),
            training_type.clone(),
            keyword.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            query.set(ProjectQuery {
                status: ProjectStatus::from_code(&status),
                training_type: TrainingType::from_code(&training_type),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = turn_page(&query);
    let mut columns = project_columns(&i18n);
    if desk {
        let (i, open) = (i18n.clone(), open.clone());
        columns.push(Column::new(i18n.t(&texts::ACTIONS), move |p: &Project| {
            let button = |id: String, label: &Text, next: Open| open_button(&open, id, i.t(label), next);
            html! {
                <span class="zp-row-actions">
                    { button(format!("edit-project-{}", p.id), &EDIT, Open::Edit(p.clone())) }
                    if p.status == ProjectStatus::Open {
                        { button(format!("close-project-{}", p.id), &CLOSE, Open::Close(p.clone())) }
                    } else {
                        { button(format!("reopen-project-{}", p.id), &REOPEN, Open::Reopen(p.clone())) }
                    }
                </span>
            }
        }));
    }
    let create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };
    html! {
        <>
            <PageTitle title={TITLE}>
                if desk {
                    { primary_button("new-project", "fa-plus", i18n.t(&NEW), create) }
                }
            </PageTitle>
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, ProjectStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                <SelectField id="filter-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, Some(&texts::ALL))} onchange={bind(&training_type)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)} />
            </FilterBar>
            <PagedTable<Project> id="projects-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <ProjectDialog project={None::<Project>} {on_done} /> },
                Open::Edit(p) => html! { <ProjectDialog project={Some(p.clone())} {on_done} /> },
                Open::Close(p) => {
                    let id = p.id;
                    html! {
                        <ConfirmDialog id="close-project-dialog" title={i18n.t(&CLOSE)} body={i18n.fmt(&CLOSE_BODY, &[&p.name])}
                            confirm={i18n.t(&CLOSE)} danger=true {on_done}
                            job={Job::new(move |_: String| frontend_kit::api::close_project(id))} />
                    }
                }
                Open::Reopen(p) => {
                    let id = p.id;
                    html! {
                        <ConfirmDialog id="reopen-project-dialog" title={i18n.t(&REOPEN)} body={i18n.fmt(&REOPEN_BODY, &[&p.name])}
                            confirm={i18n.t(&REOPEN)} {on_done}
                            job={Job::new(move |_: String| frontend_kit::api::reopen_project(id))} />
                    }
                }
            } }
        </>
    }
}
