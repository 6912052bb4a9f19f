//! `/regulator/jobs`: 任务队列 — the background jobs (video transcoding), filtered by status;
//! a regulator admin retries a failed one.

use frontend_kit::components::{DEFAULT_PER_PAGE, format_time};
use frontend_kit::prelude::*;
use shared_types::Role;
use shared_types::media::{Job, JobQuery, JobStatus};
use yew::prelude::*;

use crate::pages::use_has_role;

pub const TITLE: Text = Text::new("任务队列", "Jobs");
const STATUS: Text = Text::new("状态", "Status");
const KIND: Text = Text::new("类型", "Kind");
const SUBJECT: Text = Text::new("对象", "Subject");
const ATTEMPTS: Text = Text::new("尝试次数", "Attempts");
const LAST_ERROR: Text = Text::new("最近错误", "Last error");
const CREATED: Text = Text::new("创建时间", "Created");
const FINISHED: Text = Text::new("完成时间", "Finished");
const RETRY: Text = Text::new("重试", "Retry");
const RETRIED: Text = Text::new("已重新排队", "Queued again");
const REFRESH: Text = Text::new("刷新", "Refresh");
const TRANSCODE: Text = Text::new("视频转码", "Transcode");
/// Only admins may retry (Casbin `jobs` write).
const JOB_ADMINS: [Role; 1] = [Role::RegulatorAdmin];
const STATUSES: [JobStatus; 4] = [
    JobStatus::Queued,
    JobStatus::Running,
    JobStatus::Done,
    JobStatus::Failed,
];

fn kind_name(i18n: &I18n, kind: &str) -> String {
    match kind {
        "transcode" => i18n.t(&TRANSCODE).to_owned(),
        other => other.to_owned(),
    }
}

#[component]
pub fn Jobs() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let can_retry = use_has_role(&JOB_ADMINS);
    let status = use_state(String::new);
    let query = use_state(|| JobQuery {
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::list_jobs(&q).await
    });
    let on_status = {
        let (status, query) = (status.clone(), query.clone());
        Callback::from(move |v: String| {
            query.set(JobQuery {
                status: JobStatus::parse(&v),
                page: Some(1),
                ..(*query).clone()
            });
            status.set(v);
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(JobQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let retry = {
        let (reload, toaster, i18n) = (remote.reload.clone(), toaster.clone(), i18n.clone());
        Callback::from(move |id: i64| {
            let (reload, toaster, i18n) = (reload.clone(), toaster.clone(), i18n.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match frontend_kit::api::retry_job(id).await {
                    Ok(_) => {
                        toaster.success(i18n.t(&RETRIED));
                        reload.emit(());
                    }
                    Err(err) => toaster.error(&i18n.error(&err)),
                }
            });
        })
    };

    let (i1, i2) = (i18n.clone(), i18n.clone());
    let mut columns = vec![
        Column::new(
            i18n.t(&KIND),
            move |j: &Job| html! { kind_name(&i1, &j.kind) },
        ),
        Column::new(
            i18n.t(&SUBJECT),
            |j: &Job| html! { <span class="zp-break">{ &j.subject }</span> },
        ),
        Column::new(i18n.t(&STATUS), move |j: &Job| status_label(&i2, j.status)),
        Column::new(
            i18n.t(&ATTEMPTS),
            |j: &Job| html! { format!("{}/{}", j.attempts, j.max_attempts) },
        ),
        Column::new(i18n.t(&LAST_ERROR), |j: &Job| {
            html! { <span class="zp-badge-off zp-break">{ j.last_error.clone().unwrap_or_default() }</span> }
        }),
        Column::new(
            i18n.t(&CREATED),
            |j: &Job| html! { format_time(&j.created_at) },
        ),
        Column::new(i18n.t(&FINISHED), |j: &Job| {
            html! { j.finished_at.as_ref().map(format_time).unwrap_or_default() }
        }),
    ];
    if can_retry {
        let i = i18n.clone();
        columns.push(Column::new(i18n.t(&texts::ACTIONS), move |j: &Job| {
            if j.status != JobStatus::Failed {
                return html! {};
            }
            let (retry, id) = (retry.clone(), j.id);
            html! {
                <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("retry-{id}")}
                    onclick={Callback::from(move |_: MouseEvent| retry.emit(id))}>
                    <span class="pf-v6-c-button__text">{ i.t(&RETRY) }</span>
                </button>
            }
        }));
    }
    let refresh = remote.reload.reform(|_: MouseEvent| ());
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                <button id="refresh" type="button" class="pf-v6-c-button pf-m-secondary" onclick={refresh}>
                    <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-sync-alt" aria-hidden="true"></i></span>
                    <span class="pf-v6-c-button__text">{ i18n.t(&REFRESH) }</span>
                </button>
            </frontend_kit::pages::PageTitle>
            <div class="pf-v6-c-form zp-toolbar">
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, STATUSES, Some(&texts::ALL))} onchange={on_status} />
            </div>
            <PagedTable<Job> id="jobs-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
