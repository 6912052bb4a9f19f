//! Dialogs that run one API call when confirmed: [`ConfirmDialog`] (delete, cancel, close…, with
//! a required reason where the server audits one: revoke, reject, force delete) and the
//! [`Job`] they are handed. Each reports `on_done(true)` after the call succeeded,
//! `on_done(false)` when cancelled; the server's refusal (e.g. a 409 naming the rule) shows
//! inside the dialog.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use shared_types::ApiError;
use yew::prelude::*;

use super::dialog::FormDialog;
use super::form::{TextAreaField, bind, check_required, use_submit};
use crate::i18n::use_i18n;

type Run<A> = dyn Fn(A) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;

/// The API call a dialog makes with what the user entered (`A`: a reason, a review decision).
pub struct Job<A>(Rc<Run<A>>);

impl<A: 'static> Job<A> {
    /// Wraps an async call; its answer is not needed (the page reloads what it shows).
    pub fn new<T, Fut>(call: impl Fn(A) -> Fut + 'static) -> Self
    where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Job(Rc::new(move |arg| {
            let fut = call(arg);
            Box::pin(async move { fut.await.map(|_| ()) })
        }))
    }

    pub fn run(&self, arg: A) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>> {
        (self.0)(arg)
    }
}

impl<A> Clone for Job<A> {
    fn clone(&self) -> Self {
        Job(self.0.clone())
    }
}

impl<A> PartialEq for Job<A> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// The dialog's id; its form is `<id>-form`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// What will happen, in words.
    pub body: AttrValue,
    /// The confirm button's label.
    pub confirm: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    /// Asks for a reason (required; field `#reason`) with this label.
    #[prop_or_default]
    pub reason: Option<AttrValue>,
    /// Called with the reason typed (empty when none is asked).
    pub job: Job<String>,
    pub on_done: Callback<bool>,
}

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let reason = use_state(String::new);
    let reason_error = props.reason.as_ref().and_then(|_| check_required(&reason));
    let onsubmit = {
        let (submit, job, on_done) = (submit.clone(), props.job.clone(), props.on_done.clone());
        let (reason, invalid) = (reason.trim().to_owned(), reason_error.is_some());
        Callback::from(move |()| {
            let on_done = on_done.clone();
            submit.run(invalid, job.run(reason.clone()), move |()| {
                on_done.emit(true)
            });
        })
    };
    html! {
        <FormDialog id={props.id.clone()} title={props.title.clone()} label={props.confirm.clone()} busy={submit.busy()}
            error={submit.form_error(&i18n)} danger={props.danger} {onsubmit} onclose={props.on_done.reform(|()| false)}>
            <p class="zp-prewrap">{ props.body.clone() }</p>
            if let Some(label) = &props.reason {
                <TextAreaField id="reason" label={label.clone()} required=true maxlength="500"
                    value={(*reason).clone()} oninput={bind(&reason)}
                    error={submit.field_error(&i18n, "reason", reason_error)} />
            }
        </FormDialog>
    }
}
