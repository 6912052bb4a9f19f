//! Images on their way to a capture slot: a chosen photo made small enough (a phone's camera
//! photo is often 5–10 MB; re-encoding also drops its EXIF data, the place it was taken among
//! them), and the `blob:` URL that previews an image, revoked when no longer shown.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::camera::{canvas, context, fit_within, to_jpeg};

/// A photo of an ID card stays readable at this size.
pub const PHOTO_MAX: (u32, u32) = (2000, 2000);
/// Photos up to this many bytes go as they are (when JPEG or PNG).
pub const KEEP_BELOW_BYTES: f64 = 1_500_000.0;

/// The content types a capture slot takes.
pub fn slot_type(browser_type: &str) -> Option<&'static str> {
    match browser_type {
        "image/jpeg" | "image/jpg" | "image/pjpeg" => Some("image/jpeg"),
        "image/png" => Some("image/png"),
        _ => None,
    }
}

/// Whether a chosen photo goes as it is (else it is re-encoded as a smaller JPEG first).
pub fn keep_as_is(browser_type: &str, size: f64) -> bool {
    slot_type(browser_type).is_some() && size <= KEEP_BELOW_BYTES
}

/// The photo as it will be sent, with its content type: as chosen when small, else redrawn at
/// most [`PHOTO_MAX`] as a JPEG. `None` when the browser cannot read it as an image.
pub async fn prepare_photo(file: &web_sys::File) -> Option<(web_sys::Blob, &'static str)> {
    let kind = file.type_();
    if keep_as_is(&kind, file.size()) {
        let blob: &web_sys::Blob = file;
        return Some((blob.clone(), slot_type(&kind)?));
    }
    // Decoding applies the EXIF orientation, so the photo stands as it was taken.
    let promise = gloo_utils::window()
        .create_image_bitmap_with_blob(file)
        .ok()?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let (w, h) = fit_within(bitmap.width(), bitmap.height(), PHOTO_MAX);
    let canvas = canvas(w, h)?;
    context(&canvas)?
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?;
    bitmap.close();
    Some((to_jpeg(&canvas).await?, "image/jpeg"))
}

/// A `blob:` URL showing an image; revoked when the last handle goes.
#[derive(Debug, PartialEq, Eq)]
pub struct ObjectUrl(String);

impl ObjectUrl {
    pub fn new(blob: &web_sys::Blob) -> Option<Rc<ObjectUrl>> {
        web_sys::Url::create_object_url_with_blob(blob)
            .ok()
            .map(|url| Rc::new(ObjectUrl(url)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_jpegs_and_pngs_go_as_they_are_and_the_rest_is_re_encoded() {
        assert!(keep_as_is("image/jpeg", 800_000.0));
        assert!(keep_as_is("image/png", 1_000.0));
        assert!(!keep_as_is("image/jpeg", 6_000_000.0));
        assert!(!keep_as_is("image/heic", 1_000.0));
        assert_eq!(slot_type("image/jpg"), Some("image/jpeg"));
        assert_eq!(slot_type("image/webp"), None);
    }
}
