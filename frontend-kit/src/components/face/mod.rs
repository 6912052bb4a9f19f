//! 实名认证与人脸核验 (T-7.2.6b–d) — the pieces the three apps share: the camera and its live
//! portrait ([`CameraCapture`]), an ID-card photo field with preview and upload progress
//! ([`PhotoUpload`]), the evidence photos staff look at ([`EvidencePhotos`]), the upload of
//! one image to its capture slot, the name and ID-number fields ([`use_identity`]) and the
//! status-filtered lists of verifications staff work through ([`use_real_name_list`]). The
//! study player's face-check dialog is in [`crate::components::study`].

pub mod camera;
mod capture;
mod evidence;
mod identity;
pub mod image;
mod photo;
mod real_name;
pub mod upload;

use std::rc::Rc;
use std::time::Duration;

use uuid::Uuid;
use yew::prelude::*;

pub use camera::{Camera, CameraError, use_camera};
pub use capture::CameraCapture;
pub use evidence::{EvidencePhotos, score_text, thumbnail};
pub use identity::{ID_NUMBER, Identity, Whose, use_identity};
pub use image::ObjectUrl;
pub use photo::PhotoUpload;
pub use real_name::{RealNameList, RowKey, use_real_name_list};

use crate::i18n::Text;

/// Seconds counted down before a frame is taken.
pub const COUNTDOWN_SECONDS: u32 = 3;

/// What to do in front of the camera.
pub const GUIDANCE: Text = Text::new(
    "请正对摄像头，保持光线充足，画面中只有您一人。",
    "Face the camera in good light, with only you in the picture.",
);

/// An uploaded image: its capture id, and a preview of it while the page shows it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub capture_id: Uuid,
    pub preview: Option<Rc<ObjectUrl>>,
}

impl PartialEq for Captured {
    fn eq(&self, other: &Self) -> bool {
        self.capture_id == other.capture_id
    }
}

/// Counts `from` seconds down, telling `tick` each number still to go (3, 2, 1).
pub async fn count_down(from: u32, tick: impl Fn(u32)) {
    for n in (1..=from).rev() {
        tick(n);
        gloo_timers::future::sleep(Duration::from_secs(1)).await;
    }
}

/// The camera's preview (`video_id`) with an oval to put the face in, the countdown over it and
/// a prompt under it; `hidden` keeps the stream attached while a still is shown instead.
pub fn viewfinder(
    camera: &Camera,
    video_id: &'static str,
    count: Option<u32>,
    prompt: Option<&str>,
    hidden: bool,
) -> Html {
    html! {
        <div class="zp-viewfinder" hidden={hidden}>
            <video id={video_id} ref={camera.video.clone()} class="zp-viewfinder-video"
                autoplay=true muted=true playsinline=true></video>
            <div class="zp-viewfinder-oval" aria-hidden="true"></div>
            if let Some(n) = count {
                <span class="zp-viewfinder-count" aria-live="assertive" data-count={n.to_string()}>{ n }</span>
            }
            if let Some(prompt) = prompt {
                <p class="zp-viewfinder-prompt" aria-live="assertive">{ prompt.to_owned() }</p>
            }
        </div>
    }
}
