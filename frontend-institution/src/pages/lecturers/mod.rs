//! `/institution/lecturers`: 讲师管理 — the people shown on courses and classes (Z-III.3,
//! T-7.2.5d): name, title, biography, photo and qualification certificates. Add and edit (the
//! edit dialog also lists what they teach); courses and classes pick their lecturers from here.

mod certificates;
mod dialog;
mod picker;

use frontend_kit::components::DEFAULT_PER_PAGE;
use frontend_kit::prelude::*;
use shared_types::catalog::Lecturer;
use yew::prelude::*;

use dialog::LecturerDialog;

pub use picker::LecturerPicker;

pub const TITLE: Text = Text::new("讲师管理", "Lecturers");
const NEW: Text = Text::new("添加讲师", "Add lecturer");
const EDIT: Text = Text::new("编辑", "Edit");
const KEYWORD: Text = Text::new("姓名", "Name");
const PHOTO: Text = Text::new("照片", "Photo");
const NAME: Text = Text::new("姓名", "Name");
const JOB_TITLE: Text = Text::new("职称 / 头衔", "Title");
const BIO: Text = Text::new("简介", "Biography");
const SAVED: Text = Text::new("讲师已保存", "Lecturer saved");
const CERTIFICATES: Text = Text::new("资格证书", "Certificates");

#[derive(Clone, PartialEq)]
enum Open {
    None,
    Create,
    Edit(Lecturer),
}

#[component]
pub fn Lecturers() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let keyword = use_state(String::new);
    let query = use_state(|| (String::new(), 1u32, DEFAULT_PER_PAGE));
    let open = use_state(|| Open::None);
    let remote = use_remote((*query).clone(), |(q, page, per_page)| async move {
        frontend_kit::api::list_lecturers(&q, page, per_page).await
    });
    let search = {
        let (keyword, query) = (keyword.clone(), query.clone());
        Callback::from(move |()| query.set((keyword.trim().to_owned(), 1, query.2)))
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |(page, per_page): (u32, u32)| {
            query.set((query.0.clone(), page, per_page));
        })
    };
    let on_done = {
        let (open, reload, toaster, i18n) = (
            open.clone(),
            remote.reload.clone(),
            toaster.clone(),
            i18n.clone(),
        );
        Callback::from(move |changed: bool| {
            open.set(Open::None);
            if changed {
                toaster.success(i18n.t(&SAVED));
                reload.emit(());
            }
        })
    };
    let create = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Create))
    };
    let columns = {
        let (i, open) = (i18n.clone(), open.clone());
        vec![
            Column::new(i18n.t(&PHOTO), |l: &Lecturer| match &l.photo_url {
                Some(url) => {
                    html! { <img class="zp-avatar" src={url.clone()} alt={l.name.clone()} /> }
                }
                None => {
                    html! { <span class="zp-avatar zp-avatar-empty" aria-hidden="true"><i class="fas fa-user"></i></span> }
                }
            }),
            Column::new(
                i18n.t(&NAME),
                |l: &Lecturer| html! { <strong>{ &l.name }</strong> },
            ),
            Column::new(i18n.t(&JOB_TITLE), |l: &Lecturer| html! { &l.title }),
            Column::new(
                i18n.t(&BIO),
                |l: &Lecturer| html! { <span class="zp-clamp">{ &l.bio }</span> },
            ),
            Column::new(i18n.t(&CERTIFICATES), |l: &Lecturer| {
                html! { l.qualifications.iter().map(|q| q.name.as_str()).collect::<Vec<_>>().join("、") }
            }),
            Column::new(i18n.t(&texts::ACTIONS), move |l: &Lecturer| {
                let onclick = {
                    let (open, l) = (open.clone(), l.clone());
                    Callback::from(move |_: MouseEvent| open.set(Open::Edit(l.clone())))
                };
                html! {
                    <button id={format!("edit-lecturer-{}", l.id)} type="button" class="pf-v6-c-button pf-m-link pf-m-inline" {onclick}>
                        <span class="pf-v6-c-button__text">{ i.t(&EDIT) }</span>
                    </button>
                }
            }),
        ]
    };
    html! {
        <>
            <frontend_kit::pages::PageTitle title={TITLE}>
                <button id="new-lecturer" type="button" class="pf-v6-c-button pf-m-primary" onclick={create}>
                    <span class="pf-v6-c-button__text">{ i18n.t(&NEW) }</span>
                </button>
            </frontend_kit::pages::PageTitle>
            <FilterBar onsearch={search}>
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)} />
            </FilterBar>
            <PagedTable<Lecturer> id="lecturers-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <LecturerDialog id={None::<uuid::Uuid>} on_done={on_done.clone()} /> },
                Open::Edit(l) => html! { <LecturerDialog id={Some(l.id)} on_done={on_done.clone()} /> },
            } }
        </>
    }
}
