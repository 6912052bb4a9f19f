//! Facts about one thing as a PatternFly description list (term, value), e.g. an institution's
//! certification data or a class's schedule; stacks at phone width.

use yew::prelude::*;

/// One term and its value.
pub fn fact(term: &str, value: impl Into<Html>) -> Html {
    html! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{ term.to_owned() }</span></dt>
            <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{ value.into() }</div></dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FactsProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// [`fact`]s.
    pub children: Html,
}

#[component]
pub fn Facts(props: &FactsProps) -> Html {
    html! {
        <dl id={props.id.clone()} class="pf-v6-c-description-list pf-m-horizontal zp-facts">{ props.children.clone() }</dl>
    }
}
