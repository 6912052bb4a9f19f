//! The ffmpeg run of a transcode: one decode of the source, split into the HLS renditions (and
//! the MP4 fallback when the source itself does not play in browsers).

use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};

use super::probe::VideoInfo;

/// One rung of the rendition ladder. The rung is the short side, so portrait videos get the same
/// quality as landscape ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rung {
    pub name: &'static str,
    pub short_side: i32,
    pub video_kbps: u32,
}

pub const LADDER: [Rung; 2] = [
    Rung {
        name: "360p",
        short_side: 360,
        video_kbps: 800,
    },
    Rung {
        name: "720p",
        short_side: 720,
        video_kbps: 2500,
    },
];

/// Segment length in seconds (keyframes are forced on it).
const SEGMENT_SECONDS: u32 = 6;

/// A rendition to produce: its rung and output size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    pub rung: Rung,
    pub width: i32,
    pub height: i32,
}

/// The rungs not above the source's short side, and always the lowest.
pub fn ladder_for(info: &VideoInfo) -> Vec<Output> {
    let short = info.width.min(info.height);
    let even = |v: i64| i32::try_from((v + 1) / 2 * 2).unwrap_or(i32::MAX).max(2);
    LADDER
        .iter()
        .enumerate()
        .filter(|(i, rung)| *i == 0 || rung.short_side <= short)
        .map(|(_, rung)| {
            let long = i64::from(info.width.max(info.height)) * i64::from(rung.short_side)
                / i64::from(short.max(1));
            let (width, height) = if info.width >= info.height {
                (even(long), rung.short_side)
            } else {
                (rung.short_side, even(long))
            };
            Output {
                rung: *rung,
                width,
                height,
            }
        })
        .collect()
}

/// The arguments of the ffmpeg run writing `{dir}/{rendition}/index.m3u8` + segments, and
/// `{dir}/fallback.mp4` when `fallback`.
pub fn args(
    source_url: &str,
    info: &VideoInfo,
    outputs: &[Output],
    fallback: bool,
    dir: &Path,
) -> Vec<String> {
    let audio = info.audio_codec.is_some();
    let branches = outputs.len() + usize::from(fallback);
    let mut filter = format!(
        "[0:v:0]split={branches}{}",
        (0..branches).map(|i| format!("[s{i}]")).collect::<String>()
    );
    for (i, o) in outputs.iter().enumerate() {
        filter.push_str(&format!(
            ";[s{i}]scale={}:{},format=yuv420p[v{i}]",
            o.width, o.height
        ));
    }
    if fallback {
        let lowest = outputs[0];
        filter.push_str(&format!(
            ";[s{}]scale={}:{},format=yuv420p[vf]",
            outputs.len(),
            lowest.width,
            lowest.height
        ));
    }
    let mut a: Vec<String> = [
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-rw_timeout",
        "30000000",
        "-i",
    ]
    .map(String::from)
    .to_vec();
    a.push(source_url.to_owned());
    a.extend(["-filter_complex".to_owned(), filter]);
    let mut stream_map = Vec::new();
    for (i, o) in outputs.iter().enumerate() {
        a.extend(["-map".to_owned(), format!("[v{i}]")]);
        if audio {
            a.extend(["-map".to_owned(), "0:a:0".to_owned()]);
        }
        let kbps = o.rung.video_kbps;
        a.extend([
            format!("-b:v:{i}"),
            format!("{kbps}k"),
            format!("-maxrate:v:{i}"),
            format!("{}k", kbps * 107 / 100),
            format!("-bufsize:v:{i}"),
            format!("{}k", kbps * 2),
        ]);
        let audio_part = if audio {
            format!(",a:{i}")
        } else {
            String::new()
        };
        stream_map.push(format!("v:{i}{audio_part},name:{}", o.rung.name));
    }
    let keyframes = format!("expr:gte(t,n_forced*{SEGMENT_SECONDS})");
    a.extend(
        [
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "main",
            "-sc_threshold",
            "0",
            "-force_key_frames",
            &keyframes,
        ]
        .map(String::from),
    );
    if audio {
        a.extend(["-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"].map(String::from));
    }
    a.extend(
        [
            "-f",
            "hls",
            "-hls_time",
            &SEGMENT_SECONDS.to_string(),
            "-hls_playlist_type",
            "vod",
            "-hls_flags",
            "independent_segments",
            "-hls_segment_filename",
            &dir.join("%v/seg_%05d.ts").to_string_lossy(),
            "-var_stream_map",
            &stream_map.join(" "),
            &dir.join("%v/index.m3u8").to_string_lossy(),
        ]
        .map(String::from),
    );
    if fallback {
        a.extend(["-map", "[vf]"].map(String::from));
        if audio {
            a.extend(["-map", "0:a:0", "-c:a", "aac", "-b:a", "96k", "-ac", "2"].map(String::from));
        }
        a.extend(
            [
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-profile:v",
                "main",
                "-crf",
                "23",
                "-maxrate",
                "1200k",
                "-bufsize",
                "2400k",
                "-movflags",
                "+faststart",
            ]
            .map(String::from),
        );
        a.push(dir.join("fallback.mp4").to_string_lossy().into_owned());
    }
    a
}

/// Runs ffmpeg; a failure carries the end of its error output (without the presigned URL).
pub async fn run(args: &[String], source_url: &str) -> anyhow::Result<()> {
    let output = tokio::process::Command::new("ffmpeg")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run ffmpeg (is it installed? `cargo xtask install`)")?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr).replace(source_url, "input");
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    bail!("ffmpeg failed ({}): {}", output.status, tail.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(width: i32, height: i32, audio: bool) -> VideoInfo {
        VideoInfo {
            format_name: "mov,mp4,m4a,3gp,3g2,mj2".into(),
            duration: 30.0,
            video_codec: "h264".into(),
            pix_fmt: "yuv420p".into(),
            width,
            height,
            audio_codec: audio.then(|| "aac".into()),
        }
    }

    #[test]
    fn the_ladder_never_upscales_but_keeps_the_lowest_rung() {
        let names = |i: &VideoInfo| {
            ladder_for(i)
                .iter()
                .map(|o| o.rung.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&info(1920, 1080, true)), ["360p", "720p"]);
        assert_eq!(names(&info(1280, 720, true)), ["360p", "720p"]);
        assert_eq!(names(&info(640, 360, true)), ["360p"]);
        assert_eq!(names(&info(320, 180, true)), ["360p"]);
        let portrait = ladder_for(&info(1080, 1920, true));
        assert_eq!((portrait[0].width, portrait[0].height), (360, 640));
        let odd = ladder_for(&info(1000, 750, true));
        assert_eq!((odd[0].width, odd[0].height), (480, 360));
    }

    #[test]
    fn a_source_without_audio_maps_no_audio() {
        let source = info(1280, 720, false);
        let a = args(
            "http://s/x",
            &source,
            &ladder_for(&source),
            true,
            Path::new("/t"),
        );
        assert!(!a.iter().any(|x| x == "0:a:0"));
        assert!(a.iter().any(|x| x == "v:0,name:360p v:1,name:720p"));
        assert!(a.iter().any(|x| x == "/t/fallback.mp4"));
        let with_audio = info(1280, 720, true);
        let a = args(
            "http://s/x",
            &with_audio,
            &ladder_for(&with_audio),
            false,
            Path::new("/t"),
        );
        assert!(a.iter().any(|x| x == "v:0,a:0,name:360p v:1,a:1,name:720p"));
        assert!(!a.iter().any(|x| x.ends_with("fallback.mp4")));
    }
}
