//! Submitting a form: its own checks show once the user has tried to submit, one call runs at a
//! time, and the server's error appears on the field it names, else above the form.

use std::future::Future;

use shared_types::ApiError;
use yew::prelude::*;

use crate::i18n::{I18n, Text};

/// The submission state of one form, from [`use_submit`].
#[derive(Clone)]
pub struct Submit {
    tried: UseStateHandle<bool>,
    busy: UseStateHandle<bool>,
    error: UseStateHandle<Option<ApiError>>,
}

#[hook]
pub fn use_submit() -> Submit {
    Submit {
        tried: use_state_eq(|| false),
        busy: use_state_eq(|| false),
        error: use_state_eq(|| None),
    }
}

impl Submit {
    /// Whether a call is running (the submit button shows progress).
    pub fn busy(&self) -> bool {
        *self.busy
    }

    /// The message under a field: its own `problem` once the user has tried to submit, else the
    /// server's error when it names `field` (the wire name, e.g. `face_check.threshold`).
    pub fn field_error(
        &self,
        i18n: &I18n,
        field: &str,
        problem: Option<Text>,
    ) -> Option<AttrValue> {
        match problem.filter(|_| *self.tried) {
            Some(problem) => Some(i18n.t(&problem).into()),
            None => self
                .error
                .as_ref()
                .filter(|e| e.field.as_deref() == Some(field))
                .map(|e| i18n.error(e).into()),
        }
    }

    /// The message above the form: the server's; when it names a field (where the details are
    /// shown), the general text of its code, e.g. "please check the highlighted field".
    pub fn form_error(&self, i18n: &I18n) -> Option<AttrValue> {
        self.error.as_ref().map(|e| match e.field {
            Some(_) => i18n.code(e.code).into(),
            None => i18n.error(e).into(),
        })
    }

    /// Marks the form as tried; unless it is `invalid` or a call is running, runs `call` and
    /// hands the answer to `on_ok`, or keeps the error for [`Self::field_error`] and
    /// [`Self::form_error`].
    pub fn run<T, F, O>(&self, invalid: bool, call: F, on_ok: O)
    where
        T: 'static,
        F: Future<Output = Result<T, ApiError>> + 'static,
        O: FnOnce(T) + 'static,
    {
        self.tried.set(true);
        if invalid || *self.busy {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let (busy, error) = (self.busy.clone(), self.error.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match call.await {
                Ok(answer) => on_ok(answer),
                Err(err) => error.set(Some(err)),
            }
            busy.set(false);
        });
    }

    /// The submit of a dialog's form: unless `invalid`, runs `call(req)`, and once the server
    /// accepted it reports `on_done(true)` (the dialog closes, the page reloads).
    pub fn for_dialog<Req, T, F, Fut>(
        &self,
        invalid: bool,
        req: Req,
        on_done: &Callback<bool>,
        call: F,
    ) -> Callback<()>
    where
        Req: Clone + 'static,
        T: 'static,
        F: Fn(Req) -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let (submit, on_done) = (self.clone(), on_done.clone());
        Callback::from(move |()| {
            let on_done = on_done.clone();
            submit.run(invalid, call(req.clone()), move |_| on_done.emit(true));
        })
    }

    /// Starts over, as for a new form: no own checks shown, no server error (e.g. after an
    /// inline "add" form succeeded and was emptied).
    pub fn reset(&self) {
        self.tried.set(false);
        self.error.set(None);
    }
}
