//! `/learner/catalogue`: 课程中心 — published courses (Z-III.3): search by name, number,
//! lecturer or keyword, filter by training category and type, paged cards that stack at phone
//! width. Each card opens the course's detail page.

mod detail;

use std::rc::Rc;

use frontend_kit::components::{CourseCard, DEFAULT_PER_PAGE, Pager};
use frontend_kit::prelude::*;
use shared_types::catalog::{CatalogueItem, CatalogueQuery, TrainingCategory, TrainingType};
use shared_types::page::Page;
use yew::prelude::*;

pub use detail::CourseDetail;

use crate::app::Route;

pub const TITLE: Text = Text::new("课程中心", "Course catalogue");
const KEYWORD: Text = Text::new("搜索课程", "Search courses");
const KEYWORD_HINT: Text = Text::new(
    "课程名称、编号、讲师或关键词",
    "Name, number, lecturer or keyword",
);
const CATEGORY: Text = Text::new("培训类别", "Training category");
const TRAINING_TYPE: Text = Text::new("培训类型", "Training type");
const NO_COURSES: Text = Text::new("没有找到符合条件的课程", "No course matches the search");

#[component]
pub fn Catalogue() -> Html {
    let i18n = use_i18n();
    let keyword = use_state(String::new);
    let category = use_state(String::new);
    let training_type = use_state(String::new);
    let query = use_state(|| CatalogueQuery {
        page: Some(1),
        per_page: Some(DEFAULT_PER_PAGE),
        ..Default::default()
    });
    let remote = use_remote((*query).clone(), |q| async move {
        frontend_kit::api::catalogue(&q).await
    });
    let search = {
        let (keyword, category, training_type, query) = (
            keyword.clone(),
            category.clone(),
            training_type.clone(),
            query.clone(),
        );
        Callback::from(move |()| {
            query.set(CatalogueQuery {
                q: Some(keyword.trim().to_owned()).filter(|s| !s.is_empty()),
                category: TrainingCategory::from_code(&category),
                training_type: TrainingType::from_code(&training_type),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    // A new category clears a type that does not belong to it.
    let on_category = {
        let (category, training_type) = (category.clone(), training_type.clone());
        Callback::from(move |v: String| {
            let cat = TrainingCategory::from_code(&v);
            if let (Some(cat), Some(t)) = (cat, TrainingType::from_code(&training_type))
                && t.category() != cat
            {
                training_type.set(String::new());
            }
            category.set(v);
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set(CatalogueQuery {
                page: Some(page),
                per_page: Some(per_page),
                ..(*query).clone()
            });
        })
    };
    let selected_category = TrainingCategory::from_code(&category);
    let types = TrainingType::ALL
        .into_iter()
        .filter(|t| selected_category.is_none_or(|c| t.category() == c));
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE} />
            <form class="pf-v6-c-form zp-toolbar" role="search" novalidate=true onsubmit={on_submit(search)}>
                <TextField id="catalogue-q" label={i18n.t(&KEYWORD)} input_type="search" value={(*keyword).clone()}
                    oninput={bind(&keyword)} placeholder={AttrValue::from(i18n.t(&KEYWORD_HINT))} />
                <SelectField id="catalogue-category" label={i18n.t(&CATEGORY)} value={(*category).clone()}
                    options={choices(&i18n, TrainingCategory::ALL, Some(&texts::ALL))} onchange={on_category} />
                <SelectField id="catalogue-type" label={i18n.t(&TRAINING_TYPE)} value={(*training_type).clone()}
                    options={choices(&i18n, types, Some(&texts::ALL))} onchange={bind(&training_type)} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <FormError message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            <Results page={remote.data.clone()} loading={remote.loading} />
            if let Some(p) = &remote.data {
                <Pager page={p.page} per_page={p.per_page} total={p.total} onchange={on_page} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    page: Option<Rc<Page<CatalogueItem>>>,
    loading: bool,
}

#[component]
fn Results(props: &ResultsProps) -> Html {
    let i18n = use_i18n();
    match &props.page {
        Some(p) if !p.items.is_empty() => html! {
            <div id="catalogue-results" class="zp-course-grid" aria-busy={props.loading.to_string()}>
                { for p.items.iter().map(|item| html! {
                    <CourseCard<Route> key={item.id.to_string()} item={item.clone()} to={Route::Course { id: item.id }} />
                }) }
            </div>
        },
        Some(_) => html! { <p id="catalogue-results" class="zp-empty">{ i18n.t(&NO_COURSES) }</p> },
        None if props.loading => html! { <Loading /> },
        None => html! {},
    }
}
