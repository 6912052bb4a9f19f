//! The demo course's media, generated with ffmpeg into `var/demo/` when missing: a 90 s 640x360
//! H.264/AAC test pattern (with a Chinese title when a CJK font is installed) its
//! Simplified-Chinese WebVTT subtitles and a blank licence scan. `cargo xtask dev` hands the folder to the server as
//! `ZHIPEI_DEMO_MEDIA_DIR`, whose demo seed imports them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::util::{cmd, output, repo_root, run};

pub const VIDEO: &str = "demo-course.mp4";
pub const SUBTITLES: &str = "demo-course.zh-CN.vtt";
/// A stand-in for the copyright licence scan every submitted course carries (Z-III.2).
pub const LICENCE: &str = "demo-licence.png";
/// Long enough that a learner reaches a one-minute daily cap on it (the learning e2e journey).
const SECONDS: u32 = 90;

const VTT: &str = "WEBVTT

1
00:00:00.500 --> 00:00:05.000
欢迎学习安全生产培训课程

2
00:00:05.500 --> 00:00:11.000
本课程介绍生产经营单位的安全生产责任

3
00:00:11.500 --> 00:00:17.000
进入作业现场前，请正确佩戴安全帽和防护用品

4
00:00:17.500 --> 00:00:23.000
发现事故隐患，应当立即报告现场安全管理人员

5
00:00:23.500 --> 00:00:29.500
安全第一，预防为主，综合治理
";

/// Makes whatever of the demo media is missing; returns the folder.
pub fn media() -> Result<PathBuf> {
    let dir = repo_root().join("var/demo");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let subtitles = dir.join(SUBTITLES);
    if !subtitles.exists() {
        write_then_rename(&subtitles, |tmp| {
            std::fs::write(tmp, VTT).with_context(|| format!("writing {}", tmp.display()))
        })?;
    }
    let licence = dir.join(LICENCE);
    if !licence.exists() {
        write_then_rename(&licence, make_licence)?;
    }
    let video = dir.join(VIDEO);
    if video.exists() && seconds_of(&video).is_some_and(|s| (s - f64::from(SECONDS)).abs() < 1.0) {
        println!("{}: present", video.display());
    } else {
        write_then_rename(&video, make_video)?;
    }
    Ok(dir)
}

/// The length of a media file by ffprobe (an older checkout's demo video may be shorter).
fn seconds_of(file: &Path) -> Option<f64> {
    output(
        cmd("ffprobe")
            .args([
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
            ])
            .arg(file),
    )
    .ok()
    .and_then(|s| s.trim().parse().ok())
}

/// Writes through a temporary name so an interrupted run leaves no half file behind.
fn write_then_rename(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!("partial-{name}"));
    write(&tmp)?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))
}

fn make_video(out: &Path) -> Result<()> {
    let mut c = cmd("ffmpeg");
    c.args(["-hide_banner", "-v", "error", "-y"])
        .args(["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25"])
        .args(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"])
        .args(["-t", &SECONDS.to_string()]);
    match cjk_font() {
        Some(font) => {
            c.args(["-vf", &title_filter(&font)]);
        }
        None => println!("no CJK font found (fc-list :lang=zh): the demo video has no title"),
    }
    c.args([
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-profile:v",
        "main",
    ])
    .args(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k"])
    .args(["-movflags", "+faststart", "-f", "mp4"])
    .arg(out);
    run(&mut c)
}

fn make_licence(out: &Path) -> Result<()> {
    run(cmd("ffmpeg")
        .args(["-hide_banner", "-v", "error", "-y"])
        .args(["-f", "lavfi", "-i", "color=c=white:s=600x400"])
        .args(["-frames:v", "1", "-f", "image2", "-c:v", "png"])
        .arg(out))
}

/// The first font file fontconfig knows for Chinese, if any.
fn cjk_font() -> Option<String> {
    let fonts = output(cmd("fc-list").args([":lang=zh", "file"])).ok()?;
    fonts
        .lines()
        .map(|l| l.trim().trim_end_matches(':').to_owned())
        .find(|l| !l.is_empty())
}

/// The course title over the pattern. Quoted for ffmpeg's filter syntax: the font path and text
/// contain no `'`, `:` or `\` that would need escaping beyond the quotes.
fn title_filter(font: &str) -> String {
    format!(
        "drawtext=fontfile='{font}':text='安全生产培训 演示课程':fontcolor=white:fontsize=36:\
         box=1:boxcolor=black@0.6:boxborderw=12:x=(w-text_w)/2:y=h-text_h-40"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_subtitles_are_webvtt_with_ordered_cues_inside_the_video() {
        assert!(VTT.starts_with("WEBVTT\n"));
        let cues: Vec<&str> = VTT.lines().filter(|l| l.contains(" --> ")).collect();
        assert_eq!(cues.len(), 5);
        assert!(VTT.contains("欢迎学习安全生产培训课程"));
        let mut sorted = cues.clone();
        sorted.sort();
        assert_eq!(sorted, cues);
        let video_end = format!("00:{:02}:{:02}.000", SECONDS / 60, SECONDS % 60);
        let ends = cues.iter().filter_map(|c| c.split(" --> ").nth(1));
        assert!(ends.into_iter().all(|end| end <= video_end.as_str()));
    }
}
