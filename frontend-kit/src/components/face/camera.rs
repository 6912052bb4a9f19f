//! The camera: its stream shown in a `<video>`, a frame of it as a JPEG, and its tracks stopped
//! when the component holding it goes away. `getUserMedia` needs a secure context (HTTPS or
//! localhost) and the user's permission; each way it can fail has its own message.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamTrack};
use yew::prelude::*;

use crate::i18n::Text;

/// Frames are taken at most this large (the face engine needs no more).
pub const FRAME_MAX: (u32, u32) = (640, 480);
/// JPEG quality of a frame.
pub const JPEG_QUALITY: f64 = 0.9;

/// Why the camera gave no picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraError {
    /// No `navigator.mediaDevices`: an old browser, or a page not served over HTTPS.
    Unsupported,
    /// The user (or a policy) refused the permission.
    Denied,
    /// No camera on this device.
    NotFound,
    /// Another application holds the camera.
    Busy,
    /// The stream gave no frame to take.
    NoFrame,
}

impl CameraError {
    /// From the name of the `DOMException` `getUserMedia` rejected with.
    pub fn from_dom_name(name: &str) -> CameraError {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraError::Denied,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraError::NotFound
            }
            "NotReadableError" | "TrackStartError" | "AbortError" => CameraError::Busy,
            _ => CameraError::Unsupported,
        }
    }

    pub fn text(self) -> Text {
        match self {
            CameraError::Unsupported => Text::new(
                "此浏览器无法使用摄像头（请使用新版浏览器并通过 HTTPS 访问）",
                "This browser cannot use a camera (use a current browser over HTTPS)",
            ),
            CameraError::Denied => Text::new(
                "未获得摄像头权限：请在浏览器设置中允许本站使用摄像头",
                "No permission for the camera: allow this site to use it in the browser settings",
            ),
            CameraError::NotFound => Text::new("未找到摄像头", "No camera found"),
            CameraError::Busy => Text::new(
                "摄像头正被其他程序使用，请关闭后重试",
                "Another application is using the camera; close it and try again",
            ),
            CameraError::NoFrame => Text::new(
                "未能从摄像头取得画面，请重试",
                "The camera gave no picture; try again",
            ),
        }
    }
}

/// The largest size within `max` with the aspect of `w`×`h` (never enlarged).
pub fn fit_within(w: u32, h: u32, max: (u32, u32)) -> (u32, u32) {
    if w == 0 || h == 0 {
        return (0, 0);
    }
    let scale = (f64::from(max.0) / f64::from(w))
        .min(f64::from(max.1) / f64::from(h))
        .min(1.0);
    let fit = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    (fit(w), fit(h))
}

/// The camera of one component: [`use_camera`] stops it when the component goes away.
#[derive(Clone)]
pub struct Camera {
    pub video: NodeRef,
    stream: Rc<RefCell<Option<MediaStream>>>,
}

impl PartialEq for Camera {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.stream, &other.stream)
    }
}

#[hook]
pub fn use_camera() -> Camera {
    let video = use_node_ref();
    let stream = use_mut_ref(|| None::<MediaStream>);
    let camera = Camera { video, stream };
    {
        let camera = camera.clone();
        use_effect_with((), move |_| move || camera.stop());
    }
    camera
}

impl Camera {
    /// Opens the camera into the video element (unless open already); answers its label.
    pub async fn start(&self) -> Result<String, CameraError> {
        if self
            .stream
            .borrow()
            .as_ref()
            .is_some_and(MediaStream::active)
        {
            return Ok(self.label());
        }
        let devices = gloo_utils::window()
            .navigator()
            .media_devices()
            .map_err(|_| CameraError::Unsupported)?;
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&JsValue::TRUE);
        constraints.set_audio(&JsValue::FALSE);
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| CameraError::Unsupported)?;
        let stream: MediaStream = JsFuture::from(promise)
            .await
            .map_err(|e| {
                let name = e
                    .dyn_ref::<web_sys::DomException>()
                    .map(web_sys::DomException::name)
                    .unwrap_or_default();
                CameraError::from_dom_name(&name)
            })?
            .unchecked_into();
        *self.stream.borrow_mut() = Some(stream.clone());
        self.attach();
        Ok(self.label())
    }

    /// Shows the stream in the video element (again after it was re-rendered).
    pub fn attach(&self) {
        let (Some(video), Some(stream)) = (
            self.video.cast::<HtmlVideoElement>(),
            self.stream.borrow().clone(),
        ) else {
            return;
        };
        video.set_muted(true);
        // iOS Safari plays inline only with this attribute.
        let _ = video.set_attribute("playsinline", "");
        video.set_src_object(Some(&stream));
        let _ = video.play();
    }

    /// The video track's device label, e.g. `FaceTime HD Camera`.
    pub fn label(&self) -> String {
        self.stream
            .borrow()
            .as_ref()
            .and_then(|s| {
                s.get_video_tracks()
                    .get(0)
                    .dyn_into::<MediaStreamTrack>()
                    .ok()
            })
            .map(|t| t.label())
            .unwrap_or_default()
    }

    /// Stops every track (the camera light goes off).
    pub fn stop(&self) {
        if let Some(stream) = self.stream.borrow_mut().take() {
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        if let Some(video) = self.video.cast::<HtmlVideoElement>() {
            video.set_src_object(None);
        }
    }

    /// The frame shown now, at most [`FRAME_MAX`], as a JPEG.
    pub async fn frame(&self) -> Result<web_sys::Blob, CameraError> {
        let video = self
            .video
            .cast::<HtmlVideoElement>()
            .ok_or(CameraError::NoFrame)?;
        let (w, h) = fit_within(video.video_width(), video.video_height(), FRAME_MAX);
        if w == 0 {
            return Err(CameraError::NoFrame);
        }
        let canvas = canvas(w, h).ok_or(CameraError::NoFrame)?;
        context(&canvas)
            .and_then(|ctx| {
                ctx.draw_image_with_html_video_element_and_dw_and_dh(
                    &video,
                    0.0,
                    0.0,
                    f64::from(w),
                    f64::from(h),
                )
                .ok()
            })
            .ok_or(CameraError::NoFrame)?;
        to_jpeg(&canvas).await.ok_or(CameraError::NoFrame)
    }
}

/// A detached canvas of `w`×`h`.
pub(super) fn canvas(w: u32, h: u32) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = gloo_utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(w);
    canvas.set_height(h);
    Some(canvas)
}

pub(super) fn context(canvas: &HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// The canvas as a JPEG (`canvas.toBlob`).
pub(super) async fn to_jpeg(canvas: &HtmlCanvasElement) -> Option<web_sys::Blob> {
    let mut callback = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let cb = Closure::once(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        callback = Some(cb);
    });
    let cb = callback?;
    canvas
        .to_blob_with_type_and_encoder_options(
            cb.as_ref().unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        )
        .ok()?;
    let blob = JsFuture::from(promise).await.ok()?;
    blob.dyn_into::<web_sys::Blob>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_keep_their_aspect_within_640_by_480() {
        assert_eq!(fit_within(1280, 720, FRAME_MAX), (640, 360));
        assert_eq!(fit_within(720, 1280, FRAME_MAX), (270, 480));
        assert_eq!(fit_within(320, 240, FRAME_MAX), (320, 240));
        assert_eq!(fit_within(0, 240, FRAME_MAX), (0, 0));
    }

    #[test]
    fn a_refused_permission_is_told_apart_from_a_missing_camera() {
        assert_eq!(
            CameraError::from_dom_name("NotAllowedError"),
            CameraError::Denied
        );
        assert_eq!(
            CameraError::from_dom_name("NotFoundError"),
            CameraError::NotFound
        );
        assert_eq!(
            CameraError::from_dom_name("NotReadableError"),
            CameraError::Busy
        );
        assert_eq!(CameraError::from_dom_name(""), CameraError::Unsupported);
    }
}
