//! Adding or editing a lecturer: name, title, biography, photo and certificates; an existing
//! lecturer is read afresh (`GET /api/v1/lecturers/{id}`) so the dialog also lists the courses and
//! classes they teach (Z-III.3, T-7.2.5d).

use std::rc::Rc;

use frontend_kit::components::FileUpload;
use frontend_kit::components::form::check_name;
use frontend_kit::prelude::*;
use shared_types::catalog::{Lecturer, LecturerInput, LecturerQualification, Taught};
use shared_types::media::{Media, MediaKind};
use uuid::Uuid;
use yew::prelude::*;

use super::certificates::CertificateRows;
use super::{BIO, JOB_TITLE, NAME, NEW, PHOTO};

const EDIT_TITLE: Text = Text::new("编辑讲师：{0}", "Edit lecturer: {0}");
const PHOTO_HINT: Text = Text::new("JPG 或 PNG，最大 10 MB。", "JPG or PNG, up to 10 MB.");
const COURSES: Text = Text::new("讲授课程", "Courses taught");
const CLASSES: Text = Text::new("授课班级", "Classes taught");

#[derive(Properties, PartialEq)]
pub struct LecturerDialogProps {
    /// `None`: a new lecturer.
    pub id: Option<Uuid>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn LecturerDialog(props: &LecturerDialogProps) -> Html {
    let i18n = use_i18n();
    let remote = use_remote(props.id, |id| async move {
        match id {
            Some(id) => frontend_kit::api::lecturer(id).await.map(Some),
            None => Ok(None),
        }
    });
    match (&remote.data, &remote.error) {
        (Some(lecturer), _) => html! {
            <LecturerForm lecturer={lecturer.as_ref().clone().map(Rc::new)} on_done={props.on_done.clone()} />
        },
        (None, error) => {
            let on_close = props.on_done.reform(|()| false);
            html! {
                <Dialog id="lecturer-dialog" title={i18n.t(&NEW)} onclose={on_close}>
                    <FormError message={error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
                    if error.is_none() { <Loading /> }
                </Dialog>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct LecturerFormProps {
    lecturer: Option<Rc<Lecturer>>,
    on_done: Callback<bool>,
}

fn taught(id: &str, items: &[Taught]) -> Html {
    html! {
        <ul class="zp-plain-list" id={id.to_owned()}>
            { for items.iter().map(|t| html! { <li>{ &t.name }{ " " }<code class="zp-muted">{ &t.number }</code></li> }) }
        </ul>
    }
}

#[component]
fn LecturerForm(props: &LecturerFormProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let l = props.lecturer.as_deref();
    let name = use_state(|| l.map(|l| l.name.clone()).unwrap_or_default());
    let title = use_state(|| l.map(|l| l.title.clone()).unwrap_or_default());
    let bio = use_state(|| l.map(|l| l.bio.clone()).unwrap_or_default());
    let photo = use_state(|| l.and_then(|l| l.photo_media_id));
    let certificates = use_state(|| l.map(|l| l.qualifications.clone()).unwrap_or_default());
    let name_error = check_name(&name);
    let certificates_error = certificates.iter().any(|c| c.name.trim().is_empty());
    let onsubmit = {
        let req = LecturerInput {
            name: name.trim().to_owned(),
            title: title.trim().to_owned(),
            bio: bio.trim().to_owned(),
            photo_media_id: *photo,
            qualifications: certificates
                .iter()
                .map(|c| LecturerQualification {
                    name: c.name.trim().to_owned(),
                    number: c.number.trim().to_owned(),
                    valid_until: c.valid_until,
                })
                .collect(),
        };
        let (id, invalid) = (l.map(|l| l.id), name_error.is_some() || certificates_error);
        submit.for_dialog(invalid, req, &props.on_done, move |req| async move {
            match id {
                Some(id) => frontend_kit::api::update_lecturer(id, &req).await,
                None => frontend_kit::api::create_lecturer(&req).await,
            }
        })
    };
    let on_photo = {
        let photo = photo.clone();
        Callback::from(move |media: Media| photo.set(Some(media.id)))
    };
    let on_certificates = {
        let certificates = certificates.clone();
        Callback::from(move |rows: Vec<LecturerQualification>| certificates.set(rows))
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
                <CertificateRows rows={(*certificates).clone()} onchange={on_certificates}
                    error={submit.field_error(&i18n, "qualifications", None)} />
            </form>
            if let Some(l) = l {
                if !l.courses.is_empty() {
                    <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&COURSES) }</h3>
                    { taught("lecturer-courses", &l.courses) }
                }
                if !l.classes.is_empty() {
                    <h3 class="pf-v6-c-title pf-m-md zp-subhead">{ i18n.t(&CLASSES) }</h3>
                    { taught("lecturer-classes", &l.classes) }
                }
            }
        </Dialog>
    }
}
