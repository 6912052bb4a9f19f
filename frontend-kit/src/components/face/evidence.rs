//! The photos staff judge by: the ID card's sides and the live portrait of a real-name
//! submission, a face check's snapshot. Their links are short-lived, so they are shown as
//! thumbnails that open full size in a new tab, never stored.

use shared_types::face::EvidencePhoto;
use yew::prelude::*;

use crate::i18n::{Labelled, Text, use_i18n};

const NO_PHOTOS: Text = Text::new("无照片", "No photos");

/// A similarity score as the regulator reads it (`0.62`).
pub fn score_text(score: Option<f32>) -> String {
    score.map(|s| format!("{s:.2}")).unwrap_or_default()
}

/// One thumbnail opening the photo full size.
pub fn thumbnail(url: &str, caption: &str, class: &'static str) -> Html {
    html! {
        <figure class={classes!("zp-evidence-photo", class)}>
            <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">
                <img src={url.to_owned()} alt={caption.to_owned()} loading="lazy" referrerpolicy="no-referrer" />
            </a>
            <figcaption class="zp-muted">{ caption.to_owned() }</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct EvidencePhotosProps {
    pub photos: Vec<EvidencePhoto>,
}

#[component]
pub fn EvidencePhotos(props: &EvidencePhotosProps) -> Html {
    let i18n = use_i18n();
    if props.photos.is_empty() {
        return html! { <span class="zp-muted">{ i18n.t(&NO_PHOTOS) }</span> };
    }
    html! {
        <div class="zp-evidence-photos">
            { for props.photos.iter().map(|p| {
                thumbnail(&p.url, i18n.t(&p.purpose.text()), "rn-photo")
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_show_two_decimals_and_nothing_when_absent() {
        assert_eq!(score_text(Some(0.6234)), "0.62");
        assert_eq!(score_text(None), "");
    }
}
