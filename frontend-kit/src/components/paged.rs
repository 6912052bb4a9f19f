//! A server-paged list: the error of the last load, the data table and its pager in one piece, so
//! list pages only build their filters and columns.

use std::future::Future;
use std::rc::Rc;

use shared_types::ApiError;
use shared_types::catalog::CatalogueQuery;
use shared_types::commerce::{InvoiceQuery, OrderQuery};
use shared_types::face::{FaceCheckQuery, RealNameQuery};
use shared_types::learning::RiskQuery;
use shared_types::orgs::{EnterpriseQuery, InstitutionQuery, QualificationQuery};
use shared_types::page::Page;
use shared_types::training::{ClassQuery, ProjectQuery, TraineeQuery};
use yew::prelude::*;

use super::form::{FormError, SubmitButton, on_submit};
use super::remote::{Remote, use_remote};
use super::table::{Column, DataTable, Pager, RowClass, RowData};
use crate::i18n::{texts, use_i18n};

/// The page size lists start with.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// A list's filter that names the page it asks for.
pub trait Paged: Clone + 'static {
    /// The same filter, asking for another page.
    fn at_page(&self, page: u32, per_page: u32) -> Self;
}

macro_rules! paged {
    ($($t:ty),* $(,)?) => {
        $(impl Paged for $t {
            fn at_page(&self, page: u32, per_page: u32) -> Self {
                Self { page: Some(page), per_page: Some(per_page), ..self.clone() }
            }
        })*
    };
}

paged!(
    CatalogueQuery,
    InstitutionQuery,
    QualificationQuery,
    EnterpriseQuery,
    OrderQuery,
    InvoiceQuery,
    ProjectQuery,
    ClassQuery,
    TraineeQuery,
    RiskQuery,
    RealNameQuery,
    FaceCheckQuery,
);

/// The pager's callback for a list whose filter is held in `query`: the filter at the new page.
pub fn turn_page<Q: Paged>(query: &UseStateHandle<Q>) -> Callback<(u32, u32)> {
    let query = query.clone();
    Callback::from(move |(page, per_page)| query.set(query.at_page(page, per_page)))
}

/// A server-paged list: its filter, which starts as `initial` at the first page, and the last
/// page the server sent for it (loaded again whenever the filter changes).
pub struct PagedList<Q, T> {
    pub query: UseStateHandle<Q>,
    pub remote: Remote<Page<T>>,
}

#[hook]
pub fn use_paged<Q, T, F, Fut>(initial: Q, loader: F) -> PagedList<Q, T>
where
    Q: Paged + PartialEq,
    T: 'static,
    F: Fn(Q) -> Fut + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let query = use_state(|| initial.at_page(1, DEFAULT_PER_PAGE));
    let remote = use_remote((*query).clone(), loader);
    PagedList { query, remote }
}

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    /// The filters' fields.
    pub children: Html,
    /// Applies the filters (from the first page).
    pub onsearch: Callback<()>,
    /// The search button's id.
    #[prop_or(AttrValue::Static("search"))]
    pub id: AttrValue,
}

/// The filters above a list, with their search button; Enter in a field searches too.
#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let i18n = use_i18n();
    html! {
        <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(props.onsearch.clone())}>
            { props.children.clone() }
            <div class="pf-v6-c-form__group pf-m-action">
                <SubmitButton id={props.id.clone()} label={i18n.t(&texts::SEARCH)} />
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct PagedTableProps<R: PartialEq + 'static> {
    pub id: AttrValue,
    pub caption: AttrValue,
    pub columns: Vec<Column<R>>,
    /// The last page the server sent (kept while the next one loads).
    pub page: Option<Rc<Page<R>>>,
    #[prop_or_default]
    pub loading: bool,
    #[prop_or_default]
    pub error: Option<ApiError>,
    /// Called with `(page, per_page)`.
    pub onpage: Callback<(u32, u32)>,
    #[prop_or_default]
    pub row_class: Option<RowClass<R>>,
    #[prop_or_default]
    pub row_data: Option<RowData<R>>,
}

#[component]
pub fn PagedTable<R: Clone + PartialEq + 'static>(props: &PagedTableProps<R>) -> Html {
    let i18n = use_i18n();
    let rows = props
        .page
        .as_ref()
        .map(|p| Rc::new(p.items.clone()))
        .unwrap_or_default();
    let (page, per_page, total) = props
        .page
        .as_ref()
        .map(|p| (p.page, p.per_page, p.total))
        .unwrap_or((1, DEFAULT_PER_PAGE, 0));
    html! {
        <>
            <FormError message={props.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <DataTable<R> id={props.id.clone()} caption={props.caption.clone()} columns={props.columns.clone()}
                {rows} loading={props.loading} row_class={props.row_class.clone()} row_data={props.row_data.clone()} />
            <Pager {page} {per_page} {total} onchange={props.onpage.clone()} />
        </>
    }
}
