//! `/learner/account`: change password, rebind phone.

use frontend_kit::pages::AccountSettings;
use yew::prelude::*;

#[component]
pub fn Account() -> Html {
    html! { <AccountSettings /> }
}
