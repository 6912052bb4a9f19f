//! `/institution/invoices`: 发票 (T-7.2.5c) — the invoices requested for paid orders, with their
//! status (requested, issued, rejected with the reason); an issued one downloads as a PDF
//! (`#invoice-file-<id>`). Invoices are requested from the order.

use frontend_kit::components::commerce::InvoiceList;
use frontend_kit::components::pdf_link;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::commerce::Invoice;
use yew::prelude::*;

pub const TITLE: Text = Text::new("发票", "Invoices");
const FILE: Text = Text::new("下载发票", "Download");
const HINT: Text = Text::new(
    "在“订单”中为已支付的订单申请发票。",
    "Request invoices for paid orders under Orders.",
);

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
            <PageTitle title={TITLE} />
            <p class="zp-muted">{ i18n.t(&HINT) }</p>
            <InvoiceList actions={Some(download)} />
        </>
    }
}
