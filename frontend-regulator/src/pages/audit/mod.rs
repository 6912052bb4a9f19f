//! `/regulator/audit`: the audit trail (Z-V.4) — every state change and sign-in attempt, filtered
//! by action, result and date.

use frontend_kit::components::{day_start, format_time};
use frontend_kit::prelude::*;
use shared_types::audit::{AuditEntry, AuditQuery};
use yew::prelude::*;

const TITLE: Text = Text::new("审计日志", "Audit log");
const TIME: Text = Text::new("时间", "Time");
const ACTOR: Text = Text::new("操作人", "Actor");
const ACTION: Text = Text::new("操作", "Action");
const OBJECT: Text = Text::new("对象", "Object");
const RESULT: Text = Text::new("结果", "Result");
const IP: Text = Text::new("IP 地址", "IP address");
const SUCCESS: Text = Text::new("成功", "Success");
const FROM: Text = Text::new("开始日期", "From");
const TO: Text = Text::new("结束日期", "To");
const ANONYMOUS: Text = Text::new("匿名", "Anonymous");

#[component]
pub fn Audit() -> Html {
    let i18n = use_i18n();
    let action = use_state(String::new);
    let result = use_state(String::new);
    let from = use_state(String::new);
    let to = use_state(String::new);
    let query = use_state(|| AuditQuery {
        page: Some(1),
        per_page: Some(20),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::audit(&q).await
    });

    let search = {
        let (action, result, from, to, query) = (
            action.clone(),
            result.clone(),
            from.clone(),
            to.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            query.set(AuditQuery {
                action: text(&action),
                result: text(&result),
                from: day_start(&from, false),
                to: day_start(&to, true),
                page: Some(1),
                per_page: query.per_page,
                actor_id: None,
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(AuditQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };

    let lang = i18n.clone();
    let columns = vec![
        Column::new(
            i18n.t(&TIME),
            |e: &AuditEntry| html! { format_time(&e.created_at) },
        ),
        Column::new(i18n.t(&ACTOR), move |e: &AuditEntry| {
            html! { e.actor_name.clone().unwrap_or_else(|| lang.t(&ANONYMOUS).to_owned()) }
        }),
        Column::new(
            i18n.t(&ACTION),
            |e: &AuditEntry| html! { <code>{ &e.action }</code> },
        ),
        Column::new(i18n.t(&OBJECT), |e: &AuditEntry| html! { &e.object }),
        {
            let i18n = i18n.clone();
            Column::new(i18n.t(&RESULT), move |e: &AuditEntry| {
                if e.result == "success" {
                    html! { i18n.t(&SUCCESS) }
                } else {
                    html! { <span class="zp-badge-off">{ &e.result }</span> }
                }
            })
        },
        Column::new(
            i18n.t(&IP),
            |e: &AuditEntry| html! { e.ip.clone().unwrap_or_default() },
        ),
    ];
    let rows = remote
        .data
        .as_ref()
        .map(|p| std::rc::Rc::new(p.items.clone()))
        .unwrap_or_default();
    let (page, per_page, total) = remote
        .data
        .as_ref()
        .map(|p| (p.page, p.per_page, p.total))
        .unwrap_or((1, query.per_page.unwrap_or(20), 0));
    let result_options = vec![
        (AttrValue::from(""), AttrValue::from(i18n.t(&texts::ALL))),
        (
            AttrValue::from("success"),
            AttrValue::from(i18n.t(&SUCCESS)),
        ),
        (AttrValue::from("forbidden"), AttrValue::from("forbidden")),
        (
            AttrValue::from("invalid_credentials"),
            AttrValue::from("invalid_credentials"),
        ),
    ];
    let on_result = {
        let result = result.clone();
        Callback::from(move |v: String| result.set(v))
    };

    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE} />
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <TextField id="filter-action" label={i18n.t(&ACTION)} value={(*action).clone()} oninput={bind(&action)}
                    placeholder="auth.login" />
                <SelectField id="filter-result" label={i18n.t(&RESULT)} options={result_options} value={(*result).clone()} onchange={on_result} />
                <TextField id="filter-from" label={i18n.t(&FROM)} input_type="date" value={(*from).clone()} oninput={bind(&from)} />
                <TextField id="filter-to" label={i18n.t(&TO)} input_type="date" value={(*to).clone()} oninput={bind(&to)} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<AuditEntry> id="audit-table" caption={i18n.t(&TITLE)} {columns} {rows} loading={remote.loading} />
            <Pager {page} {per_page} {total} onchange={on_page} />
        </>
    }
}
