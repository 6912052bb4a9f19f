//! The engine on real photos shipped by packages (`face_recognition` 1.3.0's test images of two
//! people, scikit-image's astronaut, cat and coffee cup).

mod support;

use std::io::Cursor;

use face_engine::{Embedding, FaceCount, similarity, thumb_distance};
use support::{engine, photo};

/// The tenant default (`FaceCheckPolicy::threshold`).
const THRESHOLD: f32 = 0.45;

fn embed(engine: &mut face_engine::LocalEngine, name: &str) -> Embedding {
    let analysis = engine
        .analyse(&photo(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(analysis.count, FaceCount::One, "{name}");
    analysis
        .embedding
        .unwrap_or_else(|| panic!("{name}: one face but no embedding"))
}

#[test]
fn photos_of_one_person_match_and_photos_of_different_people_do_not() {
    let mut engine = engine();
    let same = ["obama.jpg", "obama2.jpg", "obama3.jpg"].map(|n| embed(&mut engine, n));
    let others = ["biden.jpg", "astronaut.png"].map(|n| embed(&mut engine, n));
    for (i, a) in same.iter().enumerate() {
        for b in &same[i + 1..] {
            let s = similarity(a, b);
            assert!(s >= THRESHOLD, "same person scored {s}");
        }
        for b in &others {
            let s = similarity(a, b);
            assert!(s < THRESHOLD - 0.15, "different people scored {s}");
        }
    }
    assert!(similarity(&others[0], &others[1]) < THRESHOLD - 0.15);
}

#[test]
fn images_without_a_face_give_zero_faces() {
    let mut engine = engine();
    for name in ["chelsea.png", "coffee.png"] {
        let analysis = engine
            .analyse(&photo(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(analysis.count, FaceCount::None, "{name}");
        assert!(analysis.embedding.is_none());
    }
}

/// Two real faces side by side in one frame, as when a second person sits beside the learner.
fn side_by_side(left: &[u8], right: &[u8]) -> Vec<u8> {
    let decode = |b: &[u8]| {
        image::load_from_memory(b).map(|i| {
            i.resize(320, 480, image::imageops::FilterType::Triangle)
                .into_rgb8()
        })
    };
    let (Ok(a), Ok(b)) = (decode(left), decode(right)) else {
        panic!("photos decode")
    };
    let mut canvas = image::RgbImage::new(640, 480);
    image::imageops::overlay(&mut canvas, &a, 0, 0);
    image::imageops::overlay(&mut canvas, &b, 320, 0);
    let mut out = Cursor::new(Vec::new());
    let written = image::DynamicImage::ImageRgb8(canvas)
        .write_to(&mut out, image::ImageOutputFormat::Jpeg(90));
    assert!(written.is_ok());
    out.into_inner()
}

#[test]
fn a_frame_with_two_faces_is_refused() {
    let mut engine = engine();
    let frame = side_by_side(&photo("obama.jpg"), &photo("biden.jpg"));
    let analysis = engine.analyse(&frame).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(analysis.count, FaceCount::Several(2));
    assert!(
        analysis.embedding.is_none(),
        "no identity is taken from a frame of two people"
    );
}

#[test]
fn a_frame_sent_again_is_recognised_and_another_photo_is_not() {
    let mut engine = engine();
    let original = photo("obama.jpg");
    let reencoded = {
        let Ok(image) = image::load_from_memory(&original) else {
            panic!("decodes")
        };
        let mut out = Cursor::new(Vec::new());
        assert!(
            image
                .write_to(&mut out, image::ImageOutputFormat::Jpeg(70))
                .is_ok()
        );
        out.into_inner()
    };
    let thumbs = [&original, &reencoded, &photo("obama2.jpg")].map(|bytes| {
        engine
            .analyse(bytes)
            .map(|a| a.thumb)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    assert!(thumb_distance(&thumbs[0], &thumbs[1]) < 1.5);
    assert!(thumb_distance(&thumbs[0], &thumbs[2]) > 10.0);
}

#[test]
fn a_frontal_face_looks_straight_ahead() {
    let mut engine = engine();
    let analysis = engine
        .analyse(&photo("obama.jpg"))
        .unwrap_or_else(|e| panic!("{e}"));
    let yaw = analysis.yaw.unwrap_or(f32::NAN);
    assert!(yaw.abs() < 0.15, "yaw {yaw}");
}
