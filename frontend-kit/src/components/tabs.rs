//! Tabs (PatternFly `c-tabs`) switching between parts of a page; the caller renders the chosen
//! part under them. Each tab's button is `#tab-<key>`.

use yew::prelude::*;

use crate::i18n::{Text, use_i18n};

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// Accessible name of the tab list.
    pub label: Text,
    /// `(key, label)` of each tab.
    pub tabs: Vec<(&'static str, Text)>,
    pub selected: &'static str,
    pub onselect: Callback<&'static str>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    let i18n = use_i18n();
    html! {
        <div class="pf-v6-c-tabs zp-tabs">
            <ul class="pf-v6-c-tabs__list" role="tablist" aria-label={i18n.t(&props.label)}>
                { for props.tabs.iter().map(|(key, label)| {
                    let key = *key;
                    let selected = key == props.selected;
                    let onclick = props.onselect.reform(move |_: MouseEvent| key);
                    html! {
                        <li class={classes!("pf-v6-c-tabs__item", selected.then_some("pf-m-current"))} role="presentation">
                            <button type="button" class="pf-v6-c-tabs__link" role="tab" id={format!("tab-{key}")}
                                aria-selected={selected.to_string()} {onclick}>
                                <span class="pf-v6-c-tabs__item-text">{ i18n.t(label) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
