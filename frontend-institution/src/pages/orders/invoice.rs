//! Requesting the invoice of a paid order: title (`#invoice-title`), the taxpayer number
//! (`#invoice-tax-no`, a unified social credit code for organisations) and where to send it
//! (`#invoice-email`) (T-7.2.5c).

use frontend_kit::components::form::check_required;
use frontend_kit::format::price;
use frontend_kit::prelude::*;
use shared_types::commerce::{InvoiceRequestInput, Order};
use yew::prelude::*;

const TITLE: Text = Text::new("申请发票：{0}", "Request an invoice: {0}");
const AMOUNT: Text = Text::new("开票金额：{0}", "Amount: {0}");
const INVOICE_TITLE: Text = Text::new("发票抬头", "Invoice title");
const TAX_NO: Text = Text::new("纳税人识别号", "Taxpayer number");
const TAX_HINT: Text = Text::new(
    "单位请填写统一社会信用代码",
    "Organisations: the unified social credit code",
);
const EMAIL: Text = Text::new("接收邮箱", "E-mail");
const BAD_EMAIL: Text = Text::new("请输入有效的邮箱地址", "Enter a valid e-mail address");
const SUBMIT: Text = Text::new("提交申请", "Request");

fn check_email(s: &str) -> Option<Text> {
    let s = s.trim();
    let valid = s.is_empty()
        || s.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    (!valid).then_some(BAD_EMAIL)
}

#[derive(Properties, PartialEq)]
pub struct InvoiceDialogProps {
    pub order: Order,
    pub on_done: Callback<bool>,
}

#[component]
pub fn InvoiceDialog(props: &InvoiceDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let title = use_state(|| props.order.institution_name.clone());
    let tax_no = use_state(String::new);
    let email = use_state(String::new);
    let title_error = check_required(&title);
    let tax_error = check_required(&tax_no);
    let email_error = check_email(&email);
    let onsubmit = {
        let req = InvoiceRequestInput {
            order_id: props.order.id,
            title: title.trim().to_owned(),
            tax_no: tax_no.trim().to_ascii_uppercase(),
            email: email.trim().to_owned(),
        };
        let invalid = title_error.is_some() || tax_error.is_some() || email_error.is_some();
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            frontend_kit::api::request_invoice(&req).await
        })
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <FormDialog id="invoice-dialog" title={i18n.fmt(&TITLE, &[&props.order.order_no])} label={i18n.t(&SUBMIT)} busy={submit.busy()}
            error={submit.form_error(&i18n)} {onsubmit} onclose={on_close}>
            <p>{ i18n.fmt(&AMOUNT, &[&price(props.order.total_cents)]) }</p>
            <TextField id="invoice-title" label={i18n.t(&INVOICE_TITLE)} required=true maxlength="100"
                value={(*title).clone()} oninput={bind(&title)} error={submit.field_error(&i18n, "title", title_error)} />
            <TextField id="invoice-tax-no" label={i18n.t(&TAX_NO)} required=true maxlength="20"
                helper={AttrValue::from(i18n.t(&TAX_HINT))}
                value={(*tax_no).clone()} oninput={bind(&tax_no)} error={submit.field_error(&i18n, "tax_no", tax_error)} />
            <TextField id="invoice-email" label={i18n.t(&EMAIL)} input_type="email" autocomplete="email" maxlength="100"
                value={(*email).clone()} oninput={bind(&email)} error={submit.field_error(&i18n, "email", email_error)} />
        </FormDialog>
    }
}
