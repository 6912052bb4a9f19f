//! Reusable components: form fields, the data table, dialogs (confirmations, reviews), tabs,
//! facts, progress bars, file links, toasts and the full-page notices; and the domain views the
//! apps share (courses, organisations, purchases, training, the learner's study player).

pub mod commerce;
mod confirm;
mod course_card;
mod course_heading;
mod dialog;
pub mod face;
mod facts;
pub mod form;
pub mod history;
pub mod label;
mod media_link;
pub mod orgs;
pub mod outline;
mod paged;
pub mod player;
mod progress;
mod remote;
pub mod review;
mod review_dialog;
mod rounds;
mod rows;
pub mod study;
mod table;
mod tabs;
pub mod training;
pub mod upload;

use std::rc::Rc;
use std::time::Duration;

use patternfly_yew::prelude::{AlertType, Spinner, SpinnerSize, Toast, ToastViewer, Toaster};
use shared_types::account::Me;
use shared_types::role::Side;
use yew::prelude::*;

pub use confirm::{ConfirmDialog, Job};
pub use course_card::CourseCard;
pub use course_heading::CourseHeading;
pub use dialog::{Dialog, DialogActions, FormDialog, open_button, primary_button};
pub use facts::{Facts, fact};
pub use label::{Label, Tone, status_label};
pub use media_link::{MediaLink, pdf_link};
pub use outline::CourseOutline;
pub use paged::{DEFAULT_PER_PAGE, FilterBar, Paged, PagedList, PagedTable, turn_page, use_paged};
pub use progress::ProgressBar;
pub use remote::{Remote, use_poll, use_remote};
pub use review_dialog::ReviewDialog;
pub use rounds::{ReviewRounds, RoundsReader};
pub use rows::{EditRows, RowEdits, toggled};
pub use table::{Column, DataTable, Pager, RowClass, RowData, client_page, or_dash};
pub use tabs::Tabs;
pub use upload::{FileUpload, MultiUpload};

use crate::i18n::{Lang, Text, texts, use_i18n};
use crate::router::side_path;
use crate::session::home_side;

/// The name of a front end, in the chosen language.
pub fn side_name(side: Side) -> Text {
    match side {
        Side::Learner => texts::LEARNER_APP,
        Side::Institution => texts::INSTITUTION_APP,
        Side::Regulator => texts::REGULATOR_APP,
    }
}

/// Short notifications (PatternFly toasts), dismissed after a few seconds.
#[derive(Clone, PartialEq)]
pub struct Toasts(Option<Toaster>);

impl Toasts {
    fn show(&self, kind: AlertType, message: &str) {
        if let Some(toaster) = &self.0 {
            toaster.toast(Toast {
                title: message.to_owned(),
                r#type: kind,
                timeout: Some(Duration::from_secs(4)),
                ..Default::default()
            });
        }
    }

    pub fn success(&self, message: &str) {
        self.show(AlertType::Success, message);
    }

    pub fn error(&self, message: &str) {
        self.show(AlertType::Danger, message);
    }

    pub fn info(&self, message: &str) {
        self.show(AlertType::Info, message);
    }
}

/// What a form does once the server accepted it: a toast saying so, then `next`.
pub fn announce<T>(
    toaster: &Toasts,
    message: &'static str,
    next: Callback<()>,
) -> impl FnOnce(T) + use<T> {
    let toaster = toaster.clone();
    move |_| {
        toaster.success(message);
        next.emit(());
    }
}

/// The `on_done` of a dialog opened through the state `open`: sets it back to `closed`; after a
/// change, toasts `message` and calls `then` (e.g. reload the list).
pub fn dialog_done<S: Clone + 'static>(
    open: &UseStateHandle<S>,
    closed: S,
    toaster: &Toasts,
    message: &'static str,
    then: &Callback<()>,
) -> Callback<bool> {
    let (open, toaster, then) = (open.clone(), toaster.clone(), then.clone());
    Callback::from(move |changed: bool| {
        open.set(closed.clone());
        if changed {
            toaster.success(message);
            then.emit(());
        }
    })
}

#[hook]
pub fn use_toaster() -> Toasts {
    Toasts(patternfly_yew::prelude::use_toaster())
}

#[derive(Properties, PartialEq)]
pub struct ToastHostProps {
    pub children: Html,
}

/// Where toasts appear; wraps the app.
#[component]
pub fn ToastHost(props: &ToastHostProps) -> Html {
    html! { <ToastViewer>{ props.children.clone() }</ToastViewer> }
}

/// A centred spinner for pages waiting on the server.
#[component]
pub fn Loading() -> Html {
    let i18n = use_i18n();
    html! {
        <div class="zp-center" role="status">
            <Spinner size={SpinnerSize::Lg} aria_label={i18n.t(&texts::LOADING).to_owned()} />
        </div>
    }
}

/// The language switch (a native select: keyboard and screen-reader friendly).
#[component]
pub fn LanguageSwitch() -> Html {
    let i18n = use_i18n();
    let onchange = {
        let i18n = i18n.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(lang) = Lang::parse(&value) {
                i18n.set_lang(lang);
            }
        })
    };
    html! {
        <label class="zp-lang">
            <span class="zp-sr-only">{ i18n.t(&texts::LANGUAGE) }</span>
            <i class="fas fa-globe" aria-hidden="true"></i>
            <select id="lang-switch" {onchange}>
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.tag()} selected={*l == i18n.lang} lang={l.tag()}>{ l.native_name() }</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionReplacedProps {
    pub on_back: Callback<()>,
}

/// The full-page message after the account signed in on another device.
#[component]
pub fn SessionReplaced(props: &SessionReplacedProps) -> Html {
    let i18n = use_i18n();
    let onclick = props.on_back.reform(|_: MouseEvent| ());
    html! {
        <div class="zp-fullpage">
            <div id="session-replaced" class="pf-v6-c-empty-state zp-notice" role="alert">
                <div class="pf-v6-c-empty-state__content">
                    <div class="pf-v6-c-empty-state__header">
                        <div class="pf-v6-c-empty-state__icon"><i class="fas fa-user-lock zp-warn" aria-hidden="true"></i></div>
                        <div class="pf-v6-c-empty-state__title">
                            <h1 class="pf-v6-c-empty-state__title-text">{ texts::SESSION_REPLACED_TITLE.zh }</h1>
                        </div>
                    </div>
                    <div class="pf-v6-c-empty-state__body">
                        <p lang="en-US" class="zp-notice-en">{ texts::SESSION_REPLACED_TITLE.en }</p>
                        <p>{ i18n.t(&texts::SESSION_REPLACED_BODY) }</p>
                        // The study player went with the app: say that its study stopped too.
                        if crate::learning::studied_lately() {
                            <p id="player-message" data-reason="session_replaced" class="zp-warn-text">{ i18n.t(&texts::STUDY_MOVED) }</p>
                        }
                    </div>
                    <div class="pf-v6-c-empty-state__footer">
                        <button id="back-to-login" type="button" class="pf-v6-c-button pf-m-primary" {onclick}>
                            <span class="pf-v6-c-button__text">{ i18n.t(&texts::BACK_TO_LOGIN) }</span>
                        </button>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WrongSideProps {
    pub me: Rc<Me>,
}

/// Shown when the signed-in user's roles belong to another front end.
#[component]
pub fn WrongSide(props: &WrongSideProps) -> Html {
    let i18n = use_i18n();
    let session = crate::session::use_session();
    let logout = Callback::from(move |_: MouseEvent| session.logout());
    let body = match home_side(&props.me.roles) {
        Some(side) => {
            let app = i18n.t(&side_name(side));
            html! {
                <>
                    <p>{ i18n.fmt(&texts::WRONG_SIDE_BODY, &[&i18n.roles(&props.me.roles), app]) }</p>
                    <div class="pf-v6-c-empty-state__footer">
                        <a id="go-to-app" class="pf-v6-c-button pf-m-primary" href={side_path(side)}>
                            <span class="pf-v6-c-button__text">{ i18n.fmt(&texts::GO_TO_APP, &[app]) }</span>
                        </a>
                        <button id="logout" type="button" class="pf-v6-c-button pf-m-link" onclick={logout}>
                            <span class="pf-v6-c-button__text">{ i18n.t(&texts::LOGOUT) }</span>
                        </button>
                    </div>
                </>
            }
        }
        None => html! { <p>{ i18n.t(&texts::NO_ROLE) }</p> },
    };
    html! {
        <div class="zp-fullpage">
            <div id="wrong-side" class="pf-v6-c-empty-state zp-notice" role="alert">
                <div class="pf-v6-c-empty-state__content">
                    <div class="pf-v6-c-empty-state__header">
                        <div class="pf-v6-c-empty-state__icon"><i class="fas fa-exchange-alt" aria-hidden="true"></i></div>
                        <div class="pf-v6-c-empty-state__title">
                            <h1 class="pf-v6-c-empty-state__title-text">{ i18n.t(&texts::WRONG_SIDE_TITLE) }</h1>
                        </div>
                    </div>
                    <div class="pf-v6-c-empty-state__body">{ body }</div>
                </div>
            </div>
        </div>
    }
}

/// A time shown in the browser's time zone, `2026-05-09 14:03`.
pub fn format_time(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The start of a `YYYY-MM-DD` day in the browser's time zone; with `next_day`, the start of the
/// day after, so a "to" date filter includes its whole day.
pub fn day_start(date: &str, next_day: bool) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone;
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let day = if next_day { day.succ_opt()? } else { day };
    chrono::Local
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_to_date_includes_the_whole_day() {
        let from = day_start("2026-05-09", false);
        let to = day_start("2026-05-09", true);
        assert!(matches!((from, to), (Some(a), Some(b)) if (b - a).num_hours() == 24));
        assert_eq!(day_start("not a date", false), None);
    }
}
