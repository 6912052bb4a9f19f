//! `/institution/lecturers`: 讲师管理 — the people shown on courses (Z-III.3): name, title,
//! biography and photo. Add and edit; courses pick their lecturers from here.

use frontend_kit::components::form::check_name;
use frontend_kit::components::{DEFAULT_PER_PAGE, FileUpload};
use frontend_kit::prelude::*;
use shared_types::catalog::{Lecturer, LecturerInput};
use shared_types::media::{Media, MediaKind};
use yew::prelude::*;

pub const TITLE: Text = Text::new("讲师管理", "Lecturers");
const NEW: Text = Text::new("添加讲师", "Add lecturer");
const EDIT: Text = Text::new("编辑", "Edit");
const EDIT_TITLE: Text = Text::new("编辑讲师：{0}", "Edit lecturer: {0}");
const KEYWORD: Text = Text::new("姓名", "Name");
const PHOTO: Text = Text::new("照片", "Photo");
const PHOTO_HINT: Text = Text::new("JPG 或 PNG，最大 10 MB。", "JPG or PNG, up to 10 MB.");
const NAME: Text = Text::new("姓名", "Name");
const JOB_TITLE: Text = Text::new("职称 / 头衔", "Title");
const BIO: Text = Text::new("简介", "Biography");
const SAVED: Text = Text::new("讲师已保存", "Lecturer saved");

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
            <form class="pf-v6-c-form zp-toolbar" novalidate=true onsubmit={on_submit(search)}>
                <TextField id="filter-q" label={i18n.t(&KEYWORD)} value={(*keyword).clone()} oninput={bind(&keyword)} />
                <div class="pf-v6-c-form__group pf-m-action">
                    <SubmitButton id="search" label={i18n.t(&texts::SEARCH)} />
                </div>
            </form>
            <PagedTable<Lecturer> id="lecturers-table" caption={i18n.t(&TITLE)} {columns}
                page={remote.data.clone()} loading={remote.loading} error={remote.error.clone()} onpage={on_page} />
            { match &*open {
                Open::None => html! {},
                Open::Create => html! { <LecturerDialog lecturer={None::<Lecturer>} on_done={on_done.clone()} /> },
                Open::Edit(l) => html! { <LecturerDialog lecturer={Some(l.clone())} on_done={on_done.clone()} /> },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LecturerDialogProps {
    /// `None`: a new lecturer.
    lecturer: Option<Lecturer>,
    on_done: Callback<bool>,
}

#[component]
fn LecturerDialog(props: &LecturerDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let l = props.lecturer.as_ref();
    let name = use_state(|| l.map(|l| l.name.clone()).unwrap_or_default());
    let title = use_state(|| l.map(|l| l.title.clone()).unwrap_or_default());
    let bio = use_state(|| l.map(|l| l.bio.clone()).unwrap_or_default());
    let photo = use_state(|| l.and_then(|l| l.photo_media_id));
    let name_error = check_name(&name);
    let onsubmit = {
        let req = LecturerInput {
            name: name.trim().to_owned(),
            title: title.trim().to_owned(),
            bio: bio.trim().to_owned(),
            photo_media_id: *photo,
        };
        let (submit, on_done, id, invalid) = (
            submit.clone(),
            props.on_done.clone(),
            l.map(|l| l.id),
            name_error.is_some(),
        );
        Callback::from(move |()| {
            let (req, on_done) = (req.clone(), on_done.clone());
            submit.run(
                invalid,
                async move {
                    match id {
                        Some(id) => frontend_kit::api::update_lecturer(id, &req).await,
                        None => frontend_kit::api::create_lecturer(&req).await,
                    }
                },
                move |_| on_done.emit(true),
            );
        })
    };
    let on_photo = {
        let photo = photo.clone();
        Callback::from(move |media: Media| photo.set(Some(media.id)))
    };
    let dialog_title = match l {
        Some(l) => i18n.fmt(&EDIT_TITLE, &[&l.name]),
        None => i18n.t(&NEW).to_owned(),
    };
    let on_close = props.on_done.reform(|()| false);
    html! {
        <Dialog id="lecturer-dialog" title={dialog_title} onclose={on_close.clone()}
            footer={html! { <DialogActions form="lecturer-form" label={i18n.t(&texts::SAVE)} busy={submit.busy()} oncancel={on_close} /> }}>
            <form id="lecturer-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
                <FormError message={submit.form_error(&i18n)} />
                <TextField id="lecturer-name" label={i18n.t(&NAME)} required=true maxlength="50"
                    value={(*name).clone()} oninput={bind(&name)} error={submit.field_error(&i18n, "name", name_error)} />
                <TextField id="lecturer-title" label={i18n.t(&JOB_TITLE)} maxlength="100"
                    value={(*title).clone()} oninput={bind(&title)} error={submit.field_error(&i18n, "title", None)} />
                <TextAreaField id="lecturer-bio" label={i18n.t(&BIO)} maxlength="2000"
                    value={(*bio).clone()} oninput={bind(&bio)} error={submit.field_error(&i18n, "bio", None)} />
                if let Some(url) = l.and_then(|l| l.photo_url.clone()) {
                    <img class="zp-avatar zp-avatar-lg" src={url} alt={i18n.t(&PHOTO).to_owned()} />
                }
                <FileUpload id="lecturer-photo" label={i18n.t(&PHOTO)} kind={MediaKind::Image}
                    helper={AttrValue::from(i18n.t(&PHOTO_HINT))} on_uploaded={on_photo} />
                if let Some(message) = submit.field_error(&i18n, "photo_media_id", None) {
                    <p class="zp-badge-off" role="alert">{ message }</p>
                }
            </form>
        </Dialog>
    }
}
