//! Idempotent installers for what a fresh Debian 12 + Rust stable machine lacks.
//! Each checks first and does nothing when the right version is already there.

use std::process::Stdio;

use anyhow::{Context, Result, bail};

use crate::util::{cmd, is_root, output, repo_root, run, tool_version};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// trunk 0.22.x needs rustc 1.96; 0.21.14 is the newest that builds on 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";

pub fn wasm_target() -> Result<()> {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"]))
        .context("rustup is needed to add the wasm32 target")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("{WASM_TARGET}: installed");
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn second_word_is(version_line: Option<String>, want: &str) -> bool {
    version_line.is_some_and(|v| v.split_whitespace().nth(1) == Some(want))
}

pub fn trunk() -> Result<()> {
    if second_word_is(tool_version("trunk"), TRUNK_VERSION) {
        println!("trunk {TRUNK_VERSION}: installed");
        return Ok(());
    }
    run(quick_install().args([
        "--locked",
        &format!("trunk@{TRUNK_VERSION}"),
        "--no-default-features",
        "--features",
        "rustls",
    ]))
}

/// `cargo install` for build tools, trading their run-time speed (irrelevant: they orchestrate
/// and rewrite a few MB) for build time: trunk's own release profile asks for fat LTO, which
/// took ~17 min on 2 cores; without LTO at opt-level 1 it takes under 5.
fn quick_install() -> std::process::Command {
    let mut c = cmd("cargo");
    c.arg("install")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false");
    c
}

/// The version of `name` recorded in Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let v = lines.next()?.trim();
            return v
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string);
        }
    }
    None
}

/// wasm-bindgen-cli must match the `wasm-bindgen` crate in Cargo.lock exactly, else trunk
/// would try to download its own copy (which fails offline).
pub fn wasm_bindgen() -> Result<()> {
    let lock =
        std::fs::read_to_string(repo_root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let Some(version) = locked_version(&lock, "wasm-bindgen") else {
        bail!("Cargo.lock has no `wasm-bindgen` package: cannot choose a wasm-bindgen-cli version");
    };
    if second_word_is(tool_version("wasm-bindgen"), &version) {
        println!("wasm-bindgen {version}: installed");
        return Ok(());
    }
    // No --locked: the CLI's own lockfile names a crate version the registry no longer has.
    run(quick_install().args(["wasm-bindgen-cli", "--version", &version]))
}

/// `npm ci` for the front-end npm tools, when the front-end kit declares them. Skipped when
/// node_modules was installed from the same package-lock.json.
pub fn npm_tools() -> Result<()> {
    let dir = repo_root().join("frontend-kit/npm");
    if !dir.join("package.json").exists() {
        return Ok(());
    }
    let lock = std::fs::read(dir.join("package-lock.json"))
        .context("frontend-kit/npm/package-lock.json is missing (npm ci needs it)")?;
    let stamp = dir.join("node_modules/.zhipei-installed-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("frontend-kit/npm: node_modules up to date");
        return Ok(());
    }
    if tool_version("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    run(cmd("npm").args([
        "ci",
        "--prefix",
        "frontend-kit/npm",
        "--no-audit",
        "--no-fund",
    ]))?;
    std::fs::write(&stamp, &lock).with_context(|| format!("writing {}", stamp.display()))?;
    Ok(())
}

/// Chromium and its WebDriver for the e2e suite.
pub fn browser() -> Result<()> {
    let chromium = tool_version("chromium");
    let driver = tool_version("chromedriver");
    if let (Some(c), Some(d)) = (&chromium, &driver) {
        println!("{c}; {d}");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// ffmpeg and ffprobe: the backend probes uploaded videos and transcodes them to HLS with them.
/// (They print their version with `-version`, not `--version`.)
pub fn ffmpeg() -> Result<()> {
    let version = |tool: &str| {
        output(cmd(tool).arg("-version"))
            .ok()
            .and_then(|out| out.lines().next().map(str::to_owned))
    };
    if let (Some(ffmpeg), Some(_)) = (version("ffmpeg"), version("ffprobe")) {
        println!("{ffmpeg}");
        return Ok(());
    }
    apt_install(&["ffmpeg"])
}

/// The C++ libraries the face engine links (dlib with its BLAS and LAPACK).
pub fn face_libraries() -> Result<()> {
    const PACKAGES: [&str; 3] = ["libdlib-dev", "libopenblas-dev", "liblapack-dev"];
    let installed = |package: &str| {
        output(cmd("dpkg-query").args(["-W", "-f=${Status}", package]))
            .is_ok_and(|status| status.contains("install ok installed"))
    };
    if PACKAGES.iter().all(|p| installed(p)) {
        println!("{} installed", PACKAGES.join(", "));
        return Ok(());
    }
    apt_install(&PACKAGES)
}

fn apt_has_candidate(package: &str) -> bool {
    let Ok(policy) = output(cmd("apt-cache").args(["policy", package])) else {
        return false;
    };
    policy
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Candidate:"))
        .any(|c| c.trim() != "(none)")
}

/// `apt-get install -y`, running `apt-get update` first only when a package is unknown to
/// the current lists (or when the first attempt fails on stale lists).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if !is_root() {
        bail!(
            "missing system packages; install them with: sudo apt-get install -y {}",
            packages.join(" ")
        );
    }
    let apt_get = || {
        let mut c = cmd("apt-get");
        c.env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::inherit());
        c
    };
    let mut updated = false;
    if !packages.iter().all(|p| apt_has_candidate(p)) {
        run(apt_get().args(["update"]))?;
        updated = true;
    }
    let install = |c: &mut std::process::Command| run(c.args(["install", "-y"]).args(packages));
    match install(&mut apt_get()) {
        Ok(()) => Ok(()),
        Err(_) if !updated => {
            run(apt_get().args(["update"]))?;
            install(&mut apt_get())
        }
        Err(err) => Err(err),
    }
}

/// The tools `dev` needs to build the SPAs.
pub fn spa_tools() -> Result<()> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_from_cargo_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.53\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-futures").as_deref(),
            Some("0.4.53")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn matches_version_lines() {
        assert!(second_word_is(Some("trunk 0.21.14".into()), "0.21.14"));
        assert!(!second_word_is(Some("trunk 0.21.1".into()), "0.21.14"));
        assert!(!second_word_is(None, "0.21.14"));
    }
}
