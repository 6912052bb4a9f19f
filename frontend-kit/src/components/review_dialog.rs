//! The regulator's review of a submission — an institution's certification, a qualification
//! application, a class's opening application (T-7.2.5b, T-7.2.7g, T-7.2.7h): approve, or return
//! with the reasons (required). The same element ids everywhere: `#approve`, `#return`,
//! `#review-note`, `#review-submit`.

use shared_types::orgs::{Decision, ReviewRequest};
use yew::prelude::*;

use super::confirm::Job;
use super::dialog::FormDialog;
use super::form::{TextAreaField, bind, check_required, use_submit};
use crate::i18n::{Labelled, Text, use_i18n};

const DECISION: Text = Text::new("审核结论", "Decision");
const NOTE: Text = Text::new("审核意见", "Review note");
const NOTE_HINT: Text = Text::new(
    "退回时必填，将告知申请方需修改之处。",
    "Required when returning: tell the applicant what to change.",
);
const SUBMIT: Text = Text::new("提交审核结论", "Submit decision");

#[derive(Properties, PartialEq)]
pub struct ReviewDialogProps {
    pub title: AttrValue,
    /// Sends the decision to the submission's review endpoint.
    pub job: Job<ReviewRequest>,
    pub on_done: Callback<bool>,
    /// What is being decided on, shown above the decision.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn ReviewDialog(props: &ReviewDialogProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let decision = use_state_eq(|| Decision::Approve);
    let note = use_state(String::new);
    let note_error = (*decision == Decision::Return)
        .then(|| check_required(&note))
        .flatten();
    let onsubmit = {
        let req = ReviewRequest {
            decision: *decision,
            note: note.trim().to_owned(),
        };
        let (submit, job, on_done) = (submit.clone(), props.job.clone(), props.on_done.clone());
        let invalid = note_error.is_some();
        Callback::from(move |()| {
            let on_done = on_done.clone();
            submit.run(invalid, job.run(req.clone()), move |()| on_done.emit(true));
        })
    };
    let radio = |value: Decision, id: &'static str| {
        let onchange = {
            let decision = decision.clone();
            Callback::from(move |_: Event| decision.set(value))
        };
        html! {
            <div class="pf-v6-c-radio">
                <input class="pf-v6-c-radio__input" type="radio" name="review-decision" {id}
                    checked={*decision == value} {onchange} />
                <label class="pf-v6-c-radio__label" for={id}>{ i18n.t(&value.text()) }</label>
            </div>
        }
    };
    html! {
        <FormDialog id="review-dialog" title={props.title.clone()} label={i18n.t(&SUBMIT)} busy={submit.busy()}
            error={submit.form_error(&i18n)} submit_id="review-submit" {onsubmit} onclose={props.on_done.reform(|()| false)}>
            { props.children.clone() }
            <fieldset class="pf-v6-c-form__group" id="review-decision">
                <legend class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&DECISION) }</span></span>
                </legend>
                <div class="pf-v6-c-form__group-control pf-m-inline">
                    { radio(Decision::Approve, "approve") }
                    { radio(Decision::Return, "return") }
                </div>
            </fieldset>
            <TextAreaField id="review-note" label={i18n.t(&NOTE)} required={*decision == Decision::Return}
                maxlength="2000" value={(*note).clone()} oninput={bind(&note)}
                helper={AttrValue::from(i18n.t(&NOTE_HINT))}
                error={submit.field_error(&i18n, "note", note_error)} />
        </FormDialog>
    }
}
