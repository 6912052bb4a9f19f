//! `/institution/projects`: 培训项目 (T-7.2.5d) — the regulator's open training projects with
//! their period and policy (read only); "申请开班" (`#apply-class-<project_id>`) opens the new
//! class dialog under that project.

use frontend_kit::components::training::project_columns;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::training::{Project, ProjectQuery, ProjectStatus};
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::classes::ClassDialog;

pub const TITLE: Text = Text::new("培训项目", "Training projects");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const KEYWORD: Text = Text::new("项目名称", "Project name");
const APPLY: Text = Text::new("申请开班", "Apply for a class");

#[component]
pub fn Projects() -> Html {
    let i18n = use_i18n();
    let training_type = use_state(String::new);
    let keyword = use_state(String::new);
    let PagedList { query, remote } = use_paged(
        ProjectQuery {
            status: Some(ProjectStatus::Open),
            ..Default::default()
        },
        |q| async move { frontend_kit::api::list_projects(&q).await },
    );
    let applying = use_state_eq(|| None::<Uuid>);
    let search = {
        let (training_type, keyword, query) =
            (training_type.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(ProjectQuery {
                training_type: TrainingType::from_code(&training_type),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = turn_page(&query);
    let mut columns = project_columns(&i18n);
    columns.push(Column::new(i18n.t(&texts::ACTIONS), {
        let (i, applying) = (i18n.clone(), applying.clone());
        move |p: &Project| {
            let onclick = {
                let (applying, id) = (applying.clone(), p.id);
                Callback::from(move |_: MouseEvent| applying.set(Some(id)))
            };
            html! {
                <button id={format!("apply-class-{}", p.id)} type="button" class="pf-v6-c-button pf-m-secondary pf-m-small" {onclick}>
                    <span class="pf-v6-c-button__text">{ i.t(&APPLY) }</span>
                </button>
            }
        }
    }));
    let on_close = {
        let applying = applying.clone();
        Callback::from(move |()| applying.set(None))
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <FilterBar onsearch={search}>
                <SelectField id="filter-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, Some(&texts::ALL))} onchange={bind(&training_type)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)} />
            </FilterBar>
            <PagedTable<Project> id="projects-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            if let Some(project_id) = *applying {
                <ClassDialog class={None::<std::rc::Rc<shared_types::training::ClassDetail>>} project_id={Some(project_id)} {on_close} />
            }
        </>
    }
}
