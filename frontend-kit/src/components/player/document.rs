//! A PDF read in the page: the browser's own viewer in an `<iframe>` from the presigned URL, with
//! an "open in new tab" link for phones (whose browsers often show no inline PDF).

use uuid::Uuid;
use yew::prelude::*;

use super::use_playback;
use crate::i18n::{Text, texts, use_i18n};

const OPEN_IN_TAB: Text = Text::new("在新标签页中打开", "Open in a new tab");

#[derive(Properties, PartialEq)]
pub struct DocumentViewerProps {
    pub media_id: Uuid,
    #[prop_or_default]
    pub courseware_id: Option<Uuid>,
    /// The frame's accessible name (the courseware's title).
    pub title: AttrValue,
}

#[component]
pub fn DocumentViewer(props: &DocumentViewerProps) -> Html {
    let i18n = use_i18n();
    let handle = use_playback(props.media_id, props.courseware_id);
    // The frame keeps the first URL: swapping it for a refreshed one would reload the document
    // and lose the reader's page. The link always carries the newest URL.
    let frame_src = use_mut_ref(|| None::<String>);
    let latest = handle.playback.as_ref().and_then(|p| p.file_url.clone());
    if frame_src.borrow().is_none() {
        frame_src.borrow_mut().clone_from(&latest);
    }
    let frame = frame_src.borrow().clone();
    match (frame, latest, &handle.error) {
        (Some(frame), Some(latest), _) => html! {
            <div class="zp-doc">
                <p class="zp-doc-bar">
                    <a href={latest} target="_blank" rel="noopener noreferrer" id="doc-open">
                        <i class="fas fa-external-link-alt" aria-hidden="true"></i>{ " " }{ i18n.t(&OPEN_IN_TAB) }
                    </a>
                </p>
                <iframe class="zp-doc-frame" src={frame} title={props.title.clone()}></iframe>
            </div>
        },
        (_, _, Some(err)) => html! { <p class="zp-badge-off" role="alert">{ i18n.error(err) }</p> },
        _ => html! { <p class="zp-muted" role="status">{ i18n.t(&texts::LOADING) }</p> },
    }
}
