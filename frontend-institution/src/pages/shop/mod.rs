//! `/institution/shop`: 课程超市 (T-7.2.5c) — published on-demand courses with their price per
//! seat; type how many seats (`#seats-<course_id>`) and add them (`#add-<course_id>`) to the
//! cart beside the list, then place the order (`#place-order`), which opens the order to pay.
//! The institution's own courses are listed without a cart (`#own-<course_id>`): they need no
//! seats.

mod cart;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use frontend_kit::cart::Cart;
use frontend_kit::format::{duration, price};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::catalog::{CatalogueItem, CatalogueQuery, CourseKind, CourseQuery, Listing};
use uuid::Uuid;
use yew::prelude::*;

use cart::CartPanel;

use crate::pages::certification::CertificationGate;

pub const TITLE: Text = Text::new("课程超市", "Course shop");
const KEYWORD: Text = Text::new("搜索课程", "Search courses");
const COURSE: Text = Text::new("课程", "Course");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const LECTURERS: Text = Text::new("讲师", "Lecturers");
const DURATION: Text = Text::new("时长", "Duration");
const SEAT_PRICE: Text = Text::new("单席位价格", "Price per seat");
const NOT_FOR_SALE: Text = Text::new("暂不出售", "Not for sale");
const SEATS: Text = Text::new("席位数", "Seats");
const ADD: Text = Text::new("加入购物车", "Add to cart");
/// The buying column's header, which also names its seat field (whose label is for screen readers).
const BUY: Text = Text::new("购买席位", "Buy seats");
const ADDED: Text = Text::new("已加入购物车", "Added to the cart");
const GATED: Text = Text::new("购买课程席位", "buy course seats");
const OWN: Text = Text::new(
    "本机构课程，无需购买席位",
    "Our own course: no seats needed",
);
const BAD_SEATS: Text = Text::new("请输入 1 以上的整数", "Enter a whole number from 1");

/// The seats typed for a course, when they are a whole number from 1.
fn typed_seats(typed: &HashMap<Uuid, String>, id: Uuid) -> Option<u32> {
    typed
        .get(&id)
        .map_or(Some(1), |s| s.trim().parse().ok())
        .filter(|n| *n > 0)
}

#[component]
pub fn Shop() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let keyword = use_state(String::new);
    let PagedList { query, remote } = use_paged(
        CatalogueQuery {
            kind: Some(CourseKind::Vod),
            ..Default::default()
        },
        |q| async move { frontend_kit::api::catalogue(&q).await },
    );
    // The institution's own published courses reach its trainees without seats: buying some
    // would be money spent for nothing, so their rows offer no cart.
    let own = use_remote((), |()| async move {
        let query = CourseQuery {
            listing: Some(Listing::Published),
            per_page: Some(100),
            ..Default::default()
        };
        frontend_kit::api::list_courses(&query).await
    });
    let own_ids: Rc<HashSet<Uuid>> = Rc::new(
        own.data
            .iter()
            .flat_map(|p| p.items.iter().map(|c| c.id))
            .collect(),
    );
    let cart = use_state(Cart::default);
    let typed = use_state(HashMap::<Uuid, String>::new);
    let search = {
        let (keyword, query) = (keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(CatalogueQuery {
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = turn_page(&query);
    let (i1, i2, i3, i4) = (i18n.clone(), i18n.clone(), i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(i18n.t(&COURSE), |c: &CatalogueItem| {
            html! { <><strong>{ &c.name }</strong><br /><code class="zp-muted">{ &c.course_no }</code></> }
        }),
        Column::new(
            i18n.t(&TRAINING_TYPE),
            move |c: &CatalogueItem| html! { i1.t(&c.training_type.text()) },
        ),
        Column::new(i18n.t(&LECTURERS), |c: &CatalogueItem| {
            // Each name whole (李/安/全 in a squeezed column reads as three people).
            html! { <>{ for c.lecturers.iter().enumerate().map(|(n, l)| html! {
                <>{ if n > 0 { "、" } else { "" } }<span class="zp-nowrap">{ &l.name }</span></>
            }) }</> }
        }),
        Column::new(
            i18n.t(&DURATION),
            move |c: &CatalogueItem| html! { <span class="zp-nowrap">{ duration(c.duration_seconds, i2.lang) }</span> },
        ),
        Column::new(i18n.t(&SEAT_PRICE), move |c: &CatalogueItem| {
            match c.seat_price_cents {
                Some(cents) => html! { <strong>{ price(cents) }</strong> },
                None => html! { <span class="zp-muted">{ i3.t(&NOT_FOR_SALE) }</span> },
            }
        }),
        Column::new(i18n.t(&BUY), {
            let (cart, typed, toaster) = (cart.clone(), typed.clone(), toaster.clone());
            move |c: &CatalogueItem| {
                if c.seat_price_cents.is_none() {
                    return html! {};
                }
                if own_ids.contains(&c.id) {
                    return html! { <span class="zp-muted" id={format!("own-{}", c.id)}>{ i4.t(&OWN) }</span> };
                }
                let id = c.id;
                let seats = typed_seats(&typed, id);
                let oninput = {
                    let typed = typed.clone();
                    Callback::from(move |v: String| {
                        let mut next = (*typed).clone();
                        next.insert(id, v);
                        typed.set(next);
                    })
                };
                let onclick = {
                    let (cart, item, toaster, i18n) =
                        (cart.clone(), c.clone(), toaster.clone(), i4.clone());
                    Callback::from(move |_: MouseEvent| {
                        let mut next = (*cart).clone();
                        if seats.is_some_and(|n| next.add(&item, n)) {
                            toaster.success(i18n.t(&ADDED));
                            cart.set(next);
                        }
                    })
                };
                let value = typed.get(&id).cloned().unwrap_or_else(|| "1".to_owned());
                html! {
                    <div class="zp-seat-pick zp-compact">
                        <TextField id={format!("seats-{id}")} label={i4.t(&SEATS)} input_type="number" inputmode="numeric"
                            min="1" step="1" {value} {oninput} error={seats.is_none().then(|| AttrValue::from(i4.t(&BAD_SEATS)))} />
                        <button id={format!("add-{id}")} type="button" class="pf-v6-c-button pf-m-secondary"
                            disabled={seats.is_none()} {onclick}>
                            <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-cart-plus" aria-hidden="true"></i></span>
                            <span class="pf-v6-c-button__text">{ i4.t(&ADD) }</span>
                        </button>
                    </div>
                }
            }
        }),
    ];
    let on_cart = {
        let cart = cart.clone();
        Callback::from(move |next: Cart| cart.set(next))
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <CertificationGate what={GATED} />
            <FilterBar onsearch={search}>
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)} />
            </FilterBar>
            <div class="zp-shop">
                <div>
                    <PagedTable<CatalogueItem> id="shop-table" caption={i18n.t(&TITLE)} {columns}
                        page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
                </div>
                <CartPanel cart={(*cart).clone()} onchange={on_cart} />
            </div>
        </>
    }
}
