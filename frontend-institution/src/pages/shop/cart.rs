//! The cart beside the shop: each course with its seats (changeable, `#cart-seats-<course_id>`)
//! and amount, the total (`#cart-total`), and placing the order (`#place-order`), which opens it.
//! Serves T-7.2.5c.

use frontend_kit::cart::Cart;
use frontend_kit::format::price;
use frontend_kit::pages::SectionCard;
use frontend_kit::prelude::*;
use yew::prelude::*;

use crate::app::Route;

const TITLE: Text = Text::new("购物车", "Cart");
const EMPTY: Text = Text::new(
    "购物车是空的：请在课程列表中选择课程和席位数。",
    "The cart is empty: pick courses and seats from the list.",
);
const SEATS: Text = Text::new("席位", "Seats");
const TOTAL: Text = Text::new("合计（{0} 个席位）", "Total ({0} seats)");
const PLACE: Text = Text::new("提交订单", "Place order");
const REMOVE: Text = Text::new("移除", "Remove");

#[derive(Properties, PartialEq)]
pub struct CartPanelProps {
    pub cart: Cart,
    pub onchange: Callback<Cart>,
}

#[component]
pub fn CartPanel(props: &CartPanelProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let navigate = use_navigate::<Route>();
    let place = {
        let (submit, req, navigate) = (submit.clone(), props.cart.request(), navigate.clone());
        let empty = props.cart.is_empty();
        Callback::from(move |_: MouseEvent| {
            let (req, navigate) = (req.clone(), navigate.clone());
            submit.run(
                empty,
                async move { frontend_kit::api::create_order(&req).await },
                move |order| navigate.emit(Route::Order { id: order.id }),
            );
        })
    };
    let set_seats = {
        let cart = props.cart.clone();
        move |course_id, seats: u32| {
            let mut next = cart.clone();
            next.set_seats(course_id, seats);
            next
        }
    };
    html! {
        <SectionCard id="cart" title={i18n.t(&TITLE)}>
            <FormError message={submit.form_error(&i18n)} />
            if props.cart.is_empty() {
                <p class="zp-muted">{ i18n.t(&EMPTY) }</p>
            }
            { for props.cart.lines.iter().map(|line| {
                let id = line.course_id;
                let oninput = {
                    let (onchange, set_seats) = (props.onchange.clone(), set_seats.clone());
                    Callback::from(move |v: String| {
                        if let Ok(n) = v.trim().parse::<u32>() {
                            onchange.emit(set_seats(id, n));
                        }
                    })
                };
                let remove = {
                    let set_seats = set_seats.clone();
                    props.onchange.reform(move |_: MouseEvent| set_seats(id, 0))
                };
                html! {
                    <div class="zp-cart-line" id={format!("cart-line-{id}")}>
                        <span>{ &line.name }<br /><span class="zp-muted">{ price(line.unit_price_cents) }{ " × " }{ line.seats }</span></span>
                        <span class="zp-seat-pick">
                            <TextField id={format!("cart-seats-{id}")} label={i18n.t(&SEATS)} input_type="number" inputmode="numeric"
                                min="1" step="1" value={line.seats.to_string()} {oninput} />
                            <strong>{ price(line.amount_cents()) }</strong>
                            <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" id={format!("remove-{id}")} onclick={remove}>
                                <span class="pf-v6-c-button__text">{ i18n.t(&REMOVE) }</span>
                            </button>
                        </span>
                    </div>
                }
            }) }
            <div class="zp-cart-total">
                <span>{ i18n.fmt(&TOTAL, &[&props.cart.seats().to_string()]) }</span>
                <span id="cart-total">{ price(props.cart.total_cents()) }</span>
            </div>
            <button id="place-order" type="button" class="pf-v6-c-button pf-m-primary pf-m-block"
                disabled={props.cart.is_empty() || submit.busy()} onclick={place}>
                <span class="pf-v6-c-button__text">{ i18n.t(&PLACE) }</span>
            </button>
        </SectionCard>
    }
}
