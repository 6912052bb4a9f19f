//! `/institution/vouchers`: 电子凭证 (T-7.2.5e) — the PDFs issued for the institution's paid
//! orders and approved classes, with the code anyone can verify; each downloads
//! (`#voucher-file-<id>`). The voucher's stored title ("开班凭证 Class approval voucher", both
//! languages at once, as printed on the PDF) is left out: the kind column says the same in the
//! language shown.

use std::rc::Rc;

use frontend_kit::components::{format_time, pdf_link};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::archive::Voucher;
use yew::prelude::*;

pub const TITLE: Text = Text::new("电子凭证", "Vouchers");
const KIND: Text = Text::new("凭证类型", "Kind");
const SUBJECT: Text = Text::new("订单号 / 班级编号", "Order / class number");
const CODE: Text = Text::new("验证码", "Verification code");
const ISSUED: Text = Text::new("签发时间", "Issued");
const DOWNLOAD: Text = Text::new("下载 PDF", "Download PDF");

#[component]
pub fn Vouchers() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::list_vouchers());
    let (i1, i2) = (i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(
            i18n.t(&KIND),
            move |v: &Voucher| html! { <Label text={i1.t(&v.kind.text())} tone={Tone::Purple} /> },
        ),
        Column::new(
            i18n.t(&SUBJECT),
            |v: &Voucher| html! { <code>{ &v.subject_no }</code> },
        ),
        Column::new(
            i18n.t(&CODE),
            |v: &Voucher| html! { <code class="zp-break">{ &v.code }</code> },
        ),
        Column::new(i18n.t(&ISSUED), |v: &Voucher| {
            html! { <span class="zp-nowrap">{ format_time(&v.issued_at) }</span> }
        }),
        Column::new(i18n.t(&texts::ACTIONS), move |v: &Voucher| {
            pdf_link(
                format!("voucher-file-{}", v.id),
                frontend_kit::api::voucher_file_url(v.id),
                i2.t(&DOWNLOAD),
            )
        }),
    ];
    let rows: Rc<Vec<Voucher>> = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<Voucher> id="vouchers-table" caption={i18n.t(&TITLE)} {columns} {rows} loading={remote.loading} />
        </>
    }
}
