//! The real-name lists staff work through — the institution's trainees, the regulator's
//! review queue (T-7.2.6b): filtered by status (`#filter-status`), paged by the server, each
//! row marked with its class, the attribute naming it and `data-status` for styling and tests.

use std::future::Future;
use std::rc::Rc;

use shared_types::ApiError;
use shared_types::face::{RealNameQuery, RealNameReview, RealNameStatus};
use shared_types::page::Page;
use yew::prelude::*;

use crate::components::form::{SelectField, bind};
use crate::components::{
    Column, FilterBar, PagedList, PagedTable, Remote, RowClass, RowData, turn_page, use_paged,
};
use crate::i18n::{I18n, Labelled, Text, choices, texts};

/// The attribute naming a row, besides `data-status` (e.g. `("data-user-id", …)`).
pub type RowKey = fn(&RealNameReview) -> (&'static str, String);

/// A server-paged list of real-name verifications, from [`use_real_name_list`].
pub struct RealNameList {
    /// The last page the server sent; `remote.reload` loads it again (e.g. after a decision).
    pub remote: Remote<Page<RealNameReview>>,
    query: UseStateHandle<RealNameQuery>,
    /// The status chosen in `#filter-status` (its code, empty for all), applied by `search`.
    status: UseStateHandle<String>,
    /// Lists the chosen status from the first page.
    search: Callback<()>,
    row_class: Rc<RowClass<RealNameReview>>,
    row_data: Rc<RowData<RealNameReview>>,
}

/// The list as `fetch` loads it, starting at `initial` status (`None` for all); every row gets
/// the class `row_class` and the attributes `row_key` and `data-status`.
#[hook]
pub fn use_real_name_list<F, Fut>(
    initial: Option<RealNameStatus>,
    row_class: &'static str,
    row_key: RowKey,
    fetch: F,
) -> RealNameList
where
    F: Fn(RealNameQuery) -> Fut + 'static,
    Fut: Future<Output = Result<Page<RealNameReview>, ApiError>> + 'static,
{
    let status = use_state(|| initial.map(|s| s.code().to_owned()).unwrap_or_default());
    let PagedList { query, remote } = use_paged(
        RealNameQuery {
            status: initial,
            ..RealNameQuery::default()
        },
        fetch,
    );
    let search = {
        let (status, query) = (status.clone(), query.clone());
        Callback::from(move |()| {
            query.set(RealNameQuery {
                status: RealNameStatus::from_code(&status),
                page: Some(1),
                per_page: query.per_page,
            })
        })
    };
    let row_class = use_memo((), move |_| {
        RowClass::new(move |_: &RealNameReview| Some(row_class))
    });
    let row_data = use_memo((), move |_| {
        RowData::new(move |r: &RealNameReview| {
            vec![row_key(r), ("data-status", r.status.code().to_owned())]
        })
    });
    RealNameList {
        remote,
        query,
        status,
        search,
        row_class,
        row_data,
    }
}

impl RealNameList {
    /// The status filter (`#filter-status`, labelled `label`) with its search button.
    pub fn filter_bar(&self, i18n: &I18n, label: &Text) -> Html {
        html! {
            <FilterBar onsearch={self.search.clone()}>
                <SelectField id="filter-status" label={i18n.t(label)} value={(*self.status).clone()}
                    options={choices(i18n, RealNameStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&self.status)} />
            </FilterBar>
        }
    }

    /// The table (`id`) of the page loaded last, with its pager.
    pub fn table(
        &self,
        id: &'static str,
        caption: impl Into<AttrValue>,
        columns: Vec<Column<RealNameReview>>,
    ) -> Html {
        let remote = &self.remote;
        html! {
            <PagedTable<RealNameReview> {id} caption={caption.into()} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()}
                onpage={turn_page(&self.query)} row_class={(*self.row_class).clone()} row_data={(*self.row_data).clone()} />
        }
    }
}
