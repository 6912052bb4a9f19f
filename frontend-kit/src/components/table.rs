//! A generic data table (PatternFly table that stacks into cards on narrow screens) and its pager.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{texts, use_i18n};

/// One column: its header and how a row renders in it.
pub struct Column<R> {
    pub title: AttrValue,
    pub render: Rc<dyn Fn(&R) -> Html>,
}

impl<R> Column<R> {
    pub fn new(title: impl Into<AttrValue>, render: impl Fn(&R) -> Html + 'static) -> Self {
        Self {
            title: title.into(),
            render: Rc::new(render),
        }
    }
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        Self {
            title: self.title.clone(),
            render: self.render.clone(),
        }
    }
}

impl<R> PartialEq for Column<R> {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title && Rc::ptr_eq(&self.render, &other.render)
    }
}

/// A class some rows get (e.g. `zp-row-bad` on the rows of an import that will be left out).
pub struct RowClass<R>(Rc<ClassOf<R>>);

type ClassOf<R> = dyn Fn(&R) -> Option<&'static str>;

impl<R> RowClass<R> {
    pub fn new(class: impl Fn(&R) -> Option<&'static str> + 'static) -> Self {
        Self(Rc::new(class))
    }
}

impl<R> PartialEq for RowClass<R> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// `data-*` attributes some rows carry (e.g. a risk event's kind), for styling and tests.
pub struct RowData<R>(Rc<DataOf<R>>);

type DataOf<R> = dyn Fn(&R) -> Vec<(&'static str, String)>;

impl<R> RowData<R> {
    pub fn new(data: impl Fn(&R) -> Vec<(&'static str, String)> + 'static) -> Self {
        Self(Rc::new(data))
    }
}

impl<R> Clone for RowData<R> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<R> Clone for RowClass<R> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<R> PartialEq for RowData<R> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct DataTableProps<R: PartialEq + 'static> {
    pub id: AttrValue,
    /// Accessible name of the table.
    pub caption: AttrValue,
    pub columns: Vec<Column<R>>,
    pub rows: Rc<Vec<R>>,
    #[prop_or_default]
    pub loading: bool,
    #[prop_or_default]
    pub row_class: Option<RowClass<R>>,
    #[prop_or_default]
    pub row_data: Option<RowData<R>>,
}

#[component]
pub fn DataTable<R: PartialEq + 'static>(props: &DataTableProps<R>) -> Html {
    let i18n = use_i18n();
    let body = if props.rows.is_empty() {
        let text = if props.loading {
            i18n.t(&texts::LOADING)
        } else {
            i18n.t(&texts::NO_DATA)
        };
        html! {
            <tbody class="pf-v6-c-table__tbody">
                <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td zp-empty" colspan={props.columns.len().to_string()}>{ text }</td></tr>
            </tbody>
        }
    } else {
        html! {
            <tbody class="pf-v6-c-table__tbody">
                { for props.rows.iter().map(|row| {
                    let class = classes!("pf-v6-c-table__tr", props.row_class.as_ref().and_then(|c| (c.0)(row)));
                    let mut tr = yew::virtual_dom::VTag::new("tr");
                    tr.add_attribute("class", class.to_string());
                    for (name, value) in props.row_data.as_ref().map(|d| (d.0)(row)).unwrap_or_default() {
                        tr.add_attribute(name, value);
                    }
                    tr.add_children(props.columns.iter().map(|c| html! {
                        <td class="pf-v6-c-table__td" data-label={c.title.clone()}>{ (c.render)(row) }</td>
                    }));
                    Html::from(tr)
                }) }
            </tbody>
        }
    };
    // Headers wrap (PatternFly truncates them to "培训…" by default) and a table wider than
    // the page scrolls inside its box rather than widening the page.
    html! {
        <div class="zp-scroll">
            <table id={props.id.clone()} class="pf-v6-c-table pf-m-grid-md pf-m-compact" aria-busy={props.loading.to_string()}>
                <caption class="zp-sr-only">{ props.caption.clone() }</caption>
                <thead class="pf-v6-c-table__thead pf-m-wrap">
                    <tr class="pf-v6-c-table__tr">
                        { for props.columns.iter().map(|c| html! {
                            <th class="pf-v6-c-table__th" scope="col">{ c.title.clone() }</th>
                        }) }
                    </tr>
                </thead>
                { body }
            </table>
        </div>
    }
}

/// A cell's text, or a muted dash when there is none: a blank cell reads as a value that failed
/// to load, above all in rows stacked at phone width where it sits beside its label.
pub fn or_dash(text: impl Into<String>) -> Html {
    let text: String = text.into();
    if text.trim().is_empty() {
        html! { <span class="zp-muted">{ "—" }</span> }
    } else {
        html! { text }
    }
}

/// The number of pages for `total` items (at least 1).
pub fn page_count(total: i64, per_page: u32) -> u32 {
    let per_page = i64::from(per_page.max(1));
    u32::try_from((total.max(0) + per_page - 1) / per_page)
        .unwrap_or(u32::MAX)
        .max(1)
}

/// The rows of page `page` (1-based) when a list is paged here rather than by the server.
pub fn client_page<R: Clone>(rows: &[R], page: u32, per_page: u32) -> Vec<R> {
    let per_page = per_page.max(1) as usize;
    let start = (page.max(1) as usize - 1).saturating_mul(per_page);
    rows.iter().skip(start).take(per_page).cloned().collect()
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
    /// Called with `(page, per_page)`.
    pub onchange: Callback<(u32, u32)>,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let i18n = use_i18n();
    let pages = page_count(props.total, props.per_page);
    let page = props.page.clamp(1, pages);
    let go = |to: u32| {
        let per_page = props.per_page;
        props.onchange.reform(move |_: MouseEvent| (to, per_page))
    };
    let on_per_page = props.onchange.reform(|e: Event| {
        use wasm_bindgen::JsCast;
        let v = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| s.value().parse().ok())
            .unwrap_or(20);
        (1, v)
    });
    html! {
        <nav class="zp-pager" aria-label={i18n.t(&texts::PAGINATION)}>
            <span class="zp-pager-info" aria-live="polite">
                { i18n.fmt(&texts::PAGE_INFO, &[&props.total.to_string(), &page.to_string(), &pages.to_string()]) }
            </span>
            <label class="zp-pager-size">
                <span>{ i18n.t(&texts::PER_PAGE) }</span>
                <span class="pf-v6-c-form-control">
                    <select onchange={on_per_page}>
                        { for [10u32, 20, 50, 100].iter().map(|n| html! {
                            <option value={n.to_string()} selected={*n == props.per_page}>{ n }</option>
                        }) }
                    </select>
                </span>
            </label>
            <button type="button" class="pf-v6-c-button pf-m-plain" aria-label={i18n.t(&texts::PREV_PAGE)}
                disabled={page <= 1} onclick={go(page.saturating_sub(1).max(1))}>
                <span class="pf-v6-c-button__icon"><i class="fas fa-angle-left" aria-hidden="true"></i></span>
            </button>
            <button type="button" class="pf-v6-c-button pf-m-plain" aria-label={i18n.t(&texts::NEXT_PAGE)}
                disabled={page >= pages} onclick={go((page + 1).min(pages))}>
                <span class="pf-v6-c-button__icon"><i class="fas fa-angle-right" aria-hidden="true"></i></span>
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up_and_never_drops_below_one() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(5, 0), 5);
    }

    #[test]
    fn a_client_page_is_a_window_of_the_rows() {
        let rows: Vec<u32> = (1..=45).collect();
        assert_eq!(client_page(&rows, 1, 20).first(), Some(&1));
        assert_eq!(client_page(&rows, 3, 20), vec![41, 42, 43, 44, 45]);
        assert!(client_page(&rows, 4, 20).is_empty());
        assert_eq!(client_page(&rows, 0, 0), vec![1]);
    }
}
