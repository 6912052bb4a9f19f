//! `/learner/real-name`: 实名认证 (T-7.2.6b) — where the learner's verification stands
//! (`#real-name-status`) and, while not verified nor under review, the submission form. An
//! identity-check service may decide at once; else regulator staff review the photos.

mod form;
mod status;

use frontend_kit::pages::{PageTitle, SectionCard};
use frontend_kit::prelude::*;
use shared_types::face::{RealNameState, RealNameStatus};
use yew::prelude::*;

use form::RealNameForm;
pub use status::{RealNameCard, RealNameStatusView};

pub(crate) use status::TITLE;
const STATUS: Text = Text::new("认证状态", "Where it stands");
const SUBMIT: Text = Text::new("提交实名认证", "Submit your identity");
const RESUBMIT: Text = Text::new("重新提交", "Submit again");

#[component]
pub fn RealName() -> Html {
    let i18n = use_i18n();
    let remote = use_remote((), |()| frontend_kit::api::my_real_name());
    // The answer to a submission, newer than what was loaded.
    let submitted = use_state(|| None::<RealNameState>);
    let on_submitted = {
        let submitted = submitted.clone();
        Callback::from(move |state: RealNameState| submitted.set(Some(state)))
    };
    let state = (*submitted)
        .clone()
        .or_else(|| remote.data.as_ref().map(|s| (**s).clone()));
    let body = match &state {
        Some(state) => {
            let open = matches!(
                state.status,
                RealNameStatus::Unverified | RealNameStatus::Rejected
            );
            let form_title = if state.status == RealNameStatus::Rejected {
                &RESUBMIT
            } else {
                &SUBMIT
            };
            html! {
                <div class="zp-cards">
                    <SectionCard id="real-name-state" title={i18n.t(&STATUS)}>
                        <RealNameStatusView state={state.clone()} />
                    </SectionCard>
                    if open {
                        <SectionCard id="real-name-submit" title={i18n.t(form_title)}>
                            <RealNameForm {on_submitted} />
                        </SectionCard>
                    }
                </div>
            }
        }
        None if remote.loading => html! { <Loading /> },
        None => html! {},
    };
    html! {
        <>
            <PageTitle title={TITLE} />
            <FormError id="load-error" message={remote.error.as_ref().map(|e| AttrValue::from(i18n.error(e)))} />
            { body }
        </>
    }
}
