//! What can be done to one order: pay a pending one (`#pay-order-<id>`) or cancel it
//! (`#cancel-order-<id>`); for a paid one, download its purchase voucher (`#order-voucher-<id>`)
//! and request its invoice (`#request-invoice-<id>`) once. [`PaymentNotice`] shows what the
//! payment provider answered — its own label, which for the development provider says the
//! payment is only simulated (T-7.2.5c, T-7.2.5e).

use frontend_kit::components::{dialog_done, pdf_link};
use frontend_kit::prelude::*;
use shared_types::commerce::{Order, OrderStatus, PaymentResult, PaymentState};
use yew::prelude::*;

use super::invoice::InvoiceDialog;

const PAY: Text = Text::new("支付", "Pay");
const CANCEL: Text = Text::new("取消订单", "Cancel order");
const CANCEL_TITLE: Text = Text::new("取消订单", "Cancel the order");
const CANCEL_BODY: Text = Text::new("确定取消订单 {0} 吗？", "Cancel the order {0}?");
const CANCELLED: Text = Text::new("订单已取消", "Order cancelled");
const KEEP: Text = Text::new("确认取消", "Cancel it");
const VOUCHER: Text = Text::new("购课凭证", "Voucher");
const INVOICE: Text = Text::new("申请发票", "Request invoice");
const INVOICE_REQUESTED: Text = Text::new("发票申请已提交", "Invoice requested");
const PAYMENT: Text = Text::new("支付结果：{0}", "Payment: {0}");
const PROVIDER: Text = Text::new("支付方式：", "Paid through: ");
const FINISH: Text = Text::new("前往付款", "Finish paying");

#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Cancel,
    Invoice,
}

#[derive(Properties, PartialEq)]
pub struct OrderActionsProps {
    pub order: Order,
    pub on_paid: Callback<PaymentResult>,
    /// The order changed (cancelled, invoice requested).
    pub on_change: Callback<()>,
}

#[component]
pub fn OrderActions(props: &OrderActionsProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let paying = use_submit();
    let open = use_state_eq(|| Open::None);
    let o = &props.order;
    let id = o.id;
    let pay = {
        let (paying, on_paid, toaster) = (paying.clone(), props.on_paid.clone(), toaster.clone());
        Callback::from(move |_: MouseEvent| {
            let (on_paid, toaster) = (on_paid.clone(), toaster.clone());
            paying.run(false, frontend_kit::api::pay_order(id), move |result| {
                toaster.info(&result.provider_label);
                on_paid.emit(result);
            });
        })
    };
    let opener = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(which))
    };
    let done = |message: Text| {
        dialog_done(
            &open,
            Open::None,
            &toaster,
            i18n.t(&message),
            &props.on_change,
        )
    };
    let button = |id: String, label: &Text, class: &str, onclick: Callback<MouseEvent>| {
        html! {
            <button {id} type="button" class={classes!("pf-v6-c-button", "pf-m-small", class.to_owned())} {onclick}
                disabled={paying.busy()}>
                <span class="pf-v6-c-button__text">{ i18n.t(label) }</span>
            </button>
        }
    };
    html! {
        <span class="zp-row-actions">
            if o.status == OrderStatus::Pending {
                { button(format!("pay-order-{id}"), &PAY, "pf-m-primary", pay) }
                { button(format!("cancel-order-{id}"), &CANCEL, "pf-m-link", opener(Open::Cancel)) }
            }
            if let Some(voucher) = o.voucher_id {
                { pdf_link(format!("order-voucher-{id}"), frontend_kit::api::voucher_file_url(voucher), i18n.t(&VOUCHER)) }
            }
            if o.status == OrderStatus::Paid && o.invoice_id.is_none() {
                { button(format!("request-invoice-{id}"), &INVOICE, "pf-m-secondary", opener(Open::Invoice)) }
            }
            if let Some(message) = paying.form_error(&i18n) {
                <span class="zp-badge-off" role="alert">{ message }</span>
            }
            { match *open {
                Open::None => html! {},
                Open::Cancel => html! {
                    <ConfirmDialog id="cancel-order-dialog" title={i18n.t(&CANCEL_TITLE)}
                        body={i18n.fmt(&CANCEL_BODY, &[&o.order_no])} confirm={i18n.t(&KEEP)} danger=true
                        job={Job::new(move |_: String| frontend_kit::api::cancel_order(id))} on_done={done(CANCELLED)} />
                },
                Open::Invoice => html! { <InvoiceDialog order={o.clone()} on_done={done(INVOICE_REQUESTED)} /> },
            } }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct PaymentNoticeProps {
    pub result: PaymentResult,
}

#[component]
pub fn PaymentNotice(props: &PaymentNoticeProps) -> Html {
    let i18n = use_i18n();
    let r = &props.result;
    let (tone, icon) = match r.state {
        PaymentState::Confirmed => ("pf-m-success", "fa-check-circle"),
        PaymentState::AwaitingPayer => ("pf-m-info", "fa-info-circle"),
    };
    html! {
        <div id="payment-result" class={classes!("pf-v6-c-alert", "pf-m-inline", tone)} role="status">
            <div class="pf-v6-c-alert__icon"><i class={classes!("fas", "fa-fw", icon)} aria-hidden="true"></i></div>
            <p class="pf-v6-c-alert__title">
                { i18n.fmt(&PAYMENT, &[&r.order.order_no]) }{ " " }{ status_label(&i18n, r.order.status) }
            </p>
            <div class="pf-v6-c-alert__description">
                <p>{ i18n.t(&PROVIDER) }<strong id="payment-provider">{ &r.provider_label }</strong></p>
                if let Some(url) = r.pay_url.clone().filter(|_| r.state == PaymentState::AwaitingPayer) {
                    <p><a id="payment-url" href={url} target="_blank" rel="noopener">{ i18n.t(&FINISH) }</a></p>
                }
            </div>
        </div>
    }
}
