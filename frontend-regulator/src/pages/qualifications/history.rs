//! The qualification review history: every application, approval, return and revocation, by
//! training type, paged (`#qualification-events-table`).

use frontend_kit::components::orgs::qualification_event_columns;
use frontend_kit::prelude::*;
use shared_types::catalog::TrainingType;
use shared_types::orgs::{QualificationEvent, QualificationQuery};
use yew::prelude::*;

use super::TRAINING_TYPE;

const CAPTION: Text = Text::new("资质审核记录", "Qualification history");

#[component]
pub fn History() -> Html {
    let i18n = use_i18n();
    let training_type = use_state(String::new);
    let PagedList { query, remote } = use_paged(QualificationQuery::default(), |q| async move {
        frontend_kit::api::qualification_events(&q).await
    });
    let search = {
        let (training_type, query) = (training_type.clone(), query.clone());
        Callback::from(move |()| {
            query.set(QualificationQuery {
                training_type: TrainingType::from_code(&training_type),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let on_page = turn_page(&query);
    html! {
        <>
            <FilterBar onsearch={search} id="history-search">
                <SelectField id="history-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, TrainingType::ALL, Some(&texts::ALL))} onchange={bind(&training_type)} />
            </FilterBar>
            <PagedTable<QualificationEvent> id="qualification-events-table" caption={i18n.t(&CAPTION)}
                columns={qualification_event_columns(&i18n, true)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
        </>
    }
}
