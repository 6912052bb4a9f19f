//! The course page's history of transitions (T-7.2.7k); it loads again when the page reports
//! a change. The review rounds are the kit's [`ReviewRounds`].

use std::rc::Rc;

use frontend_kit::prelude::*;
use shared_types::catalog::CourseEvent;
use shared_types::review::ReviewRecordQuery;
use uuid::Uuid;
use yew::prelude::*;

use crate::pages::records::event_columns;

/// The history shows this many transitions; the review records page has them all.
const HISTORY_ROWS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct CourseSectionProps {
    pub course_id: Uuid,
    /// Changes made on the page so far (reload when it moves).
    pub changes: u32,
}

#[component]
pub fn History(props: &CourseSectionProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote((props.course_id, props.changes), |(id, _)| async move {
        let query = ReviewRecordQuery {
            course_id: Some(id),
            per_page: Some(HISTORY_ROWS),
            ..Default::default()
        };
        frontend_kit::api::review_records(&query).await
    });
    let rows = remote
        .data
        .as_ref()
        .map(|p| Rc::new(p.items.clone()))
        .unwrap_or_default();
    html! {
        <>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<CourseEvent> id="history-table" caption={i18n.t(&super::TITLE)}
                columns={event_columns(&i18n, false)} {rows} loading={remote.loading} />
        </>
    }
}
