//! The columns of order and invoice lists (`with_institution` adds whose they are) (T-7.2.5c).

use shared_types::commerce::{Invoice, Order};
use yew::prelude::*;

use crate::components::{Column, format_time, or_dash, status_label};
use crate::format::price;
use crate::i18n::{I18n, Text};

const ORDER_NO: Text = Text::new("订单号", "Order number");
const INSTITUTION: Text = Text::new("机构", "Institution");
const COURSES: Text = Text::new("课程与席位", "Courses and seats");
const SEATS: Text = Text::new("{0} × {1} 个席位", "{0} × {1} seats");
const TOTAL: Text = Text::new("金额", "Amount");
const STATUS: Text = Text::new("状态", "Status");
const CREATED: Text = Text::new("下单时间", "Ordered");
const PAID: Text = Text::new("支付时间", "Paid");
const TITLE: Text = Text::new("发票抬头", "Invoice title");
const TAX_NO: Text = Text::new("纳税人识别号", "Tax number");
const INVOICE_NO: Text = Text::new("发票号码", "Invoice number");
const REQUESTED: Text = Text::new("申请时间", "Requested");
const NOTE: Text = Text::new("驳回原因", "Rejection reason");

fn institution_first<R: 'static>(
    i18n: &I18n,
    mut columns: Vec<Column<R>>,
    with_institution: bool,
    name: fn(&R) -> &str,
) -> Vec<Column<R>> {
    if with_institution {
        columns.insert(
            1,
            Column::new(
                i18n.t(&INSTITUTION),
                move |r: &R| html! { name(r).to_owned() },
            ),
        );
    }
    columns
}

/// Number, courses with seats, amount, status, ordered and paid.
pub fn order_columns(i18n: &I18n, with_institution: bool) -> Vec<Column<Order>> {
    let (i1, i2) = (i18n.clone(), i18n.clone());
    let columns = vec![
        Column::new(
            i18n.t(&ORDER_NO),
            |o: &Order| html! { <code>{ &o.order_no }</code> },
        ),
        Column::new(i18n.t(&COURSES), move |o: &Order| {
            html! {
                <ul class="zp-plain-list">
                    { for o.lines.iter().map(|l| html! {
                        <li>{ i1.fmt(&SEATS, &[&l.course_name, &l.seats.to_string()]) }</li>
                    }) }
                </ul>
            }
        }),
        Column::new(
            i18n.t(&TOTAL),
            |o: &Order| html! { <strong>{ price(o.total_cents) }</strong> },
        ),
        Column::new(i18n.t(&STATUS), move |o: &Order| {
            status_label(&i2, o.status)
        }),
        Column::new(i18n.t(&CREATED), |o: &Order| {
            html! { <span class="zp-nowrap">{ format_time(&o.created_at) }</span> }
        }),
        Column::new(i18n.t(&PAID), |o: &Order| {
            html! { <span class="zp-nowrap">{ or_dash(o.paid_at.as_ref().map(format_time).unwrap_or_default()) }</span> }
        }),
    ];
    institution_first(i18n, columns, with_institution, |o| &o.institution_name)
}

/// Order, title, tax number, amount, status, invoice number, requested and the rejection reason.
pub fn invoice_columns(i18n: &I18n, with_institution: bool) -> Vec<Column<Invoice>> {
    let i1 = i18n.clone();
    let columns = vec![
        Column::new(
            i18n.t(&ORDER_NO),
            |v: &Invoice| html! { <code>{ &v.order_no }</code> },
        ),
        Column::new(i18n.t(&TITLE), |v: &Invoice| html! { &v.title }),
        Column::new(
            i18n.t(&TAX_NO),
            |v: &Invoice| html! { <code>{ &v.tax_no }</code> },
        ),
        Column::new(
            i18n.t(&TOTAL),
            |v: &Invoice| html! { price(v.amount_cents) },
        ),
        Column::new(i18n.t(&STATUS), move |v: &Invoice| {
            status_label(&i1, v.status)
        }),
        Column::new(i18n.t(&INVOICE_NO), |v: &Invoice| {
            or_dash(v.invoice_no.clone().unwrap_or_default())
        }),
        Column::new(i18n.t(&REQUESTED), |v: &Invoice| {
            html! { <span class="zp-nowrap">{ format_time(&v.requested_at) }</span> }
        }),
        Column::new(i18n.t(&NOTE), |v: &Invoice| {
            html! { <span class="zp-prewrap">{ or_dash(v.reject_reason.clone()) }</span> }
        }),
    ];
    institution_first(i18n, columns, with_institution, |v| &v.institution_name)
}
