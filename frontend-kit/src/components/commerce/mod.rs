//! Course purchase as the institution and the regulator both show it (T-7.2.5c): the columns of
//! order and invoice lists, and those lists themselves with their status filter — the
//! institution's own, or every institution's for the regulator's desk. The apps add their action
//! columns.

mod columns;
mod lists;

pub use columns::{invoice_columns, order_columns};
pub use lists::{InvoiceList, OrderList};
