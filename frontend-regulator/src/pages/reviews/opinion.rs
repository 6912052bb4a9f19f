//! The expert's opinion on a round (Z-III.1): the six checklist points, approve or return, and a
//! free opinion. Approving needs every point; returning needs the opinion saying why. The
//! server's 422 appears on the field it names.

use frontend_kit::components::form::check_required;
use frontend_kit::components::review::{APPROVE, CHECKLIST, RETURN};
use frontend_kit::prelude::*;
use shared_types::review::{Checklist, OpinionRequest, RoundDetail, Verdict};
use uuid::Uuid;
use yew::prelude::*;

const CHECKLIST_LEGEND: Text = Text::new("审核要点", "Checklist");
const VERDICT: Text = Text::new("审核结论", "Verdict");
const OPINION: Text = Text::new("审核意见", "Opinion");
const OPINION_HINT: Text = Text::new(
    "退回时请写明需要修改的内容。",
    "When returning, say what has to change.",
);
const APPROVE_NEEDS_ALL: Text = Text::new(
    "审核通过需六项要点全部勾选",
    "Approving needs all six points checked",
);
const PICK_VERDICT: Text = Text::new("请选择审核结论", "Choose a verdict");
const SUBMIT: Text = Text::new("提交审核意见", "Submit opinion");

/// What keeps the opinion from being sent: per field.
fn problems(
    checklist: &Checklist,
    verdict: Option<Verdict>,
    opinion: &str,
) -> (Option<Text>, Option<Text>, Option<Text>) {
    let checklist_problem =
        (verdict == Some(Verdict::Approve) && !checklist.all_pass()).then_some(APPROVE_NEEDS_ALL);
    let verdict_problem = verdict.is_none().then_some(PICK_VERDICT);
    let opinion_problem = if verdict == Some(Verdict::Return) {
        check_required(opinion)
    } else {
        None
    };
    (checklist_problem, verdict_problem, opinion_problem)
}

#[derive(Properties, PartialEq)]
pub struct OpinionFormProps {
    pub round_id: Uuid,
    /// The round after the opinion was recorded.
    pub on_done: Callback<RoundDetail>,
}

#[component]
pub fn OpinionForm(props: &OpinionFormProps) -> Html {
    let i18n = use_i18n();
    let submit = use_submit();
    let checklist = use_state(Checklist::default);
    let verdict = use_state(|| None::<Verdict>);
    let opinion = use_state(String::new);
    let (checklist_problem, verdict_problem, opinion_problem) =
        problems(&checklist, *verdict, &opinion);
    let invalid =
        checklist_problem.is_some() || verdict_problem.is_some() || opinion_problem.is_some();
    let onsubmit = {
        let req = OpinionRequest {
            checklist: *checklist,
            verdict: verdict.unwrap_or(Verdict::Return),
            opinion: opinion.trim().to_owned(),
        };
        let (submit, on_done, id) = (submit.clone(), props.on_done.clone(), props.round_id);
        Callback::from(move |()| {
            let (req, on_done) = (req.clone(), on_done.clone());
            submit.run(
                invalid,
                async move { frontend_kit::api::give_opinion(id, &req).await },
                move |detail| on_done.emit(detail),
            );
        })
    };
    let point = |p: &'static frontend_kit::components::review::ChecklistPoint| {
        let checked = (p.get)(&checklist);
        let checklist = checklist.clone();
        let onchange = Callback::from(move |on: bool| {
            let mut next = *checklist;
            (p.set)(&mut next, on);
            checklist.set(next);
        });
        let field = format!("checklist.{}", p.key);
        let error = submit.field_error(&i18n, &field, None);
        html! {
            <>
                <CheckField id={format!("check-{}", p.key)} label={i18n.t(&p.label)} {checked}
                    description={AttrValue::from(i18n.t(&p.hint))} {onchange} />
                if let Some(e) = error { <p class="zp-badge-off" role="alert">{ e }</p> }
            </>
        }
    };
    let radio = |v: Verdict, label: &Text| {
        let verdict = verdict.clone();
        let id = format!("verdict-{}", v.as_str());
        html! {
            <div class="pf-v6-c-radio">
                <input class="pf-v6-c-radio__input" type="radio" name="verdict" id={id.clone()} value={v.as_str()}
                    checked={*verdict == Some(v)} onchange={Callback::from(move |_: Event| verdict.set(Some(v)))} />
                <label class="pf-v6-c-radio__label" for={id}>{ i18n.t(label) }</label>
            </div>
        }
    };
    let checklist_error = submit.field_error(&i18n, "checklist", checklist_problem);
    let verdict_error = submit.field_error(&i18n, "verdict", verdict_problem);
    html! {
        <form id="opinion-form" class="pf-v6-c-form" novalidate=true onsubmit={on_submit(onsubmit)}>
            <FormError message={submit.form_error(&i18n)} />
            <fieldset class="pf-v6-c-form__group" id="checklist" aria-describedby={checklist_error.is_some().then_some("checklist-error")}>
                <legend class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&CHECKLIST_LEGEND) }</span></span>
                </legend>
                { for CHECKLIST.iter().map(point) }
                if let Some(e) = checklist_error { <p class="zp-badge-off" id="checklist-error" role="alert">{ e }</p> }
            </fieldset>
            <fieldset class="pf-v6-c-form__group" id="verdict" aria-describedby={verdict_error.is_some().then_some("verdict-error")}>
                <legend class="pf-v6-c-form__group-label">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">{ i18n.t(&VERDICT) }</span></span>
                </legend>
                <div class="pf-v6-c-form__group-control pf-m-inline">
                    { radio(Verdict::Approve, &APPROVE) }
                    { radio(Verdict::Return, &RETURN) }
                </div>
                if let Some(e) = verdict_error { <p class="zp-badge-off" id="verdict-error" role="alert">{ e }</p> }
            </fieldset>
            <TextAreaField id="opinion" label={i18n.t(&OPINION)} value={(*opinion).clone()} oninput={bind(&opinion)}
                required={*verdict == Some(Verdict::Return)} maxlength="2000" rows={5}
                helper={AttrValue::from(i18n.t(&OPINION_HINT))} error={submit.field_error(&i18n, "opinion", opinion_problem)} />
            <div class="pf-v6-c-form__group pf-m-action">
                <SubmitButton id="submit-opinion" label={i18n.t(&SUBMIT)} busy={submit.busy()} />
            </div>
        </form>
    }
}
