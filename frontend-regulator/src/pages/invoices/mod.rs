//! `/regulator/invoices`: 发票与订单 (T-7.2.5c) — two tabs: the invoice desk (requests filtered by
//! status, by default those waiting; the review desk issues one with its number and PDF
//! (`#issue-invoice-<id>`) or rejects it with a reason (`#reject-invoice-<id>`); issued ones
//! download, `#invoice-file-<id>`), and every institution's course orders (`#orders-table`).

mod issue;

use frontend_kit::components::commerce::{InvoiceList, OrderList};
use frontend_kit::components::{dialog_done, open_button, pdf_link};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::commerce::{Invoice, InvoiceStatus};
use yew::prelude::*;

use issue::IssueDialog;

use crate::pages::{REVIEW_DESK, use_has_role};

pub const TITLE: Text = Text::new("发票与订单", "Invoices and orders");
const SECTIONS: Text = Text::new("发票与订单", "Invoices and orders");
const INVOICES: Text = Text::new("发票申请", "Invoice requests");
const ORDERS: Text = Text::new("购课订单", "Course orders");
const ISSUE: Text = Text::new("开票", "Issue");
const REJECT: Text = Text::new("驳回", "Reject");
const REJECT_TITLE: Text = Text::new("驳回发票申请", "Reject the invoice request");
const REJECT_BODY: Text = Text::new(
    "驳回订单 {0} 的发票申请（抬头：{1}）？",
    "Reject the invoice request of order {0} (title: {1})?",
);
const REASON: Text = Text::new("驳回原因", "Reason");
const FILE: Text = Text::new("下载发票", "Download");
const DONE: Text = Text::new("操作成功", "Done");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Issue(Invoice),
    Reject(Invoice),
}

#[component]
pub fn Invoices() -> Html {
    let tab = use_state_eq(|| "invoices");
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |key: &'static str| tab.set(key))
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <Tabs label={SECTIONS} tabs={vec![("invoices", INVOICES), ("orders", ORDERS)]} selected={*tab} {onselect} />
            if *tab == "orders" { <OrderList admin=true /> } else { <Desk /> }
        </>
    }
}

#[component]
fn Desk() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let desk = use_has_role(&REVIEW_DESK);
    let open = use_state(|| Open::None);
    let changes = use_state_eq(|| 0u32);
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let on_done = dialog_done(&open, Open::None, &toaster, i18n.t(&DONE), &changed);
    let (i, open_state) = (i18n.clone(), open.clone());
    let actions = Column::new(i18n.t(&texts::ACTIONS), move |v: &Invoice| {
        html! {
            <span class="zp-row-actions">
                if desk && v.status == InvoiceStatus::Requested {
                    { open_button(&open_state, format!("issue-invoice-{}", v.id), i.t(&ISSUE), Open::Issue(v.clone())) }
                    { open_button(&open_state, format!("reject-invoice-{}", v.id), i.t(&REJECT), Open::Reject(v.clone())) }
                }
                if v.has_file {
                    { pdf_link(format!("invoice-file-{}", v.id), frontend_kit::api::admin_invoice_file_url(v.id), i.t(&FILE)) }
                }
            </span>
        }
    });
    html! {
        <>
            <InvoiceList admin=true status={Some(InvoiceStatus::Requested)} actions={Some(actions)} changes={*changes} />
            { match &*open {
                Open::None => html! {},
                Open::Issue(v) => html! { <IssueDialog invoice={v.clone()} on_done={on_done.clone()} /> },
                Open::Reject(v) => {
                    let id = v.id;
                    html! {
                        <ConfirmDialog id="reject-invoice-dialog" title={i18n.t(&REJECT_TITLE)}
                            body={i18n.fmt(&REJECT_BODY, &[&v.order_no, &v.title])} confirm={i18n.t(&REJECT)} danger=true
                            reason={AttrValue::from(i18n.t(&REASON))} on_done={on_done.clone()}
                            job={Job::new(move |reason: String| frontend_kit::api::reject_invoice(id, reason))} />
                    }
                }
            } }
        </>
    }
}
