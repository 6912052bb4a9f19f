//! A server-paged list: the error of the last load, the data table and its pager in one piece, so
//! list pages only build their filters and columns.

use std::rc::Rc;

use shared_types::ApiError;
use shared_types::page::Page;
use yew::prelude::*;

use super::form::FormError;
use super::table::{Column, DataTable, Pager};
use crate::i18n::use_i18n;

/// The page size lists start with.
pub const DEFAULT_PER_PAGE: u32 = 20;

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
                {rows} loading={props.loading} />
            <Pager {page} {per_page} {total} onchange={props.onpage.clone()} />
        </>
    }
}
