//! A list of classes (`#classes-table`) searched by name or number and, unless the caller fixes
//! the status (the regulator's queue of submitted applications), filtered by status.
//! Serves T-7.2.5d, T-7.2.7h.

use shared_types::training::{ClassQuery, ClassStatus, ClassSummary};
use yew::prelude::*;

use super::columns::{ClassRoute, class_columns};
use crate::components::form::{SelectField, TextField, bind};
use crate::components::{FilterBar, PagedList, PagedTable, turn_page, use_paged};
use crate::i18n::{Labelled, Text, choices, texts, use_i18n};

const CAPTION: Text = Text::new("班级", "Classes");
const STATUS: Text = Text::new("班级状态", "Status");
const KEYWORD: Text = Text::new("关键字", "Keyword");
const KEYWORD_HINT: Text = Text::new("班级名称或编号", "Class name or number");

#[derive(Properties, PartialEq)]
pub struct ClassListProps {
    /// Adds whose classes they are (the regulator's lists).
    #[prop_or_default]
    pub with_institution: bool,
    /// Only classes in this status, without a status filter.
    #[prop_or_default]
    pub fixed: Option<ClassStatus>,
}

#[component]
pub fn ClassList<R: ClassRoute>(props: &ClassListProps) -> Html {
    let i18n = use_i18n();
    let status = use_state(String::new);
    let keyword = use_state(String::new);
    let fixed = props.fixed;
    let PagedList { query, remote } = use_paged(
        ClassQuery {
            status: fixed,
            ..Default::default()
        },
        |q| async move { crate::api::list_classes(&q).await },
    );
    let search = {
        let (status, keyword, query) = (status.clone(), keyword.clone(), query.clone());
        Callback::from(move |()| {
            query.set(ClassQuery {
                status: fixed.or_else(|| ClassStatus::from_code(&status)),
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    html! {
        <>
            <FilterBar onsearch={search}>
                if fixed.is_none() {
                    <SelectField id="filter-status" label={i18n.t(&STATUS)} value={(*status).clone()}
                        options={choices(&i18n, ClassStatus::ALL.iter().copied(), Some(&texts::ALL))} onchange={bind(&status)} />
                }
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)}
                    placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
            </FilterBar>
            <PagedTable<ClassSummary> id="classes-table" caption={i18n.t(&CAPTION)}
                columns={class_columns::<R>(&i18n, props.with_institution)}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={turn_page(&query)} />
        </>
    }
}
