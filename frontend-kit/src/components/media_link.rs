//! Links to files: [`MediaLink`] to an uploaded file (a licence, evidence, a document), whose
//! presigned URL is asked for when the link is shown (`GET /api/v1/media/{id}/playback`); who may
//! see it is the server's call, a refusal shows as "unavailable". [`pdf_link`] to a PDF the API
//! redirects to (vouchers, invoices). Both open in a new tab.

use uuid::Uuid;
use yew::prelude::*;

use super::player::use_playback;
use crate::i18n::{Text, texts, use_i18n};

const UNAVAILABLE: Text = Text::new("（无法查看）", " (unavailable)");

/// A button-styled link to a PDF behind an API path that redirects to a short-lived URL.
pub fn pdf_link(id: String, href: String, label: &str) -> Html {
    html! {
        <a {id} {href} class="pf-v6-c-button pf-m-link pf-m-inline" target="_blank" rel="noopener">
            <span class="pf-v6-c-button__icon pf-m-start"><i class="fas fa-file-pdf" aria-hidden="true"></i></span>
            <span class="pf-v6-c-button__text">{ label.to_owned() }</span>
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct MediaLinkProps {
    pub media_id: Uuid,
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn MediaLink(props: &MediaLinkProps) -> Html {
    let i18n = use_i18n();
    let handle = use_playback(props.media_id, None);
    let answered = handle.playback.is_some() || handle.error.is_some();
    match handle.playback.as_ref().and_then(|p| p.file_url.clone()) {
        Some(url) => html! {
            <a id={props.id.clone()} href={url} target="_blank" rel="noopener noreferrer">
                <i class="fas fa-file-alt" aria-hidden="true"></i>{ " " }{ props.label.clone() }
            </a>
        },
        None if answered => html! {
            <span id={props.id.clone()} class="zp-muted">{ props.label.clone() }{ i18n.t(&UNAVAILABLE) }</span>
        },
        None => html! {
            <span id={props.id.clone()} class="zp-muted">{ props.label.clone() }{ " " }{ i18n.t(&texts::LOADING) }</span>
        },
    }
}
