//! What an uploaded file really is: `ffprobe` for videos, magic bytes for documents and images,
//! a WebVTT parse for subtitles. A file that fails is refused with a reason in both languages.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Text;

/// Video codecs Debian's ffmpeg decodes and browsers' uploads actually carry.
const DECODABLE_VIDEO: [&str; 16] = [
    "h264",
    "hevc",
    "vp8",
    "vp9",
    "av1",
    "mpeg4",
    "mpeg2video",
    "mpeg1video",
    "msmpeg4v2",
    "msmpeg4v3",
    "wmv2",
    "wmv3",
    "vc1",
    "theora",
    "prores",
    "mjpeg",
];

/// The facts about a video the transcoder and the player need, kept in `media_assets.probe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoInfo {
    /// ffprobe's container names, e.g. `mov,mp4,m4a,3gp,3g2,mj2`
    pub format_name: String,
    pub duration: f64,
    pub video_codec: String,
    pub pix_fmt: String,
    /// Display size (after the rotation phones record).
    pub width: i32,
    pub height: i32,
    pub audio_codec: Option<String>,
}

impl VideoInfo {
    /// Browsers play the source itself as the MP4 fallback: H.264 in 8-bit 4:2:0, AAC or no
    /// audio, in an MP4 container.
    pub fn plays_in_browsers(&self, content_type: &str) -> bool {
        content_type == "video/mp4"
            && self.format_name.split(',').any(|f| f == "mp4")
            && self.video_codec == "h264"
            && self.pix_fmt == "yuv420p"
            && self.audio_codec.as_deref().is_none_or(|a| a == "aac")
    }
}

fn reject(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

/// Runs ffprobe on `url` (a presigned GET), for at most `timeout`. `Ok(Err(reason))` is a file
/// it cannot play; `Err` is a failure of the machinery (ffprobe missing...).
pub async fn video(url: &str, timeout: Duration) -> anyhow::Result<Result<VideoInfo, Text>> {
    let child = tokio::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-rw_timeout",
            "30000000",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            url,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("cannot run ffprobe (is ffmpeg installed? `cargo xtask install`)")?;
    let Ok(output) = tokio::time::timeout(timeout, child.wait_with_output()).await else {
        let seconds = timeout.as_secs();
        return Ok(Err(reject(
            format!("视频检测超时（{seconds} 秒内无法读取文件）"),
            format!("probing timed out (the file could not be read within {seconds} s)"),
        )));
    };
    let output = output.context("ffprobe")?;
    if !output.status.success() {
        // ffprobe names its input in messages: never echo the presigned URL.
        let detail = String::from_utf8_lossy(&output.stderr)
            .replace(url, "input")
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect::<String>();
        return Ok(Err(reject(
            format!("无法识别为视频文件（{detail}）"),
            format!("not a video file ffmpeg can read ({detail})"),
        )));
    }
    let json: Value = serde_json::from_slice(&output.stdout).context("ffprobe output")?;
    Ok(video_info(&json))
}

/// Judges ffprobe's JSON (`-show_format -show_streams`).
pub fn video_info(json: &Value) -> Result<VideoInfo, Text> {
    let streams = json["streams"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let is_cover = |s: &&Value| s["disposition"]["attached_pic"].as_i64() == Some(1);
    let Some(video) = streams
        .iter()
        .filter(|s| s["codec_type"] == "video")
        .find(|s| !is_cover(s))
    else {
        return Err(reject("文件中没有视频画面", "the file has no video stream"));
    };
    let codec = video["codec_name"].as_str().unwrap_or("unknown");
    if !DECODABLE_VIDEO.contains(&codec) {
        return Err(reject(
            format!("不支持的视频编码 {codec}，请使用 H.264、H.265、VP9 或 AV1"),
            format!("unsupported video codec {codec}; use H.264, H.265, VP9 or AV1"),
        ));
    }
    let number = |v: &Value| {
        v.as_f64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    };
    let duration = number(&json["format"]["duration"])
        .or_else(|| number(&video["duration"]))
        .filter(|d| d.is_finite() && *d > 0.0);
    let Some(duration) = duration else {
        return Err(reject("无法读出视频时长", "the video has no duration"));
    };
    let (width, height) = (video["width"].as_i64(), video["height"].as_i64());
    let (Some(width), Some(height)) = (width.filter(|w| *w > 0), height.filter(|h| *h > 0)) else {
        return Err(reject(
            "无法读出视频画面尺寸",
            "the video has no frame size",
        ));
    };
    let (width, height) = match rotation(video) {
        90 | 270 => (height, width),
        _ => (width, height),
    };
    Ok(VideoInfo {
        format_name: json["format"]["format_name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        duration,
        video_codec: codec.to_owned(),
        pix_fmt: video["pix_fmt"].as_str().unwrap_or_default().to_owned(),
        width: i32::try_from(width).unwrap_or(i32::MAX),
        height: i32::try_from(height).unwrap_or(i32::MAX),
        audio_codec: streams
            .iter()
            .find(|s| s["codec_type"] == "audio")
            .map(|s| s["codec_name"].as_str().unwrap_or("unknown").to_owned()),
    })
}

/// Clockwise display rotation in degrees (0, 90, 180, 270), from the display matrix or the
/// older `rotate` tag.
fn rotation(video: &Value) -> i64 {
    let from_side_data = video["side_data_list"]
        .as_array()
        .and_then(|list| list.iter().find_map(|d| d["rotation"].as_i64()));
    let from_tag = video["tags"]["rotate"]
        .as_str()
        .and_then(|r| r.parse::<i64>().ok());
    from_side_data.or(from_tag).unwrap_or(0).rem_euclid(360)
}

/// How many leading bytes [`magic`] needs.
pub const MAGIC_LEN: u64 = 8;

/// Whether the first bytes of a file are those of `content_type` (PDF, JPEG or PNG).
pub fn magic(content_type: &str, head: &[u8]) -> Result<(), Text> {
    let (ok, what) = match content_type {
        "application/pdf" => (head.starts_with(b"%PDF-"), "PDF"),
        "image/jpeg" => (head.starts_with(&[0xFF, 0xD8, 0xFF]), "JPEG"),
        "image/png" => (head.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG"),
        other => (false, other),
    };
    if ok {
        Ok(())
    } else {
        Err(reject(
            format!("文件内容不是 {what} 格式"),
            format!("the file content is not {what}"),
        ))
    }
}

/// A WebVTT file: UTF-8, `WEBVTT` header (a BOM is allowed), at least one cue, every cue timing
/// `[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm` with the end after the start.
pub fn webvtt(bytes: &[u8]) -> Result<(), Text> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(reject(
            "字幕文件须为 UTF-8 编码",
            "the subtitle file must be UTF-8",
        ));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let header_ok = header
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !header_ok {
        return Err(reject(
            "字幕文件须以 WEBVTT 开头",
            "the subtitle file must start with WEBVTT",
        ));
    }
    let mut cues = 0;
    for (index, line) in lines.enumerate() {
        if !line.contains("-->") {
            continue;
        }
        let line_no = index + 2;
        let timing = line.split_once("-->").and_then(|(start, rest)| {
            let end = rest.split_whitespace().next()?;
            Some((cue_time(start.trim())?, cue_time(end)?))
        });
        match timing {
            Some((start, end)) if end > start => cues += 1,
            _ => {
                return Err(reject(
                    format!("第 {line_no} 行的时间轴无效（应为 00:00:01.000 --> 00:00:04.000）"),
                    format!(
                        "line {line_no} has an invalid cue timing (expected 00:00:01.000 --> 00:00:04.000)"
                    ),
                ));
            }
        }
    }
    if cues == 0 {
        return Err(reject(
            "字幕文件中没有字幕条目",
            "the subtitle file has no cues",
        ));
    }
    Ok(())
}

/// `[hh:]mm:ss.mmm` in milliseconds.
fn cue_time(s: &str) -> Option<u64> {
    let (clock, millis) = s.split_once('.')?;
    let parts: Vec<&str> = clock.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] if h.len() >= 2 => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    let digits = |v: &str, len: usize| {
        (v.len() == len && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.parse::<u64>().ok())
            .flatten()
    };
    let hours: u64 = hours.parse().ok()?;
    let minutes = digits(minutes, 2).filter(|m| *m < 60)?;
    let seconds = digits(seconds, 2).filter(|s| *s < 60)?;
    let millis = digits(millis, 3)?;
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_valid_webvtt_with_a_bom_and_chinese_cues_passes() {
        let vtt = "\u{feff}WEBVTT - 字幕\n\n1\n00:00:01.000 --> 00:00:04.000 align:center\n欢迎学习\n\n05:00.500 --> 05:02.000\n再见\n";
        assert!(webvtt(vtt.as_bytes()).is_ok());
    }

    #[test]
    fn webvtt_problems_are_named() {
        let en = |bytes: &[u8]| webvtt(bytes).err().map(|t| t.en).unwrap_or_default();
        assert!(en(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n").contains("WEBVTT"));
        assert!(en(b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n").contains("line 3"));
        assert!(en(b"WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nhi\n").contains("line 3"));
        assert!(en(b"WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nhi\n").contains("line 3"));
        assert!(en(b"WEBVTT\n\nno cues\n").contains("no cues"));
        assert!(en(b"WEBVTTX\n").contains("WEBVTT"));
        assert!(en(&[0xff, 0xfe, 0x00]).contains("UTF-8"));
    }

    #[test]
    fn magic_bytes_must_match_the_declared_type() {
        assert!(magic("application/pdf", b"%PDF-1.7\n").is_ok());
        assert!(magic("image/png", b"\x89PNG\r\n\x1a\n").is_ok());
        assert!(magic("image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]).is_ok());
        assert!(magic("application/pdf", b"\x89PNG\r\n\x1a\n").is_err());
        assert!(magic("image/jpeg", b"").is_err());
    }

    #[test]
    fn a_probe_without_video_or_with_an_unknown_codec_is_refused() {
        let audio_only = json!({"streams": [{"codec_type": "audio", "codec_name": "mp3"}],
                                "format": {"duration": "3.0"}});
        assert!(video_info(&audio_only).is_err());
        let cover_art = json!({"streams": [{"codec_type": "video", "codec_name": "mjpeg",
            "width": 10, "height": 10, "disposition": {"attached_pic": 1}}], "format": {"duration": "3"}});
        assert!(video_info(&cover_art).is_err());
        let weird = json!({"streams": [{"codec_type": "video", "codec_name": "bink", "width": 10,
            "height": 10}], "format": {"duration": "3"}});
        assert!(
            video_info(&weird)
                .err()
                .is_some_and(|t| t.en.contains("bink"))
        );
        let still = json!({"streams": [{"codec_type": "video", "codec_name": "h264", "width": 10,
            "height": 10}], "format": {}});
        assert!(
            video_info(&still)
                .err()
                .is_some_and(|t| t.en.contains("duration"))
        );
    }

    #[test]
    fn a_portrait_phone_video_is_measured_as_displayed() {
        let phone = json!({"streams": [
            {"codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080,
             "pix_fmt": "yuv420p", "side_data_list": [{"rotation": -90}]},
            {"codec_type": "audio", "codec_name": "aac"}],
            "format": {"duration": "12.5", "format_name": "mov,mp4,m4a,3gp,3g2,mj2"}});
        let info = video_info(&phone).ok();
        assert_eq!(
            info.as_ref().map(|i| (i.width, i.height)),
            Some((1080, 1920))
        );
        assert!(info.is_some_and(|i| i.plays_in_browsers("video/mp4")));
    }
}
