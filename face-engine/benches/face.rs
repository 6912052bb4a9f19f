//! `cargo xtask bench face`: one face check (decode, detect with both detectors, align, embed,
//! compare with a reference) on 640x480 camera-like frames, on one core; prints the time per
//! step, the total per check and the checks per second one core sustains. Target: a check under
//! 150 ms.

use std::io::Cursor;
use std::path::PathBuf;
use std::time::Instant;

use face_engine::{FaceCount, LocalEngine, similarity};

const ROUNDS: usize = 40;

fn models_dir() -> PathBuf {
    std::env::var_os("ZHIPEI_FACE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../var/models"))
}

/// A photo placed on a 640x480 canvas as a webcam would frame it, as JPEG.
fn camera_frame(name: &str) -> anyhow_free::Result<Vec<u8>> {
    let bytes = std::fs::read(models_dir().join("photos").join(name))
        .map_err(|e| format!("{name}: {e}"))?;
    let photo = image::load_from_memory(&bytes).map_err(|e| e.to_string())?;
    let photo = photo
        .resize(640, 480, image::imageops::FilterType::Triangle)
        .into_rgb8();
    let mut canvas = image::RgbImage::from_pixel(640, 480, image::Rgb([40, 40, 40]));
    let x = (640 - photo.width()) / 2;
    image::imageops::overlay(&mut canvas, &photo, i64::from(x), 0);
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(canvas)
        .write_to(&mut out, image::ImageOutputFormat::Jpeg(90))
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

mod anyhow_free {
    pub type Result<T> = std::result::Result<T, String>;
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

fn main() -> anyhow_free::Result<()> {
    let mut engine = LocalEngine::load(&models_dir()).map_err(|e| e.to_string())?;
    let reference = engine
        .analyse(&camera_frame("obama.jpg")?)
        .map_err(|e| e.to_string())?
        .embedding
        .ok_or("the reference photo shows no single face")?;
    let frames = [
        camera_frame("obama2.jpg")?,
        camera_frame("obama3.jpg")?,
        camera_frame("biden.jpg")?,
    ];
    let empty = camera_frame("coffee.png")?;
    // Warm up caches and the allocator.
    for f in &frames {
        engine.analyse(f).map_err(|e| e.to_string())?;
    }
    let (mut detect, mut embed, mut total, mut none) = (vec![], vec![], vec![], vec![]);
    let started = Instant::now();
    for round in 0..ROUNDS {
        let frame = &frames[round % frames.len()];
        let t = Instant::now();
        let analysis = engine.analyse(frame).map_err(|e| e.to_string())?;
        if analysis.count != FaceCount::One {
            return Err(format!("frame {round}: {:?}", analysis.count));
        }
        let score = analysis
            .embedding
            .as_ref()
            .map(|e| similarity(e, &reference));
        std::hint::black_box(score);
        total.push(t.elapsed().as_secs_f64() * 1000.0);
        detect.push(analysis.detect_ms);
        embed.push(analysis.embed_ms);
        let t = Instant::now();
        engine.analyse(&empty).map_err(|e| e.to_string())?;
        none.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let wall = started.elapsed().as_secs_f64();
    for v in [&mut detect, &mut embed, &mut total, &mut none] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "face check on 640x480 JPEG frames, one thread ({ROUNDS} checks + {ROUNDS} no-face frames)"
    );
    println!("  step                               p50 ms   p95 ms");
    for (name, v) in [
        ("detect (HOG + SeetaFace confirm)", &detect),
        ("align + embed (dlib ResNet)", &embed),
        ("check: decode+detect+embed+compare", &total),
        ("frame without a face (detect only)", &none),
    ] {
        println!(
            "  {name:34} {:7.1}  {:7.1}",
            percentile(v, 0.5),
            percentile(v, 0.95)
        );
    }
    let mean = total.iter().sum::<f64>() / total.len() as f64;
    println!(
        "  checks per second on one core: {:.1} (mean check {mean:.1} ms)",
        1000.0 / mean
    );
    let (p50, p95) = (percentile(&total, 0.5), percentile(&total, 0.95));
    let verdict = if p50 < 150.0 { "met" } else { "NOT met" };
    println!("  target: a check under 150 ms — {verdict} (p50 {p50:.1} ms, p95 {p95:.1} ms)");
    println!("  wall time {wall:.1} s");
    Ok(())
}
