//! A progress bar (PatternFly `c-progress`) with its caption and figures, e.g. a plan's trainees
//! against its target or a trainee's credited study time against the hours a task asks.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    pub id: AttrValue,
    /// What is measured (also the bar's accessible name).
    pub caption: AttrValue,
    /// 0 to 100.
    pub percent: u32,
    /// The figures under the bar, e.g. `12 / 40`.
    #[prop_or_default]
    pub detail: Option<AttrValue>,
}

#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let percent = props.percent.min(100);
    html! {
        <div class={classes!("pf-v6-c-progress", "pf-m-sm", (percent == 100).then_some("pf-m-success"))} id={props.id.clone()}>
            <div class="pf-v6-c-progress__description">{ props.caption.clone() }</div>
            <div class="pf-v6-c-progress__status" aria-hidden="true">
                <span class="pf-v6-c-progress__measure">{ format!("{percent}%") }</span>
            </div>
            <div class="pf-v6-c-progress__bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow={percent.to_string()} aria-label={props.caption.clone()}>
                <div class="pf-v6-c-progress__indicator" style={format!("width: {percent}%;")}></div>
            </div>
            if let Some(detail) = &props.detail {
                <div class="pf-v6-c-progress__helper-text">{ detail.clone() }</div>
            }
        </div>
    }
}
