//! `/regulator/enterprises`: 入驻企业 (T-7.2.7d) — the enterprises settled in the region, searched
//! by name or credit code and filtered by industry and district, with the trainees each has
//! sent; the review desk adds (`#new-enterprise`) and edits (`#edit-enterprise-<id>`) them.

mod dialog;

use frontend_kit::components::primary_button;
use frontend_kit::components::{dialog_done, format_time, open_button};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::orgs::{Enterprise, EnterpriseQuery};
use yew::prelude::*;

use dialog::EnterpriseDialog;

use crate::pages::{REVIEW_DESK, use_has_role};

pub const TITLE: Text = Text::new("入驻企业", "Enterprises");
const NEW: Text = Text::new("新增企业", "Add enterprise");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("企业名称或统一社会信用代码", "Name or credit code");
pub(crate) const INDUSTRY: Text = Text::new("所属行业", "Industry");
pub(crate) const DISTRICT: Text = Text::new("所在区县", "District");
const CREDIT_CODE: Text = Text::new("统一社会信用代码", "Credit code");
const NAME: Text = Text::new("企业名称", "Enterprise");
const TRAINEES: Text = Text::new("参训人数", "Trainees");
const CREATED: Text = Text::new("入驻时间", "Added");
const EDIT: Text = Text::new("编辑", "Edit");
const SAVED: Text = Text::new("企业已保存", "Enterprise saved");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(Enterprise),
}

fn some_text(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[component]
pub fn Enterprises() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let keyword = use_state(String::new);
    let industry = use_state(String::new);
    let district = use_state(String::new);
    let PagedList { query, remote } = use_paged(EnterpriseQuery::default(), |q| async move {
        frontend_kit::api::list_enterprises(&q).await
    });
    let open = use_state(|| Open::None);
    let on_done = dialog_done(&open, Open::None, &toaster, i18n.t(&SAVED), &remote.reload);
    let search = {
        let (keyword, industry, district, query) = (
            keyword.clone(),
            industry.clone(),
            district.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            query.set(EnterpriseQuery {
                q: some_text(&keyword),
                industry: some_text(&industry),
                district: some_text(&district),
                page: Some(1),
                per_page: query.per_page,
            });
        })
    };
    let on_page = turn_page(&query);
    let mut columns = vec![
        Column::new(
            i18n.t(&CREDIT_CODE),
            |e: &Enterprise| html! { <code>{ &e.credit_code }</code> },
        ),
        Column::new(
            i18n.t(&NAME),
            |e: &Enterprise| html! { <><strong>{ &e.name }</strong><br /><span class="zp-muted">{ &e.address }</span></> },
        ),
        Column::new(i18n.t(&INDUSTRY), |e: &Enterprise| html! { &e.industry }),
        Column::new(i18n.t(&DISTRICT), |e: &Enterprise| html! { &e.district }),
        Column::new(
            i18n.t(&TRAINEES),
            |e: &Enterprise| html! { e.trainee_count.to_string() },
        ),
        Column::new(
            i18n.t(&CREATED),
            |e: &Enterprise| html! { <span class="zp-nowrap">{ format_time(&e.created_at) }</span> },
        ),
    ];
    if desk {
        let (i, open) = (i18n.clone(), open.clone());
        columns.push(Column::new(
            i18n.t(&texts::ACTIONS),
            move |e: &Enterprise| {
                open_button(
                    &open,
                    format!("edit-enterprise-{}", e.id),
                    i.t(&EDIT),
                    Open::Edit(e.clone()),
                )
            },
        ));
    }
    let create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };
    html! {
        <>
            <PageTitle title={TITLE}>
                if desk {
                    { primary_button("new-enterprise", "fa-plus", i18n.t(&NEW), create) }
                }
            </PageTitle>
            <FilterBar onsearch={search}>
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <TextField id="filter-industry" label={i18n.t(&INDUSTRY)} value={(*industry).clone()} oninput={bind(&industry)} />
                <TextField id="filter-district" label={i18n.t(&DISTRICT)} value={(*district).clone()} oninput={bind(&district)} />
            </FilterBar>
            <PagedTable<Enterprise> id="enterprises-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <EnterpriseDialog enterprise={None::<Enterprise>} {on_done} /> },
                Open::Edit(e) => html! { <EnterpriseDialog enterprise={Some(e.clone())} {on_done} /> },
            } }
        </>
    }
}
