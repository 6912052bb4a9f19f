//! `/institution/orders`: 订单 (T-7.2.5c, T-7.2.5e) — the institution's orders with their status
//! (the kit's order list, filtered by status); each row pays (`#pay-order-<id>`), cancels (`#cancel-order-<id>`),
//! downloads the purchase voucher and requests an invoice (`#request-invoice-<id>`). What the
//! payment provider said (`#payment-result`: the development provider only simulates a
//! payment, and says so) stays on the page.

mod actions;
mod detail;
mod invoice;

use frontend_kit::components::commerce::OrderList;
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::commerce::{Order, PaymentResult};
use yew::prelude::*;
use yew_nested_router::components::Link;

pub use actions::{OrderActions, PaymentNotice};
pub use detail::OrderPage;

use crate::app::Route;

pub const TITLE: Text = Text::new("订单", "Orders");
const SHOP: Text = Text::new("去选购课程", "Go shopping");
const OPEN: Text = Text::new("详情", "Details");

#[component]
pub fn Orders() -> Html {
    let i18n = use_i18n();
    let payment = use_state(|| None::<PaymentResult>);
    let changes = use_state_eq(|| 0u32);
    let changed = {
        let changes = changes.clone();
        Callback::from(move |()| changes.set(changes.wrapping_add(1)))
    };
    let on_paid = {
        let (payment, changed) = (payment.clone(), changed.clone());
        Callback::from(move |result: PaymentResult| {
            payment.set(Some(result));
            changed.emit(());
        })
    };
    let i = i18n.clone();
    let actions = Column::new(i18n.t(&texts::ACTIONS), move |o: &Order| {
        html! {
            <span class="zp-row-actions">
                <Link<Route> to={Route::Order { id: o.id }} class="pf-v6-c-button pf-m-link pf-m-inline">{ i.t(&OPEN) }</Link<Route>>
                <OrderActions order={o.clone()} on_paid={on_paid.clone()} on_change={changed.clone()} />
            </span>
        }
    });
    html! {
        <>
            <PageTitle title={TITLE}>
                <Link<Route> to={Route::Shop} class="pf-v6-c-button pf-m-secondary">{ i18n.t(&SHOP) }</Link<Route>>
            </PageTitle>
            if let Some(result) = &*payment {
                <PaymentNotice result={result.clone()} />
            }
            <OrderList actions={Some(actions)} changes={*changes} />
        </>
    }
}
