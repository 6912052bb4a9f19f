//! The order list (`#orders-table`) and the invoice list (`#invoices-table`), filtered by status
//! and paged: `admin` lists every institution's (`/api/v1/admin/…`, with whose they are), else
//! the caller's institution's. Each loads again when the page reports a change (T-7.2.5c).

use std::future::Future;
use std::pin::Pin;

use shared_types::ApiError;
use shared_types::commerce::{
    Invoice, InvoiceQuery, InvoiceStatus, Order, OrderQuery, OrderStatus,
};
use shared_types::page::Page;
use yew::prelude::*;

use super::columns::{invoice_columns, order_columns};
use crate::components::form::{SelectField, bind};
use crate::components::{
    Column, DEFAULT_PER_PAGE, FilterBar, Paged, PagedTable, turn_page, use_remote,
};
use crate::i18n::{I18n, Labelled, Text, choices, texts, use_i18n};

const STATUS: Text = Text::new("状态", "Status");

type Loading<R> = Pin<Box<dyn Future<Output = Result<Page<R>, ApiError>>>>;

/// A purchase record listed by status: orders and invoices.
pub trait Purchase: Clone + PartialEq + 'static {
    type Status: Labelled + PartialEq + 'static;
    type Query: Paged + PartialEq;
    const TABLE: &'static str;
    const CAPTION: Text;
    const STATUSES: &'static [Self::Status];
    fn query(status: Option<Self::Status>) -> Self::Query;
    fn columns(i18n: &I18n, admin: bool) -> Vec<Column<Self>>;
    fn load(admin: bool, query: Self::Query) -> Loading<Self>;
}

impl Purchase for Order {
    type Status = OrderStatus;
    type Query = OrderQuery;
    const TABLE: &'static str = "orders-table";
    const CAPTION: Text = Text::new("订单", "Orders");
    const STATUSES: &'static [OrderStatus] = OrderStatus::ALL;

    fn query(status: Option<OrderStatus>) -> OrderQuery {
        OrderQuery {
            status,
            ..Default::default()
        }
    }

    fn columns(i18n: &I18n, admin: bool) -> Vec<Column<Self>> {
        order_columns(i18n, admin)
    }

    fn load(admin: bool, q: OrderQuery) -> Loading<Self> {
        Box::pin(async move {
            if admin {
                crate::api::admin_orders(&q).await
            } else {
                crate::api::list_orders(&q).await
            }
        })
    }
}

impl Purchase for Invoice {
    type Status = InvoiceStatus;
    type Query = InvoiceQuery;
    const TABLE: &'static str = "invoices-table";
    const CAPTION: Text = Text::new("发票", "Invoices");
    const STATUSES: &'static [InvoiceStatus] = InvoiceStatus::ALL;

    fn query(status: Option<InvoiceStatus>) -> InvoiceQuery {
        InvoiceQuery {
            status,
            ..Default::default()
        }
    }

    fn columns(i18n: &I18n, admin: bool) -> Vec<Column<Self>> {
        invoice_columns(i18n, admin)
    }

    fn load(admin: bool, q: InvoiceQuery) -> Loading<Self> {
        Box::pin(async move {
            if admin {
                crate::api::admin_invoices(&q).await
            } else {
                crate::api::list_invoices(&q).await
            }
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct PurchaseListProps<R: Purchase> {
    /// Every institution's (the regulator), else the caller's own.
    #[prop_or_default]
    pub admin: bool,
    /// The status the filter starts with.
    #[prop_or_default]
    pub status: Option<R::Status>,
    #[prop_or_default]
    pub actions: Option<Column<R>>,
    /// Changes made on the page so far: the list loads again when it moves.
    #[prop_or_default]
    pub changes: u32,
}

#[component]
pub fn PurchaseList<R: Purchase>(props: &PurchaseListProps<R>) -> Html {
    let i18n = use_i18n();
    let status = use_state(|| {
        props
            .status
            .map(|s| s.code().to_owned())
            .unwrap_or_default()
    });
    let query = use_state(|| R::query(props.status).at_page(1, DEFAULT_PER_PAGE));
    let admin = props.admin;
    let remote = use_remote(((*query).clone(), props.changes), move |(q, _)| {
        R::load(admin, q)
    });
    let search = {
        let (status, query) = (status.clone(), query.clone());
        Callback::from(move |()| {
            query.set(R::query(R::Status::from_code(&status)).at_page(1, DEFAULT_PER_PAGE))
        })
    };
    let mut columns = R::columns(&i18n, admin);
    columns.extend(props.actions.clone());
    html! {
        <>
            <FilterBar onsearch={search}>
                <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                    options={choices(&i18n, R::STATUSES.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
            </FilterBar>
            <PagedTable<R> id={R::TABLE} caption={i18n.t(&R::CAPTION)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={turn_page(&query)} />
        </>
    }
}

/// The order list.
pub type OrderList = PurchaseList<Order>;
/// The invoice list.
pub type InvoiceList = PurchaseList<Invoice>;
