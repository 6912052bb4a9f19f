//! "通过" on a real-name submission (`.rn-approve`): one click, the photos having been looked at
//! in the row; the server records who decided and when.

use frontend_kit::prelude::*;
use shared_types::face::RealNameDecision;
use uuid::Uuid;
use yew::prelude::*;

const APPROVE: Text = Text::new("通过", "Approve");
const APPROVED: Text = Text::new("已通过实名认证", "Verification approved");

#[derive(Properties, PartialEq)]
pub struct ApproveButtonProps {
    pub verification_id: Uuid,
    pub on_done: Callback<()>,
}

#[component]
pub fn ApproveButton(props: &ApproveButtonProps) -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let busy = use_state_eq(|| false);
    let onclick = {
        let (busy, toaster, i18n, on_done) = (
            busy.clone(),
            toaster.clone(),
            i18n.clone(),
            props.on_done.clone(),
        );
        let id = props.verification_id;
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, toaster, i18n, on_done) =
                (busy.clone(), toaster.clone(), i18n.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let decision = RealNameDecision {
                    approve: true,
                    reason: String::new(),
                };
                match frontend_kit::api::decide_real_name(id, &decision).await {
                    Ok(_) => {
                        toaster.success(i18n.t(&APPROVED));
                        on_done.emit(());
                    }
                    Err(err) => toaster.error(&i18n.error(&err)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <button type="button" id={format!("rn-approve-{}", props.verification_id)} disabled={*busy} {onclick}
            class="pf-v6-c-button pf-m-link pf-m-inline rn-approve" aria-busy={busy.to_string()}>
            <span class="pf-v6-c-button__text">{ i18n.t(&APPROVE) }</span>
        </button>
    }
}
