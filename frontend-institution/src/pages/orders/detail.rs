//! `/institution/order/{id}`: one order — its courses with seats and prices, the total, where it
//! stands, and the same actions as the list (pay, cancel, voucher, invoice). Placing an order in
//! the shop lands here (T-7.2.5c).

use std::rc::Rc;

use frontend_kit::components::format_time;
use frontend_kit::format::price;
use frontend_kit::pages::{NotLoaded, PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::commerce::{OrderLine, PaymentResult};
use uuid::Uuid;
use yew::prelude::*;

use super::{OrderActions, PaymentNotice};

const TITLE: Text = Text::new("订单详情", "Order");
const COURSE: Text = Text::new("课程", "Course");
const SEATS: Text = Text::new("席位数", "Seats");
const UNIT: Text = Text::new("单价", "Unit price");
const AMOUNT: Text = Text::new("金额", "Amount");
const LINES: Text = Text::new("订单明细", "Order lines");
const FACTS: Text = Text::new("订单信息", "Order");
const ORDER_NO: Text = Text::new("订单号", "Order number");
const STATUS: Text = Text::new("状态", "Status");
const TOTAL: Text = Text::new("合计", "Total");
const CREATED: Text = Text::new("下单时间", "Ordered");
const PAID: Text = Text::new("支付时间", "Paid");
const PAYMENT_REF: Text = Text::new("支付流水号", "Payment reference");

#[derive(Properties, PartialEq)]
pub struct OrderPageProps {
    pub id: Uuid,
}

#[component]
pub fn OrderPage(props: &OrderPageProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(props.id, frontend_kit::api::order);
    let payment = use_state(|| None::<PaymentResult>);
    let Some(order) = remote.data.clone() else {
        return html! { <NotLoaded title={TITLE} error={remote.error.clone()} /> };
    };
    let on_paid = {
        let (payment, reload) = (payment.clone(), remote.reload.clone());
        Callback::from(move |result: PaymentResult| {
            payment.set(Some(result));
            reload.emit(());
        })
    };
    let columns = vec![
        Column::new(i18n.t(&COURSE), |l: &OrderLine| {
            html! { <>{ &l.course_name }<br /><code class="zp-muted">{ &l.course_no }</code></> }
        }),
        Column::new(
            i18n.t(&SEATS),
            |l: &OrderLine| html! { l.seats.to_string() },
        ),
        Column::new(
            i18n.t(&UNIT),
            |l: &OrderLine| html! { price(l.unit_price_cents) },
        ),
        Column::new(
            i18n.t(&AMOUNT),
            |l: &OrderLine| html! { price(l.amount_cents) },
        ),
    ];
    html! {
        <>
            <PageTitle title={TITLE}>
                <OrderActions order={(*order).clone()} {on_paid} on_change={remote.reload.clone()} />
            </PageTitle>
            if let Some(result) = &*payment {
                <PaymentNotice result={result.clone()} />
            }
            <div class="zp-cards">
                <SectionCard id="order-facts" title={i18n.t(&FACTS)}>
                    <Facts>
                        { fact(i18n.t(&ORDER_NO), html! { <code id="order-no">{ &order.order_no }</code> }) }
                        { fact(i18n.t(&STATUS), html! { <span id="order-status">{ status_label(&i18n, order.status) }</span> }) }
                        { fact(i18n.t(&TOTAL), html! { <strong id="order-total">{ price(order.total_cents) }</strong> }) }
                        { fact(i18n.t(&CREATED), format_time(&order.created_at)) }
                        if let Some(at) = &order.paid_at {
                            { fact(i18n.t(&PAID), format_time(at)) }
                        }
                        if let Some(reference) = &order.payment_ref {
                            { fact(i18n.t(&PAYMENT_REF), html! { <code>{ reference }</code> }) }
                        }
                    </Facts>
                </SectionCard>
                <SectionCard id="order-lines" title={i18n.t(&LINES)}>
                    <DataTable<OrderLine> id="order-lines-table" caption={i18n.t(&LINES)} {columns}
                        rows={Rc::new(order.lines.clone())} />
                </SectionCard>
            </div>
        </>
    }
}
