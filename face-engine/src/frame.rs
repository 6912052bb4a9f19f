//! One image made ready for the detectors: decoded within limits, shrunk to at most 640x480
//! (a camera frame's size; faces in a portrait stay well above the detectors' minimum), and
//! reduced to a thumbnail that recognises the same frame sent again.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{GrayImage, RgbImage};

use crate::FaceError;

/// Largest side accepted from a client (a phone photo of an ID card is ~4000 px).
const MAX_SIDE: u32 = 8192;
const WORK_WIDTH: u32 = 640;
const WORK_HEIGHT: u32 = 480;
/// The thumbnail is THUMB_SIDE x THUMB_SIDE grey levels.
const THUMB_SIDE: u32 = 16;

pub struct Frame {
    pub rgb: RgbImage,
    pub gray: GrayImage,
}

impl Frame {
    /// Decodes a JPEG or PNG and shrinks it to fit the working size.
    pub fn decode(bytes: &[u8]) -> Result<Frame, FaceError> {
        let mut reader = image::io::Reader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| FaceError::BadImage(e.to_string()))?;
        let mut limits = image::io::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        reader.limits(limits);
        let image = reader
            .decode()
            .map_err(|e| FaceError::BadImage(e.to_string()))?;
        let image = if image.width() > WORK_WIDTH || image.height() > WORK_HEIGHT {
            image.resize(WORK_WIDTH, WORK_HEIGHT, FilterType::Triangle)
        } else {
            image
        };
        Ok(Frame {
            gray: image.to_luma8(),
            rgb: image.into_rgb8(),
        })
    }

    pub fn thumb(&self) -> Thumb {
        let small =
            image::imageops::resize(&self.gray, THUMB_SIDE, THUMB_SIDE, FilterType::Triangle);
        Thumb(small.into_raw())
    }
}

/// A 16x16 grey thumbnail of a frame (256 bytes): a perceptual fingerprint. Frames of a live
/// camera differ by the person's movement and the light between two checks minutes apart; the
/// same frame sent again (a replay, a looped video) differs only by JPEG noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumb(pub Vec<u8>);

/// Mean absolute difference of two thumbnails in grey levels (0–255); 255 when they cannot be
/// compared.
pub fn thumb_distance(a: &Thumb, b: &Thumb) -> f32 {
    if a.0.len() != b.0.len() || a.0.is_empty() {
        return 255.0;
    }
    let sum: u32 =
        a.0.iter()
            .zip(&b.0)
            .map(|(x, y)| u32::from(x.abs_diff(*y)))
            .sum();
    sum as f32 / a.0.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, shade: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        let img = GrayImage::from_fn(width, height, |x, y| image::Luma([shade(x, y)]));
        let mut out = Cursor::new(Vec::new());
        let written =
            image::DynamicImage::ImageLuma8(img).write_to(&mut out, image::ImageOutputFormat::Png);
        assert!(written.is_ok());
        out.into_inner()
    }

    #[test]
    fn a_large_image_is_shrunk_to_the_working_size_keeping_its_shape() {
        let frame = Frame::decode(&png(1280, 720, |x, _| (x % 256) as u8));
        let frame = frame.map_err(|e| e.to_string());
        assert_eq!(
            frame.as_ref().map(|f| (f.rgb.width(), f.rgb.height())),
            Ok((640, 360))
        );
    }

    #[test]
    fn bytes_that_are_no_image_are_refused() {
        assert!(matches!(
            Frame::decode(b"not an image"),
            Err(FaceError::BadImage(_))
        ));
    }

    #[test]
    fn the_same_frame_is_close_to_itself_and_far_from_another() {
        let a = Frame::decode(&png(320, 240, |x, y| ((x + y) % 256) as u8)).map(|f| f.thumb());
        let b = Frame::decode(&png(320, 240, |x, _| (255 - x % 256) as u8)).map(|f| f.thumb());
        let (Ok(a), Ok(b)) = (a, b) else {
            panic!("test images decode")
        };
        assert_eq!(thumb_distance(&a, &a), 0.0);
        assert!(thumb_distance(&a, &b) > 20.0);
        assert_eq!(thumb_distance(&a, &Thumb(vec![])), 255.0);
    }
}
