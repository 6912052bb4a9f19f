//! Where a stored media file plays from: short-lived presigned URLs (Z-II.7), asked for again
//! when they expire.

use shared_types::ApiError;
use shared_types::media::Playback;
use uuid::Uuid;

use super::{get, with_query};

/// `GET /api/v1/media/{id}/playback?courseware_id=` — with a courseware, its subtitle tracks too.
pub async fn media_playback(
    media_id: Uuid,
    courseware_id: Option<Uuid>,
) -> Result<Playback, ApiError> {
    get(&playback_path(media_id, courseware_id)).await
}

fn playback_path(media_id: Uuid, courseware_id: Option<Uuid>) -> String {
    let path = format!("/api/v1/media/{media_id}/playback");
    match courseware_id {
        Some(id) => with_query(&path, &[("courseware_id", id)]),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtitles_are_asked_for_with_the_courseware() {
        let media = Uuid::nil();
        let courseware = Uuid::from_u128(1);
        assert_eq!(
            playback_path(media, None),
            "/api/v1/media/00000000-0000-0000-0000-000000000000/playback"
        );
        assert_eq!(
            playback_path(media, Some(courseware)),
            "/api/v1/media/00000000-0000-0000-0000-000000000000/playback\
             ?courseware_id=00000000-0000-0000-0000-000000000001"
        );
    }
}
