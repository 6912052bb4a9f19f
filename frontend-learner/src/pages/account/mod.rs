//! `/learner/account`: the real-name status (and the way to verify), change password, rebind
//! phone.

use frontend_kit::pages::AccountSettings;
use yew::prelude::*;

use crate::pages::real_name::RealNameCard;

#[component]
pub fn Account() -> Html {
    html! { <AccountSettings><RealNameCard /></AccountSettings> }
}
