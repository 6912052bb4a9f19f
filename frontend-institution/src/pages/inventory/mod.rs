//! `/institution/inventory`: 席位库存 (T-7.2.5c) — per course, the seats bought, used (a trainee
//! reached by a task with the course) and remaining (`#inventory-table`); and the courses the
//! institution can give its trainees (tasks, plans): those it holds seats of and its own.

use std::rc::Rc;

use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::ApiError;
use shared_types::catalog::{CourseQuery, Listing};
use shared_types::commerce::SeatInventory;
use uuid::Uuid;
use yew::prelude::*;
use yew_nested_router::components::Link;

use crate::app::Route;

pub const TITLE: Text = Text::new("席位库存", "Seat inventory");
const COURSE: Text = Text::new("课程", "Course");
const PURCHASED: Text = Text::new("已购", "Purchased");
const USED: Text = Text::new("已用", "Used");
const REMAINING: Text = Text::new("剩余", "Remaining");
const BUY_MORE: Text = Text::new("购买席位", "Buy seats");
const SEATS_LEFT: Text = Text::new("剩余 {0} 个席位", "{0} seats left");
const OWN: Text = Text::new("本机构课程，无需席位", "Our own course, no seats needed");

/// A course the institution can put in a task or a plan.
#[derive(Clone, PartialEq)]
pub struct UsableCourse {
    pub id: Uuid,
    /// Name and number.
    pub label: String,
    /// Seats left, or that none are needed.
    pub note: String,
}

/// The inventory's courses (with the seats left), then the institution's own published courses
/// not already listed.
pub async fn usable_courses(i18n: I18n) -> Result<Vec<UsableCourse>, ApiError> {
    let seats = frontend_kit::api::inventory().await?;
    let own = frontend_kit::api::list_courses(&CourseQuery {
        listing: Some(Listing::Published),
        per_page: Some(100),
        ..Default::default()
    })
    .await?;
    let mut list: Vec<UsableCourse> = seats
        .iter()
        .map(|s| UsableCourse {
            id: s.course_id,
            label: format!("{} {}", s.course_name, s.course_no),
            note: i18n.fmt(&SEATS_LEFT, &[&s.remaining.to_string()]),
        })
        .collect();
    for c in own.items {
        if !list.iter().any(|l| l.id == c.id) {
            list.push(UsableCourse {
                id: c.id,
                label: format!("{} {}", c.name, c.course_no),
                note: i18n.t(&OWN).to_owned(),
            });
        }
    }
    Ok(list)
}

#[component]
pub fn Inventory() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::inventory());
    let columns = vec![
        Column::new(i18n.t(&COURSE), |s: &SeatInventory| {
            html! { <><strong>{ &s.course_name }</strong><br /><code class="zp-muted">{ &s.course_no }</code></> }
        }),
        Column::new(
            i18n.t(&PURCHASED),
            |s: &SeatInventory| html! { s.purchased.to_string() },
        ),
        Column::new(
            i18n.t(&USED),
            |s: &SeatInventory| html! { s.used.to_string() },
        ),
        Column::new(i18n.t(&REMAINING), |s: &SeatInventory| {
            html! { <strong class={(s.remaining <= 0).then_some("zp-badge-off")}>{ s.remaining }</strong> }
        }),
    ];
    let rows: Rc<Vec<SeatInventory>> = remote.data.clone().unwrap_or_default();
    html! {
        <>
            <PageTitle title={TITLE}>
                <Link<Route> to={Route::Shop} class="pf-v6-c-button pf-m-secondary">{ i18n.t(&BUY_MORE) }</Link<Route>>
            </PageTitle>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<SeatInventory> id="inventory-table" caption={i18n.t(&TITLE)} {columns} {rows} loading={remote.loading} />
        </>
    }
}
