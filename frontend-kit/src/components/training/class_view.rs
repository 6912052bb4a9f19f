//! A class's page body, the same in the institution and regulator apps: its facts (number,
//! project, schedule, lecturers, status `#class-status`, the review note, the voucher), and three
//! tabs — the class with its policy and history, its trainees (`#trainees-table`, filtered by
//! status and an exact name, phone or ID number) and its tasks (`#tasks-table`). The apps pass
//! their own buttons and action columns (T-7.2.5d, T-7.2.7h, Z-II.1).

use std::rc::Rc;

use shared_types::training::{
    ClassDetail, ClassEvent, ClassTrainee, EnrolmentStatus, Task, TraineeQuery,
};
use uuid::Uuid;
use yew::prelude::*;

use super::columns::{class_event_columns, task_columns, trainee_columns};
use super::policy::PolicyView;
use crate::components::form::{FormError, SelectField, TextField, bind};
use crate::components::{
    Column, DEFAULT_PER_PAGE, DataTable, Facts, FilterBar, PagedTable, Remote, Tabs, fact,
    format_time, pdf_link, status_label, turn_page, use_remote,
};
use crate::dates::date_range;
use crate::i18n::{I18n, Labelled, Text, choices, texts, use_i18n};
use crate::pages::SectionCard;

const PROJECT: Text = Text::new("培训项目", "Project");
const INSTITUTION: Text = Text::new("培训机构", "Institution");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const MODE: Text = Text::new("培训方式", "Mode");
const VENUE: Text = Text::new("培训地点", "Venue");
const PERIOD: Text = Text::new("起止日期", "Period");
const CAPACITY: Text = Text::new("学员 / 容量", "Trainees / capacity");
const LECTURERS: Text = Text::new("授课讲师", "Lecturers");
const STATUS: Text = Text::new("状态", "Status");
const REVIEW_NOTE: Text = Text::new("审核意见", "Review note");
const VOUCHER: Text = Text::new("开班凭证", "Class voucher");
const DOWNLOAD: Text = Text::new("下载 PDF", "Download PDF");
const CREATED: Text = Text::new("创建时间", "Created");
const SECTIONS: Text = Text::new("班级内容", "Class sections");
const INFO: Text = Text::new("班级信息", "Class");
const TRAINEES: Text = Text::new("学员", "Trainees");
const TASKS: Text = Text::new("学习任务", "Learning tasks");
const POLICY: Text = Text::new("培训政策", "Policy");
const HISTORY: Text = Text::new("操作记录", "History");
const FILTER_STATUS: Text = Text::new("学员状态", "Enrolment");
const FILTER_Q: Text = Text::new("精确查找", "Exact match");
const FILTER_Q_HINT: Text = Text::new("姓名、手机号或身份证号", "Name, phone or ID number");

#[derive(Properties, PartialEq)]
pub struct ClassFactsProps {
    pub class: Rc<ClassDetail>,
}

#[component]
pub fn ClassFacts(props: &ClassFactsProps) -> Html {
    let i18n = use_i18n();
    let c = &props.class;
    let s = &c.summary;
    let lecturers = c
        .lecturers
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join("、");
    html! {
        <Facts id="class-facts">
            { fact(i18n.t(&STATUS), html! { <span id="class-status">{ status_label(&i18n, s.status) }</span> }) }
            if !c.review_note.is_empty() {
                { fact(i18n.t(&REVIEW_NOTE), html! { <span id="class-review-note" class="zp-prewrap">{ &c.review_note }</span> }) }
            }
            { fact(i18n.t(&PROJECT), s.project_name.clone()) }
            { fact(i18n.t(&INSTITUTION), s.institution_name.clone()) }
            { fact(i18n.t(&TRAINING_TYPE), i18n.t(&s.training_type.text())) }
            { fact(i18n.t(&MODE), i18n.t(&s.mode.text())) }
            if !c.venue.is_empty() {
                { fact(i18n.t(&VENUE), c.venue.clone()) }
            }
            { fact(i18n.t(&PERIOD), date_range(s.starts_on, s.ends_on)) }
            { fact(i18n.t(&CAPACITY), format!("{} / {}", s.trainee_count, s.capacity)) }
            { fact(i18n.t(&LECTURERS), if lecturers.is_empty() { i18n.t(&texts::NONE).to_owned() } else { lecturers }) }
            if let Some(voucher) = c.voucher_id {
                { fact(i18n.t(&VOUCHER), pdf_link("class-voucher".to_owned(), crate::api::voucher_file_url(voucher), i18n.t(&DOWNLOAD))) }
            }
            { fact(i18n.t(&CREATED), format_time(&c.created_at)) }
        </Facts>
    }
}

#[derive(Properties, PartialEq)]
pub struct ClassTabsProps {
    pub class: Rc<ClassDetail>,
    /// Changes made on the page so far: the lists load again when it moves.
    pub changes: u32,
    /// Buttons above the trainees (add, import).
    #[prop_or_default]
    pub trainee_tools: Html,
    #[prop_or_default]
    pub trainee_actions: Option<Column<ClassTrainee>>,
    /// Buttons above the tasks (new task).
    #[prop_or_default]
    pub task_tools: Html,
    #[prop_or_default]
    pub task_actions: Option<Column<Task>>,
}

#[component]
pub fn ClassTabs(props: &ClassTabsProps) -> Html {
    let i18n = use_i18n();
    let tab = use_state_eq(|| "info");
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |key: &'static str| tab.set(key))
    };
    let id = props.class.summary.id;
    let panel = match *tab {
        "trainees" => html! {
            <>
                { props.trainee_tools.clone() }
                <Trainees class_id={id} changes={props.changes} actions={props.trainee_actions.clone()} />
            </>
        },
        "tasks" => html! {
            <>
                { props.task_tools.clone() }
                <Tasks class_id={id} changes={props.changes} actions={props.task_actions.clone()} />
            </>
        },
        _ => html! {
            <div class="zp-cards">
                <SectionCard id="class-info" title={i18n.t(&INFO)}>
                    <ClassFacts class={props.class.clone()} />
                </SectionCard>
                <SectionCard id="class-policy" title={i18n.t(&POLICY)}>
                    <PolicyView policy={props.class.policy.clone()} />
                </SectionCard>
            </div>
        },
    };
    html! {
        <>
            <Tabs label={SECTIONS} tabs={vec![("info", INFO), ("trainees", TRAINEES), ("tasks", TASKS)]}
                selected={*tab} {onselect} />
            <div role="tabpanel" aria-labelledby={format!("tab-{}", *tab)}>{ panel }</div>
            if *tab == "info" {
                <SectionCard id="class-history" title={i18n.t(&HISTORY)}>
                    <Events class_id={id} changes={props.changes} />
                </SectionCard>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps<R: PartialEq + 'static> {
    class_id: Uuid,
    changes: u32,
    /// The app's action column, last.
    #[prop_or_default]
    actions: Option<Column<R>>,
}

/// A whole list loaded at once: its error, then the table.
fn rows_table<R: PartialEq + 'static>(
    i18n: &I18n,
    id: &'static str,
    caption: &Text,
    columns: Vec<Column<R>>,
    remote: &Remote<Vec<R>>,
) -> Html {
    html! {
        <>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<R> {id} caption={i18n.t(caption)} {columns}
                rows={remote.data.clone().unwrap_or_default()} loading={remote.loading} />
        </>
    }
}

#[component]
fn Events(props: &ListProps<ClassEvent>) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.class_id, props.changes), |(id, _)| {
        crate::api::class_events(id)
    });
    rows_table(
        &i18n,
        "class-events-table",
        &HISTORY,
        class_event_columns(&i18n),
        &remote,
    )
}

#[component]
fn Tasks(props: &ListProps<Task>) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.class_id, props.changes), |(id, _)| {
        crate::api::list_tasks(id)
    });
    let mut columns = task_columns(&i18n);
    columns.extend(props.actions.clone());
    rows_table(&i18n, "tasks-table", &TASKS, columns, &remote)
}

#[component]
fn Trainees(props: &ListProps<ClassTrainee>) -> Html {
    let i18n = use_i18n();
    let status = use_state(|| EnrolmentStatus::Active.code().to_owned());
    let keyword = use_state(String::new);
    let query = use_state(|| TraineeQuery {
        status: Some(EnrolmentStatus::Active),
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote(
        (props.class_id, (*query).clone(), props.changes),
        |(id, q, _)| async move { crate::api::list_trainees(id, &q).await },
    );
    let search = {
        let (status, keyword, query) = (status.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(TraineeQuery {
                status: EnrolmentStatus::from_code(&status),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = turn_page(&query);
    let mut columns = trainee_columns(&i18n);
    columns.extend(props.actions.clone());
    html! {
        <>
            <FilterBar onsearch={search} id="trainee-search">
                <SelectField id="trainee-filter-status" label={i18n.t(&FILTER_STATUS)} value={(*status).clone()}
                    options={choices(&i18n, EnrolmentStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                <TextField id="trainee-filter-q" label={i18n.t(&FILTER_Q)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&FILTER_Q_HINT))} />
            </FilterBar>
            <PagedTable<ClassTrainee> id="trainees-table" caption={i18n.t(&TRAINEES)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
