//! The preview of a trainee import (Z-II.1): how many rows will go in and how many will not, the
//! seats the good rows use against those left, and every row as read — the bad ones first,
//! marked `zp-row-bad`, each problem in the language shown — paged here.

use std::rc::Rc;

use shared_types::training::{ImportPreview, ImportRow, RowProblem};
use yew::prelude::*;

use crate::components::{
    Column, DEFAULT_PER_PAGE, DataTable, Pager, RowClass, client_page, format_time,
};
use crate::i18n::{I18n, Lang, Text, use_i18n};

const SUMMARY: Text = Text::new("文件“{0}”共 {1} 行：", "“{0}” holds {1} rows: ");
const GOOD: Text = Text::new("可导入", "ready");
const BAD: Text = Text::new("有问题", "with problems");
const ROWS_UNIT: Text = Text::new("行", "rows");
const EXPIRES: Text = Text::new(
    "请在 {0} 前确认导入，逾期需重新上传。",
    "Confirm before {0}, or upload again.",
);
const SEATS: Text = Text::new("所需席位", "Seats needed");
const NEEDED: Text = Text::new("需要", "Needed");
const REMAINING: Text = Text::new("剩余", "Remaining");
const SHORT: Text = Text::new("席位不足", "Not enough seats");
const ROWS: Text = Text::new("导入明细", "Rows");
const LINE: Text = Text::new("行号", "Row");
const NAME: Text = Text::new("姓名", "Name");
const ID_CARD: Text = Text::new("身份证号", "ID card");
const PHONE: Text = Text::new("手机号", "Phone");
const TRAINEE_TYPE: Text = Text::new("学员类型", "Trainee type");
const ENTERPRISE: Text = Text::new("所属企业", "Enterprise");
const EDUCATION: Text = Text::new("文化程度", "Education");
const PROBLEMS: Text = Text::new("问题", "Problems");
const OK: Text = Text::new("可导入", "OK");
const EXISTING: Text = Text::new("已有账号", "Has an account");
const WHOLE_ROW: Text = Text::new("整行", "Row");

/// Bad rows first, each group in file order.
pub fn bad_rows_first(rows: &[ImportRow]) -> Vec<ImportRow> {
    let mut sorted = rows.to_vec();
    sorted.sort_by_key(|r| (r.problems.is_empty(), r.line));
    sorted
}

fn field_label(field: &str) -> Text {
    match field {
        "name" => NAME,
        "id_card_no" => ID_CARD,
        "phone" => PHONE,
        "trainee_type" => TRAINEE_TYPE,
        "enterprise" => ENTERPRISE,
        "education" => EDUCATION,
        _ => WHOLE_ROW,
    }
}

fn problem(i18n: &I18n, p: &RowProblem) -> Html {
    let message = match i18n.lang {
        Lang::ZhCn => &p.zh,
        Lang::EnUs => &p.en,
    };
    html! { <li><strong>{ i18n.t(&field_label(&p.field)) }</strong>{ "：" }{ message }</li> }
}

fn columns(i18n: &I18n) -> Vec<Column<ImportRow>> {
    let i1 = i18n.clone();
    let text = |get: fn(&ImportRow) -> &str| move |r: &ImportRow| html! { get(r).to_owned() };
    let one_line = |get: fn(&ImportRow) -> &str| move |r: &ImportRow| html! { <span class="zp-nowrap">{ get(r).to_owned() }</span> };
    vec![
        Column::new(i18n.t(&LINE), |r: &ImportRow| html! { r.line.to_string() }),
        // Names and numbers stay on one line (the box scrolls) so a row is easy to check
        // against the file.
        Column::new(i18n.t(&NAME), one_line(|r| &r.name)),
        Column::new(
            i18n.t(&ID_CARD),
            |r: &ImportRow| html! { <code class="zp-nowrap">{ &r.id_card_no }</code> },
        ),
        Column::new(i18n.t(&PHONE), one_line(|r| &r.phone)),
        Column::new(i18n.t(&TRAINEE_TYPE), text(|r| &r.trainee_type)),
        Column::new(i18n.t(&ENTERPRISE), text(|r| &r.enterprise)),
        Column::new(i18n.t(&EDUCATION), text(|r| &r.education)),
        Column::new(i18n.t(&PROBLEMS), move |r: &ImportRow| {
            if r.problems.is_empty() {
                html! {
                    <span class="zp-labels">
                        <span class="zp-ok-text">{ i1.t(&OK) }</span>
                        if r.existing_account { <span class="zp-muted">{ i1.t(&EXISTING) }</span> }
                    </span>
                }
            } else {
                html! { <ul class="zp-plain-list zp-badge-off">{ for r.problems.iter().map(|p| problem(&i1, p)) }</ul> }
            }
        }),
    ]
}

#[derive(Properties, PartialEq)]
pub struct ImportPreviewViewProps {
    pub preview: Rc<ImportPreview>,
}

#[component]
pub fn ImportPreviewView(props: &ImportPreviewViewProps) -> Html {
    let i18n = use_i18n();
    let paging = use_state_eq(|| (1u32, DEFAULT_PER_PAGE));
    let p = &props.preview;
    let sorted = use_memo(p.clone(), |p| bad_rows_first(&p.rows));
    let (page, per_page) = *paging;
    let rows = Rc::new(client_page(&sorted, page, per_page));
    let on_page = {
        let paging = paging.clone();
        Callback::from(move |next: (u32, u32)| paging.set(next))
    };
    let row_class = RowClass::new(|r: &ImportRow| (!r.problems.is_empty()).then_some("zp-row-bad"));
    html! {
        <div id="import-preview">
            <p>
                { i18n.fmt(&SUMMARY, &[&p.file_name, &p.total.to_string()]) }
                { i18n.t(&GOOD) }{ " " }<strong id="import-good">{ p.good }</strong>{ " " }{ i18n.t(&ROWS_UNIT) }{ "，" }
                { i18n.t(&BAD) }{ " " }<strong id="import-bad" class={(p.bad > 0).then_some("zp-badge-off")}>{ p.bad }</strong>{ " " }{ i18n.t(&ROWS_UNIT) }
            </p>
            <p class="zp-muted">{ i18n.fmt(&EXPIRES, &[&format_time(&p.expires_at)]) }</p>
            if !p.seats_needed.is_empty() {
                <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&SEATS) }</h3>
                <ul id="import-seats" class="zp-plain-list">
                    { for p.seats_needed.iter().map(|s| html! {
                        <li class={(s.needed > s.remaining).then_some("zp-badge-off")}>
                            { format!("{}：{} {} / {} {}", s.course_name, i18n.t(&NEEDED), s.needed, i18n.t(&REMAINING), s.remaining) }
                            if s.needed > s.remaining { { " · " }{ i18n.t(&SHORT) } }
                        </li>
                    }) }
                </ul>
            }
            <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&ROWS) }</h3>
            <DataTable<ImportRow> id="import-rows" caption={i18n.t(&ROWS)} columns={columns(&i18n)} {rows} {row_class} />
            <Pager {page} {per_page} total={i64::try_from(sorted.len()).unwrap_or(i64::MAX)} onchange={on_page} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, bad: bool) -> ImportRow {
        ImportRow {
            line,
            name: format!("学员{line}"),
            id_card_no: String::new(),
            phone: String::new(),
            trainee_type: String::new(),
            enterprise: String::new(),
            education: String::new(),
            problems: if bad {
                vec![RowProblem {
                    field: "phone".into(),
                    zh: "手机号格式不正确".into(),
                    en: "bad phone".into(),
                }]
            } else {
                Vec::new()
            },
            existing_account: false,
        }
    }

    #[test]
    fn bad_rows_come_first_in_file_order() {
        let rows = vec![row(2, false), row(5, true), row(3, false), row(4, true)];
        let lines: Vec<u32> = bad_rows_first(&rows).iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 5, 2, 3]);
    }

    #[test]
    fn problems_name_their_field() {
        assert_eq!(field_label("id_card_no"), ID_CARD);
        assert_eq!(field_label("row"), WHOLE_ROW);
    }
}
