//! A modal dialog with PatternFly markup, rendered in place so its form state stays in the page
//! that opened it. Escape and the close button call `onclose`; focus moves into the dialog.
//! [`FormDialog`] is a dialog holding one form; [`open_button`] is the row action that opens a
//! dialog, [`primary_button`] the page's main action.

use yew::prelude::*;

use crate::i18n::{texts, use_i18n};

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub onclose: Callback<()>,
    pub children: Html,
    #[prop_or_default]
    pub footer: Html,
    /// A wider box, for tables (an import preview).
    #[prop_or_default]
    pub wide: bool,
    /// Whether the close button and Escape close it (not for a question that must be answered).
    #[prop_or(true)]
    pub closable: bool,
}

#[component]
pub fn Dialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            // Focus the first field (or the dialog itself) so keyboard users start inside.
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let first = el
                    .query_selector(
                        "input, select, textarea, button:not(.pf-v6-c-modal-box__close button)",
                    )
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                let _ = first.unwrap_or(el).focus();
            }
        });
    }
    let onkeydown = {
        let (onclose, closable) = (props.onclose.clone(), props.closable);
        Callback::from(move |e: KeyboardEvent| {
            if closable && e.key() == "Escape" {
                onclose.emit(());
            }
        })
    };
    let close = props.onclose.reform(|_: MouseEvent| ());
    let title_id = format!("{}-title", props.id);
    html! {
        <div class="pf-v6-c-backdrop">
            <div class="pf-v6-l-bullseye">
                <div class={classes!("pf-v6-c-modal-box", if props.wide { "pf-m-lg" } else { "pf-m-sm" }, "zp-dialog")} role="dialog" aria-modal="true"
                    id={props.id.clone()} aria-labelledby={title_id.clone()} tabindex="-1" ref={node} {onkeydown}>
                    if props.closable {
                        <div class="pf-v6-c-modal-box__close">
                            <button type="button" class="pf-v6-c-button pf-m-plain" aria-label={i18n.t(&texts::CLOSE)} onclick={close}>
                                <span class="pf-v6-c-button__icon"><i class="fas fa-times" aria-hidden="true"></i></span>
                            </button>
                        </div>
                    }
                    <header class="pf-v6-c-modal-box__header">
                        <h2 class="pf-v6-c-modal-box__title" id={title_id}>{ props.title.clone() }</h2>
                    </header>
                    <div class="pf-v6-c-modal-box__body">{ props.children.clone() }</div>
                    <footer class="pf-v6-c-modal-box__footer">{ props.footer.clone() }</footer>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DialogActionsProps {
    /// The id of the `<form>` the submit button sends.
    pub form: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    /// Red submit button, for destructive actions.
    #[prop_or_default]
    pub danger: bool,
    pub oncancel: Callback<()>,
    /// The submit button's id.
    #[prop_or(AttrValue::Static("dialog-submit"))]
    pub submit_id: AttrValue,
}

/// A dialog's footer: the submit button of its form (progress while `busy`) and cancel.
#[component]
pub fn DialogActions(props: &DialogActionsProps) -> Html {
    let i18n = use_i18n();
    let cancel = props.oncancel.reform(|_: MouseEvent| ());
    html! {
        <>
            <button type="submit" form={props.form.clone()} id={props.submit_id.clone()} disabled={props.busy}
                class={classes!("pf-v6-c-button", if props.danger { "pf-m-danger" } else { "pf-m-primary" })}>
                <span class="pf-v6-c-button__text">
                    { if props.busy { AttrValue::from(i18n.t(&texts::SUBMITTING)) } else { props.label.clone() } }
                </span>
            </button>
            <button type="button" class="pf-v6-c-button pf-m-link" onclick={cancel}>
                <span class="pf-v6-c-button__text">{ i18n.t(&texts::CANCEL) }</span>
            </button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// The dialog's id; its form is `<id>-form`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The submit button's label.
    pub label: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    /// The form-level error, above the fields.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub onsubmit: Callback<()>,
    pub onclose: Callback<()>,
    /// Red submit button, for destructive actions.
    #[prop_or_default]
    pub danger: bool,
    #[prop_or(AttrValue::Static("dialog-submit"))]
    pub submit_id: AttrValue,
    /// The fields.
    pub children: Html,
}

/// A dialog holding one form, its error and its submit and cancel buttons.
#[component]
pub fn FormDialog(props: &FormDialogProps) -> Html {
    let form = format!("{}-form", props.id);
    let onsubmit = props.onsubmit.reform(|e: SubmitEvent| e.prevent_default());
    html! {
        <Dialog id={props.id.clone()} title={props.title.clone()} onclose={props.onclose.clone()}
            footer={html! { <DialogActions form={form.clone()} label={props.label.clone()} busy={props.busy}
                danger={props.danger} submit_id={props.submit_id.clone()} oncancel={props.onclose.clone()} /> }}>
            <form id={form} class="pf-v6-c-form" novalidate=true {onsubmit}>
                <super::form::FormError message={props.error.clone()} />
                { props.children.clone() }
            </form>
        </Dialog>
    }
}

/// An inline link-styled button (a row action) that sets the page's dialog state `open` to
/// `next`.
pub fn open_button<S: Clone + 'static>(
    open: &UseStateHandle<S>,
    id: String,
    label: &str,
    next: S,
) -> Html {
    let open = open.clone();
    let onclick = Callback::from(move |_: MouseEvent| open.set(next.clone()));
    html! {
        <button {id} type="button" class="pf-v6-c-button pf-m-link pf-m-inline" {onclick}>
            <span class="pf-v6-c-button__text">{ label.to_owned() }</span>
        </button>
    }
}

/// The page's main action (add, apply, review): a primary button with its icon.
pub fn primary_button(
    id: &'static str,
    icon: &'static str,
    label: &str,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button {id} type="button" class="pf-v6-c-button pf-m-primary" {onclick}>
            <span class="pf-v6-c-button__icon pf-m-start"><i class={classes!("fas", icon)} aria-hidden="true"></i></span>
            <span class="pf-v6-c-button__text">{ label.to_owned() }</span>
        </button>
    }
}
