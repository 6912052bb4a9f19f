//! Head turn from dlib's five landmarks (two corners of each eye, the base of the nose): how far
//! the nose sits from the middle of the eyes, in eye-spans. About 0 looking straight at the
//! camera; beyond ±0.15 the head is clearly turned. Positive: the nose moved to the image's right,
//! i.e. the person turned to their left (the camera image is not mirrored).

/// `points`: (x, y) of the five landmarks in dlib's order (eye corners first, nose last).
pub fn yaw(points: &[(f32, f32)]) -> Option<f32> {
    let [a, b, c, d, nose] = points else {
        return None;
    };
    let eyes = [a.0, b.0, c.0, d.0];
    let left = eyes.iter().copied().fold(f32::INFINITY, f32::min);
    let right = eyes.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let span = right - left;
    if span <= 0.0 {
        return None;
    }
    let middle = eyes.iter().sum::<f32>() / 4.0;
    Some((nose.0 - middle) / span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nose_between_the_eyes_looks_straight_and_one_off_centre_is_turned() {
        let eyes = [
            (200.0, 100.0),
            (170.0, 100.0),
            (100.0, 100.0),
            (130.0, 100.0),
        ];
        let straight = [eyes[0], eyes[1], eyes[2], eyes[3], (150.0, 150.0)];
        let turned = [eyes[0], eyes[1], eyes[2], eyes[3], (180.0, 150.0)];
        assert_eq!(yaw(&straight), Some(0.0));
        assert!(yaw(&turned).is_some_and(|y| y > 0.25));
        assert_eq!(yaw(&straight[..4]), None);
    }
}
