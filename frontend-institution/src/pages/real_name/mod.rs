//! `/institution/real-name`: 学员实名 (T-7.2.6b) — where the institution's trainees stand with
//! real-name verification, filtered by status (`#filter-status`). Each row (`.rn-trainee`,
//! `data-user-id`, `data-status`) shows the name and masked ID number on record, how and when
//! it was decided and by whom; until verified, `.rn-in-person` opens the in-person verification.

mod in_person;

use frontend_kit::components::face::{EvidencePhotos, ID_NUMBER, use_real_name_list};
use frontend_kit::components::{dialog_done, format_time, or_dash};
use frontend_kit::pages::PageTitle;
use frontend_kit::prelude::*;
use shared_types::face::{RealNameReview, RealNameStatus};
use yew::prelude::*;

use in_person::InPersonDialog;

pub const TITLE: Text = Text::new("学员实名", "Trainee verification");
const STATUS: Text = Text::new("认证状态", "Status");
const ACCOUNT: Text = Text::new("学员账号", "Account");
const DECIDED: Text = Text::new("认证情况", "Decision");
const DECIDED_BY: Text = Text::new("{0}，{1}", "{0}, {1}");
const PHOTOS: Text = Text::new("照片", "Photos");
const IN_PERSON: Text = Text::new("现场核验", "Verify in person");
const VERIFIED: Text = Text::new("已完成现场核验", "Verified in person");

fn decided_cell(i18n: &I18n, r: &RealNameReview) -> Html {
    html! {
        <div>
            { i18n.t(&r.method.text()) }
            if let Some(at) = &r.decided_at {
                <br />
                <span class="zp-muted">
                    { match &r.decided_by {
                        Some(by) => i18n.fmt(&DECIDED_BY, &[by, &format_time(at)]),
                        None => format_time(at),
                    } }
                </span>
            }
            if let Some(reason) = &r.reject_reason {
                <br /><span class="zp-warn-text zp-prewrap">{ reason }</span>
            }
        </div>
    }
}

fn columns(
    i18n: &I18n,
    open: &UseStateHandle<Option<RealNameReview>>,
) -> Vec<Column<RealNameReview>> {
    let (i1, i2, i3, open) = (i18n.clone(), i18n.clone(), i18n.clone(), open.clone());
    vec![
        Column::new(
            i18n.t(&ACCOUNT),
            |r: &RealNameReview| html! { <code>{ &r.account }</code> },
        ),
        Column::new(i18n.t(&texts::NAME), |r: &RealNameReview| {
            or_dash(r.name.clone())
        }),
        Column::new(i18n.t(&ID_NUMBER), |r: &RealNameReview| {
            or_dash(r.id_number_masked.clone())
        }),
        Column::new(i18n.t(&STATUS), move |r: &RealNameReview| {
            status_label(&i1, r.status)
        }),
        Column::new(i18n.t(&DECIDED), move |r: &RealNameReview| {
            decided_cell(&i2, r)
        }),
        Column::new(
            i18n.t(&PHOTOS),
            |r: &RealNameReview| html! { <EvidencePhotos photos={r.photos.clone()} /> },
        ),
        Column::new(i18n.t(&texts::ACTIONS), move |r: &RealNameReview| {
            if r.status == RealNameStatus::Verified {
                return html! {};
            }
            let (open, row) = (open.clone(), r.clone());
            let onclick = Callback::from(move |_: MouseEvent| open.set(Some(row.clone())));
            html! {
                <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline rn-in-person"
                    id={format!("rn-in-person-{}", r.user_id)} {onclick}>
                    <span class="pf-v6-c-button__text">{ i3.t(&IN_PERSON) }</span>
                </button>
            }
        }),
    ]
}

#[component]
pub fn RealNames() -> Html {
    let i18n = use_i18n();
    let toaster = use_toaster();
    let list = use_real_name_list(
        None,
        "rn-trainee",
        |r| ("data-user-id", r.user_id.to_string()),
        |q| async move { frontend_kit::api::institution_real_names(&q).await },
    );
    let open = use_state(|| None::<RealNameReview>);
    let on_done = dialog_done(
        &open,
        None,
        &toaster,
        i18n.t(&VERIFIED),
        &list.remote.reload,
    );
    html! {
        <>
            <PageTitle title={TITLE} />
            { list.filter_bar(&i18n, &STATUS) }
            { list.table("real-name-trainees", i18n.t(&TITLE), columns(&i18n, &open)) }
            if let Some(trainee) = &*open {
                <InPersonDialog trainee={trainee.clone()} {on_done} />
            }
        </>
    }
}
