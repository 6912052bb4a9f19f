//! 人脸引擎 — offline, CPU-only face detection, embedding and comparison.
//!
//! [`LocalEngine`] finds faces with dlib's HOG detector and confirms them with a second,
//! independent detector (SeetaFace, through `rustface`): a frame counts as showing exactly one
//! face only when both agree. The face is aligned with dlib's 5-point landmarks and embedded by
//! dlib's ResNet into 128 numbers; two embeddings compare by [`similarity`]. Models are files
//! under a directory the caller names (the xtask fetches them from package registries and checks
//! their SHA-256); nothing is downloaded at run time.
//!
//! The engine holds C++ objects that must stay on one thread: give each worker thread its own.

mod frame;
mod local;
mod pose;

pub use frame::{Frame, Thumb, thumb_distance};
pub use local::{LocalEngine, MODEL_FILES};
pub use pose::yaw;

/// A face's box in the analysed frame's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaceBox {
    pub left: i64,
    pub top: i64,
    pub right: i64,
    pub bottom: i64,
}

impl FaceBox {
    pub fn width(&self) -> i64 {
        self.right - self.left
    }

    fn centre(&self) -> (i64, i64) {
        ((self.left + self.right) / 2, (self.top + self.bottom) / 2)
    }

    /// Whether `other` is the same face seen by another detector: its centre lies inside this
    /// box and the sizes are within a factor of two.
    pub fn same_face(&self, other: &FaceBox) -> bool {
        let (x, y) = other.centre();
        let (a, b) = (self.width().max(1), other.width().max(1));
        x >= self.left
            && x <= self.right
            && y >= self.top
            && y <= self.bottom
            && a <= 2 * b
            && b <= 2 * a
    }
}

/// How many faces the two detectors agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceCount {
    None,
    /// Both detectors see the same single face.
    One,
    /// One detector sees a face the other does not: no decision on identity.
    Unconfirmed,
    Several(usize),
}

/// A 128-number face embedding (dlib ResNet).
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding(pub Vec<f32>);

impl Embedding {
    /// Little-endian f32s, for storage (encrypted by the caller).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Embedding, FaceError> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
            return Err(FaceError::BadEmbedding);
        }
        Ok(Embedding(
            bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

/// Similarity of two embeddings in 0..1: 1 − their euclidean distance (dlib's embedding puts
/// one person's faces within ≈ 0.45 of each other and different people beyond ≈ 0.6).
pub fn similarity(a: &Embedding, b: &Embedding) -> f32 {
    if a.0.len() != b.0.len() {
        return 0.0;
    }
    let distance: f32 =
        a.0.iter()
            .zip(&b.0)
            .map(|(x, y)| (x - y) * (x - y))
            .sum::<f32>()
            .sqrt();
    (1.0 - distance).clamp(0.0, 1.0)
}

/// What the engine saw in one image.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub count: FaceCount,
    /// The face, when [`FaceCount::One`].
    pub face: Option<FaceBox>,
    pub embedding: Option<Embedding>,
    /// Head turn (see [`yaw`]), when one face was found.
    pub yaw: Option<f32>,
    /// The frame's perceptual thumbnail, to recognise a replayed frame.
    pub thumb: Thumb,
    /// Milliseconds spent detecting (both detectors) and embedding.
    pub detect_ms: f64,
    pub embed_ms: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum FaceError {
    #[error("image cannot be read: {0}")]
    BadImage(String),
    #[error("model file {0} is missing or unreadable: {1}")]
    Model(String, String),
    #[error("stored embedding is malformed")]
    BadEmbedding,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embedding_survives_its_byte_form_and_is_most_similar_to_itself() {
        let e = Embedding(vec![0.25, -0.5, 0.125]);
        let back = Embedding::from_bytes(&e.to_bytes()).unwrap_or(Embedding(vec![]));
        assert_eq!(back, e);
        assert!((similarity(&e, &e) - 1.0).abs() < 1e-6);
        assert_eq!(similarity(&e, &Embedding(vec![1.0])), 0.0);
        assert!(Embedding::from_bytes(&[1, 2, 3]).is_err());
    }

    #[test]
    fn boxes_of_one_face_from_two_detectors_match_and_distant_ones_do_not() {
        let hog = FaceBox {
            left: 100,
            top: 100,
            right: 200,
            bottom: 200,
        };
        let seeta = FaceBox {
            left: 90,
            top: 80,
            right: 215,
            bottom: 205,
        };
        let elsewhere = FaceBox {
            left: 400,
            top: 100,
            right: 480,
            bottom: 180,
        };
        let tiny = FaceBox {
            left: 140,
            top: 140,
            right: 160,
            bottom: 160,
        };
        assert!(hog.same_face(&seeta));
        assert!(!hog.same_face(&elsewhere));
        assert!(!hog.same_face(&tiny));
    }
}
