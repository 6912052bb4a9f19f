//! Face models and test photos, fetched from package registries into `var/models/` when missing
//! or wrong, each file checked against its SHA-256 (nothing downloads at run time; see
//! `docs/face.md`):
//! - dlib's ResNet embedding and 5-point landmark models (CC0): PyPI `face_recognition_models`
//!   0.3.0 (sdist);
//! - SeetaFace's frontal detector (BSD-2): the crate `rustface` 0.1.7, from cargo's cache;
//! - photos for the engine's tests: PyPI `face_recognition` 1.3.0 (sdist, two people) and
//!   `scikit-image` 0.24.0 (wheel: an astronaut, a cat, a coffee cup).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::util::{cmd, output, repo_root, run};

/// Where a file comes from: a PyPI package (sdist or wheel), or a crate in cargo's cache.
enum Package {
    Sdist(&'static str),
    Wheel(&'static str),
    Crate(&'static str),
}

struct Source {
    package: Package,
    /// (path inside the archive, path under `var/models`, SHA-256)
    files: &'static [(&'static str, &'static str, &'static str)],
}

const SOURCES: &[Source] = &[
    Source {
        package: Package::Sdist("face_recognition_models==0.3.0"),
        files: &[
            (
                "face_recognition_models-0.3.0/face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat",
                "dlib_face_recognition_resnet_model_v1.dat",
                "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
            ),
            (
                "face_recognition_models-0.3.0/face_recognition_models/models/shape_predictor_5_face_landmarks.dat",
                "shape_predictor_5_face_landmarks.dat",
                "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
            ),
        ],
    },
    Source {
        package: Package::Crate("rustface-0.1.7"),
        files: &[(
            "rustface-0.1.7/model/seeta_fd_frontal_v1.0.bin",
            "seeta_fd_frontal_v1.0.bin",
            "c4619d066ed35e84d9a8e842860b0dff567aba0cbb139881075538761db3ff5d",
        )],
    },
    Source {
        package: Package::Sdist("face_recognition==1.3.0"),
        files: &[
            (
                "face_recognition-1.3.0/tests/test_images/obama.jpg",
                "photos/obama.jpg",
                "0930e3aa8cae5920329c0c8cbc6a2ab70f47b0e67b432875beaa95cbf7e741f6",
            ),
            (
                "face_recognition-1.3.0/tests/test_images/obama2.jpg",
                "photos/obama2.jpg",
                "a7efcc907375274796f39646510704aa86672d59f6d5469d69af3c85590976a6",
            ),
            (
                "face_recognition-1.3.0/tests/test_images/obama3.jpg",
                "photos/obama3.jpg",
                "76ac6bf97c36dc2da0ad16a537d6a5ac1b10f48d49aac29a0cca9a17cdbc3ca3",
            ),
            (
                "face_recognition-1.3.0/tests/test_images/biden.jpg",
                "photos/biden.jpg",
                "3c17508bb91554c637a2eabddfae790e5bb1caba93130814fc2ac50be9760c4c",
            ),
        ],
    },
    Source {
        package: Package::Wheel("scikit-image==0.24.0"),
        files: &[
            (
                "skimage/data/astronaut.png",
                "photos/astronaut.png",
                "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5",
            ),
            (
                "skimage/data/chelsea.png",
                "photos/chelsea.png",
                "596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb",
            ),
            (
                "skimage/data/coffee.png",
                "photos/coffee.png",
                "cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7",
            ),
        ],
    },
];

/// Makes `var/models` hold every model and photo with the right SHA-256; returns the folder.
pub fn fetch() -> Result<PathBuf> {
    let root = repo_root();
    let dir = root.join("var/models");
    for source in SOURCES {
        if source
            .files
            .iter()
            .all(|(_, to, sha)| sha256(&dir.join(to)).is_ok_and(|s| s == *sha))
        {
            continue;
        }
        let unpacked = unpack(&source.package, &root.join("var/cache/models"))?;
        for (from, to, sha) in source.files {
            let src = unpacked.join(from);
            let got = sha256(&src)?;
            if got != *sha {
                bail!("{} has SHA-256 {got}, expected {sha}", src.display());
            }
            let dst = dir.join(to);
            if let Some(parent) = dst.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::copy(&src, &dst)
                .with_context(|| format!("copying {} to {}", src.display(), dst.display()))?;
        }
        std::fs::remove_dir_all(&unpacked)
            .with_context(|| format!("removing {}", unpacked.display()))?;
    }
    println!("face models and test photos in {}", dir.display());
    Ok(dir)
}

/// Downloads (pip, respecting the machine's index settings) or finds the package and unpacks
/// it into a fresh folder under `cache`.
fn unpack(package: &Package, cache: &Path) -> Result<PathBuf> {
    let (name, archive) = match package {
        Package::Sdist(spec) | Package::Wheel(spec) => {
            let download = cache.join("download");
            std::fs::create_dir_all(&download)?;
            let mut pip = cmd("python3");
            pip.args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
                .arg(&download)
                .arg(if matches!(package, Package::Sdist(_)) {
                    "--no-binary=:all:"
                } else {
                    "--only-binary=:all:"
                })
                .arg(spec);
            run(&mut pip)?;
            let stem = spec.replace("==", "-");
            (stem.clone(), find_archive(&download, &stem)?)
        }
        Package::Crate(stem) => (stem.to_string(), crate_archive(stem)?),
    };
    let out = cache.join("unpacked").join(&name);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    if matches!(package, Package::Wheel(_)) {
        run(cmd("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&archive)
            .arg(&out))?;
    } else {
        run(cmd("tar").arg("-xzf").arg(&archive).arg("-C").arg(&out))?;
    }
    Ok(out)
}

/// The downloaded file of a package (PyPI normalises `-`/`_` and case in file names).
fn find_archive(dir: &Path, stem: &str) -> Result<PathBuf> {
    let want = stem.to_lowercase().replace('-', "_");
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase().replace('-', "_"))
            .unwrap_or_default();
        if name.starts_with(&want) {
            return Ok(path);
        }
    }
    bail!("pip downloaded no file for {stem} into {}", dir.display())
}

/// A crate's `.crate` archive in cargo's download cache (fetched by `cargo fetch` if missing).
fn crate_archive(stem: &str) -> Result<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let find = || -> Option<PathBuf> {
        let cache = home.join("registry/cache");
        std::fs::read_dir(cache).ok()?.flatten().find_map(|index| {
            let path = index.path().join(format!("{stem}.crate"));
            path.is_file().then_some(path)
        })
    };
    if let Some(path) = find() {
        return Ok(path);
    }
    run(cmd("cargo").arg("fetch").current_dir(repo_root()))?;
    find().with_context(|| {
        format!(
            "{stem}.crate is not in cargo's cache under {}",
            home.display()
        )
    })
}

fn sha256(path: &Path) -> Result<String> {
    let out = output(cmd("sha256sum").arg(path))?;
    out.split_whitespace()
        .next()
        .map(str::to_owned)
        .with_context(|| format!("sha256sum printed nothing for {}", path.display()))
}
