//! `/regulator/classes`: 开班审核 (T-7.2.7h) — two tabs of the kit's class list: the opening
//! applications awaiting review (status `submitted`) and every class submitted so far, filtered by
//! status; each opens the class's page, where the review desk decides.

mod detail;

use frontend_kit::components::training::{ClassList, ClassRoute};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::training::ClassStatus;
use uuid::Uuid;
use yew::prelude::*;

pub use detail::ClassPage;

use crate::app::Route;

pub const TITLE: Text = Text::new("开班审核", "Classes");
const SECTIONS: Text = Text::new("班级", "Classes");
const QUEUE: Text = Text::new("待审核申请", "Applications");
const ALL: Text = Text::new("全部班级", "All classes");

impl ClassRoute for Route {
    fn class(id: Uuid) -> Self {
        Route::Class { id }
    }
}

#[component]
pub fn Classes() -> Html {
    let tab = use_state_eq(|| "queue");
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |key: &'static str| tab.set(key))
    };
    let fixed = (*tab == "queue").then_some(ClassStatus::Submitted);
    html! {
        <>
            <PageTitle title={TITLE} />
            <Tabs label={SECTIONS} tabs={vec![("queue", QUEUE), ("all", ALL)]} selected={*tab} {onselect} />
            // A new tab starts its list afresh.
            <ClassList<Route> key={*tab} with_institution=true {fixed} />
        </>
    }
}
