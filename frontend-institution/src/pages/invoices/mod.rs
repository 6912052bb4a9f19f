//! `/institution/invoices`: 发票 (T-7.2.5c) — the invoices requested for paid orders, with their
//! status (requested, issued, rejected with the reason); an issued one downloads as a PDF
//! (`#invoice-file-<id>`). Invoices are requested from the order: the title's button leads there.

use frontend_kit::components::commerce::InvoiceList;
use frontend_kit::components::pdf_link;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::commerce::Invoice;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

pub const TITLE: Text = Text::new("发票", "Invoices");
const FILE: Text = Text::new("下载发票", "Download");
const TO_ORDERS: Text = Text::new("去订单申请发票", "Request from an order");

#[component]
pub fn Invoices() -> Html {
    let i18n = use_i18n();
    let i = i18n.clone();
    let download = Column::new(i18n.t(&texts::ACTIONS), move |v: &Invoice| {
        if !v.has_file {
            return html! {};
        }
        pdf_link(
            format!("invoice-file-{}", v.id),
            frontend_kit::api::invoice_file_url(v.id),
            i.t(&FILE),
        )
    });
    html! {
        <>
            <PageTitle title={TITLE}>
                <Link<Route> id="to-orders" to={Route::Orders} class="pf-v6-c-button pf-m-secondary">{ i18n.t(&TO_ORDERS) }</Link<Route>>
            </PageTitle>
            <InvoiceList actions={Some(download)} />
        </>
    }
}
