//! `/regulator/institutions`: 机构审核 (T-7.2.5b, T-7.2.7e) — the region's training institutions,
//! by default the review queue (status `pending`), filtered by status and searched by name or
//! credit code; each opens its page with the certification to review.

mod detail;

use frontend_kit::components::{format_time, or_dash};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::orgs::{InstitutionQuery, InstitutionStatus, InstitutionSummary};
use yew::prelude::*;
use yew_nested_router::components::Link;

pub use detail::InstitutionPage;

use crate::app::Route;

pub const TITLE: Text = Text::new("机构审核", "Institutions");
const STATUS: Text = Text::new("认证状态", "Status");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("机构名称或统一社会信用代码", "Name or credit code");
const CREDIT_CODE: Text = Text::new("统一社会信用代码", "Credit code");
const NAME: Text = Text::new("机构名称", "Institution");
const CONTACT: Text = Text::new("联系人", "Contact");
const QUALIFIED: Text = Text::new("已有资质", "Qualified for");
const SUBMITTED: Text = Text::new("提交时间", "Submitted");
const REGISTERED: Text = Text::new("注册时间", "Registered");
const OPEN: Text = Text::new("查看", "Open");

#[component]
pub fn Institutions() -> Html {
    let i18n = use_i18n();
    let status = use_state(|| InstitutionStatus::Pending.code().to_owned());
    let keyword = use_state(String::new);
    let PagedList { query, remote } = use_paged(
        InstitutionQuery {
            status: Some(InstitutionStatus::Pending),
            ..Default::default()
        },
        |q| async move { frontend_kit::api::list_institutions(&q).await },
    );
    let search = {
        let (status, keyword, query) = (status.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(InstitutionQuery {
                status: InstitutionStatus::from_code(&status),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = turn_page(&query);
    let (i1, i2, i3) = (i18n.clone(), i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(
            i18n.t(&CREDIT_CODE),
            |s: &InstitutionSummary| html! { <code>{ &s.credit_code }</code> },
        ),
        Column::new(i18n.t(&NAME), |s: &InstitutionSummary| {
            html! { <Link<Route> to={Route::Institution { id: s.id }}>{ &s.name }</Link<Route>> }
        }),
        Column::new(i18n.t(&STATUS), move |s: &InstitutionSummary| {
            status_label(&i1, s.status)
        }),
        Column::new(
            i18n.t(&CONTACT),
            |s: &InstitutionSummary| html! { &s.contact_name },
        ),
        Column::new(i18n.t(&QUALIFIED), move |s: &InstitutionSummary| {
            or_dash(
                s.qualified_types
                    .iter()
                    .map(|t| i2.t(&t.text()))
                    .collect::<Vec<_>>()
                    .join("、"),
            )
        }),
        Column::new(i18n.t(&SUBMITTED), |s: &InstitutionSummary| {
            html! { <span class="zp-nowrap">{ or_dash(s.submitted_at.as_ref().map(format_time).unwrap_or_default()) }</span> }
        }),
        Column::new(i18n.t(&REGISTERED), |s: &InstitutionSummary| {
            html! { <span class="zp-nowrap">{ format_time(&s.created_at) }</span> }
        }),
        Column::new(i18n.t(&texts::ACTIONS), move |s: &InstitutionSummary| {
            html! {
                <Link<Route> to={Route::Institution { id: s.id }} class="pf-v6-c-button pf-m-link pf-m-inline">{ i3.t(&OPEN) }</Link<Route>>
            }
        }),
    ];
    html! {
        <>
            <PageTitle title={TITLE} />
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, InstitutionStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
            </FilterBar>
            <PagedTable<InstitutionSummary> id="institutions-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
