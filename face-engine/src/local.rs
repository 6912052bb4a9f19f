//! The offline engine: dlib HOG + SeetaFace detection, dlib 5-point alignment, dlib ResNet
//! embedding. Models: CC0 (dlib's, from the PyPI package `face_recognition_models` 0.3.0) and
//! BSD-2 (SeetaFace's, from the crate `rustface` 0.1.7); see `docs/face.md`.

use std::path::Path;
use std::time::Instant;

use dlib_face_recognition::{
    FaceDetector, FaceDetectorTrait, FaceEncoderNetwork, FaceEncoderTrait, ImageMatrix,
    LandmarkPredictor, LandmarkPredictorTrait, Rectangle,
};

use crate::frame::Frame;
use crate::{Analysis, Embedding, FaceBox, FaceCount, FaceError, pose};

/// The model files the engine reads from its directory, with their SHA-256.
pub const MODEL_FILES: [(&str, &str); 3] = [
    (
        "dlib_face_recognition_resnet_model_v1.dat",
        "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
    ),
    (
        "shape_predictor_5_face_landmarks.dat",
        "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
    ),
    (
        "seeta_fd_frontal_v1.0.bin",
        "c4619d066ed35e84d9a8e842860b0dff567aba0cbb139881075538761db3ff5d",
    ),
];

/// Smallest face the confirming detector looks for, in working-frame pixels: a second person
/// in the background of a 640x480 frame is still seen.
const SEETA_MIN_FACE: u32 = 24;
/// SeetaFace's score above which a window is a face (its authors' default).
const SEETA_SCORE: f64 = 2.0;

pub struct LocalEngine {
    hog: FaceDetector,
    seeta: Box<dyn rustface::Detector>,
    landmarks: LandmarkPredictor,
    encoder: FaceEncoderNetwork,
}

impl LocalEngine {
    /// Loads the models from `dir` (the files of [`MODEL_FILES`]).
    pub fn load(dir: &Path) -> Result<LocalEngine, FaceError> {
        let [encoder, landmarks, seeta] = MODEL_FILES.map(|(name, _)| dir.join(name));
        let missing = |path: &Path, e: String| FaceError::Model(path.display().to_string(), e);
        let landmarks_model =
            LandmarkPredictor::open(&landmarks).map_err(|e| missing(&landmarks, e))?;
        let encoder_model = FaceEncoderNetwork::open(&encoder).map_err(|e| missing(&encoder, e))?;
        let seeta_path = seeta.to_string_lossy().into_owned();
        let mut seeta_model =
            rustface::create_detector(&seeta_path).map_err(|e| missing(&seeta, e.to_string()))?;
        seeta_model.set_min_face_size(SEETA_MIN_FACE);
        seeta_model.set_score_thresh(SEETA_SCORE);
        seeta_model.set_pyramid_scale_factor(0.8);
        seeta_model.set_slide_window_step(4, 4);
        Ok(LocalEngine {
            hog: FaceDetector::new(),
            seeta: seeta_model,
            landmarks: landmarks_model,
            encoder: encoder_model,
        })
    }

    /// Finds the faces of an image (JPEG or PNG) and, when there is exactly one, embeds it.
    pub fn analyse(&mut self, image: &[u8]) -> Result<Analysis, FaceError> {
        let frame = Frame::decode(image)?;
        let started = Instant::now();
        let matrix = ImageMatrix::from_image(&frame.rgb);
        let hog: Vec<Rectangle> = self.hog.face_locations(&matrix).to_vec();
        let seeta: Vec<FaceBox> = self
            .seeta
            .detect(&rustface::ImageData::new(
                frame.gray.as_raw(),
                frame.gray.width(),
                frame.gray.height(),
            ))
            .iter()
            .map(|f| {
                let b = f.bbox();
                FaceBox {
                    left: i64::from(b.x()),
                    top: i64::from(b.y()),
                    right: i64::from(b.x()) + i64::from(b.width()),
                    bottom: i64::from(b.y()) + i64::from(b.height()),
                }
            })
            .collect();
        let boxes: Vec<FaceBox> = hog.iter().map(face_box).collect();
        let count = reconcile(&boxes, &seeta);
        let detect_ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut analysis = Analysis {
            count,
            face: None,
            embedding: None,
            yaw: None,
            thumb: frame.thumb(),
            detect_ms,
            embed_ms: 0.0,
        };
        if let (FaceCount::One, [rect]) = (count, hog.as_slice()) {
            let started = Instant::now();
            let landmarks = self.landmarks.face_landmarks(&matrix, rect);
            let points: Vec<(f32, f32)> = landmarks
                .iter()
                .map(|p| (p.x() as f32, p.y() as f32))
                .collect();
            let encodings = self.encoder.get_face_encodings(&matrix, &[landmarks], 0);
            analysis.embedding = encodings
                .first()
                .map(|e| Embedding(e.as_ref().iter().map(|v| *v as f32).collect()));
            analysis.yaw = pose::yaw(&points);
            analysis.face = boxes.first().copied();
            analysis.embed_ms = started.elapsed().as_secs_f64() * 1000.0;
        }
        Ok(analysis)
    }
}

fn face_box(r: &Rectangle) -> FaceBox {
    FaceBox {
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
    }
}

/// Combines the two detectors: every face either of them sees counts once; a single face counts
/// as one only when both see it.
fn reconcile(primary: &[FaceBox], confirming: &[FaceBox]) -> FaceCount {
    let unmatched = confirming
        .iter()
        .filter(|c| !primary.iter().any(|p| p.same_face(c)))
        .count();
    let total = primary.len() + unmatched;
    match (primary.len(), total) {
        (_, 0) => FaceCount::None,
        (_, n) if n > 1 => FaceCount::Several(n),
        (1, 1) if confirming.iter().any(|c| primary[0].same_face(c)) => FaceCount::One,
        _ => FaceCount::Unconfirmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACE: FaceBox = FaceBox {
        left: 100,
        top: 100,
        right: 200,
        bottom: 200,
    };
    const OTHER: FaceBox = FaceBox {
        left: 400,
        top: 100,
        right: 460,
        bottom: 160,
    };

    #[test]
    fn one_face_needs_both_detectors_and_any_extra_face_makes_several() {
        assert_eq!(reconcile(&[], &[]), FaceCount::None);
        assert_eq!(reconcile(&[FACE], &[FACE]), FaceCount::One);
        assert_eq!(reconcile(&[FACE], &[]), FaceCount::Unconfirmed);
        assert_eq!(reconcile(&[], &[FACE]), FaceCount::Unconfirmed);
        assert_eq!(reconcile(&[FACE], &[FACE, OTHER]), FaceCount::Several(2));
        assert_eq!(reconcile(&[FACE, OTHER], &[FACE]), FaceCount::Several(2));
    }
}
