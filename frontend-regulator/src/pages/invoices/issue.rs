//! Issuing an invoice: its number (`#invoice-no`) and the PDF (`#invoice-pdf`, a `document`
//! upload), after which the institution can download it (T-7.2.5c).

use frontend_kit::components::FileUpload;
use frontend_kit::components::form::check_required;
use frontend_kit::format::price;
use frontend_kit::prelude::*;
use shared_types::commerce::{Invoice, IssueInvoiceRequest};
use shared_types::media::{Media, MediaKind};
use yew::prelude::*;

const TITLE: Text = Text::new("开具发票：{0}", "Issue the invoice: {0}");
const SUMMARY: Text = Text::new(
    "{0} · 抬头 {1} · 税号 {2} · {3}",
    "{0} · title {1} · tax number {2} · {3}",
);
const NUMBER: Text = Text::new("发票号码", "Invoice number");
const PDF: Text = Text::new("发票 PDF", "Invoice PDF");
const PDF_MISSING: Text = Text::new("请上传发票 PDF", "Upload the invoice PDF");
const ISSUE: Text = Text::new("开票", "Issue");

#[derive(Properties, PartialEq)]
pub struct IssueDialogProps {
    pub invoice: Invoice,
    pub on_done: Callback<bool>,
}

#[component]
pub fn IssueDialog(props: &IssueDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let number = use_state(String::new);
    let pdf = use_state(|| None::<uuid::Uuid>);
    let number_error = check_required(&number);
    let pdf_error = pdf.is_none().then_some(PDF_MISSING);
    let onsubmit = {
        let req = IssueInvoiceRequest {
            invoice_no: number.trim().to_owned(),
            media_id: (*pdf).unwrap_or_default(),
        };
        let invalid = number_error.is_some() || pdf_error.is_some();
        let id = props.invoice.id;
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            frontend_kit::api::issue_invoice(id, &req).await
        })
    };
    let on_pdf = {
        let pdf = pdf.clone();
        Callback::from(move |media: Media| pdf.set(Some(media.id)))
    };
    let v = &props.invoice;
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="issue-invoice-dialog" title={i18n.fmt(&TITLE, &[&v.order_no])} label={i18n.t(&ISSUE)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <p>{ i18n.fmt(&SUMMARY, &[&v.institution_name, &v.title, &v.tax_no, &price(v.amount_cents)]) }</p>
            <TextField id="invoice-no" label={i18n.t(&NUMBER)} required=true maxlength="50"
                value={(*number).clone()} oninput={bind(&number)} error={submit.field_error(&i18n, "invoice_no", number_error)} />
            <FileUpload id="invoice-pdf" label={i18n.t(&PDF)} kind={MediaKind::Document} required=true on_uploaded={on_pdf} />
            if let Some(message) = submit.field_error(&i18n, "media_id", pdf_error) {
                <p class="zp-badge-off" role="alert">{ message }</p>
            }
        </FormDialog>
    }
}
