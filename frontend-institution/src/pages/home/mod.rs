//! `/institution/`: the institution user's home page.

use frontend_kit::pages::HomeSummary;
use yew::prelude::*;

#[component]
pub fn Home() -> Html {
    html! { <HomeSummary /> }
}
