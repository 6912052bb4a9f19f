//! The dev seed: the demo course goes through the real workflow (import, transcode, review,
//! publish) from the demo media folder, once.

use uuid::Uuid;

use crate::helpers::{Api, spawn_with};
use crate::media::GOOD_VTT;
use crate::media_playback::make_video;
use crate::review_fixture::get_json;

#[tokio::test]
async fn the_dev_seed_publishes_a_demo_course_with_its_video_and_subtitles() {
    let dir = crate::helpers::TempDir(
        std::env::temp_dir().join(format!("zhipei-demo-{}", Uuid::new_v4())),
    );
    std::fs::create_dir_all(&dir.0).unwrap();
    let video = make_video(
        "demo.mp4",
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=320x180:rate=25",
            "-t",
            "2",
            "-pix_fmt",
            "yuv420p",
            "-f",
            "mp4",
        ],
    )
    .await;
    let licence = make_video(
        "licence.png",
        &[
            "-f",
            "lavfi",
            "-i",
            "color=c=white:s=60x40",
            "-frames:v",
            "1",
            "-f",
            "image2",
            "-c:v",
            "png",
        ],
    )
    .await;
    std::fs::write(dir.0.join("demo-course.mp4"), video).unwrap();
    std::fs::write(dir.0.join("demo-licence.png"), licence).unwrap();
    std::fs::write(dir.0.join("demo-course.zh-CN.vtt"), GOOD_VTT).unwrap();
    let path = dir.0.display().to_string();
    let app = spawn_with(&[("ZHIPEI_DEMO_MEDIA_DIR", path.as_str())]).await;

    let mut trainee = Api::new(&app, "demo");
    trainee.login("13800000001").await;
    let found = get_json(&trainee, "/api/v1/catalogue?q=演示").await;
    assert_eq!(found["total"], 1, "{found}");
    let id = found["items"][0]["id"].as_str().unwrap();
    let course = get_json(&trainee, &format!("/api/v1/catalogue/{id}")).await;
    let video = &course["revision"]["chapters"][0]["coursewares"][0];
    assert_eq!(video["media_status"], "ready");
    assert_eq!(video["subtitles"][0]["lang"], "zh-CN");
    // Seeding again (a restart) adds nothing.
    backend::seed::demo(&app.state).await.unwrap();
    assert_eq!(
        get_json(&trainee, "/api/v1/catalogue?q=演示").await["total"],
        1
    );
}
