//! Small process, path and timing helpers shared by the commands.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Set by the Ctrl-C handler; long-running loops poll it.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs a SIGINT/SIGTERM handler that only records the signal: the children in our
/// process group get the same signal and exit, and our guards then stop PostgreSQL.
pub fn install_interrupt_handler() {
    let result = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            eprintln!("\nxtask: interrupted again, still cleaning up...");
        } else {
            eprintln!("\nxtask: interrupted, stopping...");
        }
    });
    if let Err(err) = result {
        eprintln!("xtask: warning: cannot install the Ctrl-C handler: {err}");
    }
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// The workspace root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// Whether this process runs as root (PostgreSQL refuses root, so we switch to `postgres`).
pub fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

pub fn cargo_home_bin() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(home).join("bin"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").join("bin"))
}

/// Directory of the npm-installed front-end tools (binaryen's wasm-opt), if installed.
pub fn npm_bin_dir() -> PathBuf {
    repo_root().join("frontend-kit/npm/node_modules/.bin")
}

/// PATH for every child: npm tools first (trunk must find the pinned wasm-opt before any
/// system one), then cargo-installed tools (trunk, wasm-bindgen), then the inherited PATH.
pub fn child_path() -> OsString {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let npm = npm_bin_dir();
    if npm.is_dir() {
        dirs.push(npm);
    }
    if let Some(bin) = cargo_home_bin() {
        dirs.push(bin);
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
}

/// A command with our PATH, run from the repository root unless changed.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", child_path()).current_dir(repo_root());
    c
}

pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.contains(' ') || a.is_empty() {
            let _ = write!(s, " '{a}'");
        } else {
            let _ = write!(s, " {a}");
        }
    }
    s
}

/// Runs a command with inherited stdio; fails with the command line when it fails.
pub fn run(c: &mut Command) -> Result<()> {
    let line = describe(c);
    println!("$ {line}");
    let status = c
        .stdin(Stdio::null())
        .status()
        .with_context(|| format!("cannot start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its stdout; stderr is shown only when it fails.
pub fn output(c: &mut Command) -> Result<String> {
    let line = describe(c);
    let out = c
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot start `{line}`"))?;
    if !out.status.success() {
        bail!(
            "`{line}` failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `program --version` (stdout, trimmed), or None when it is not installed or fails.
pub fn tool_version(program: &str) -> Option<String> {
    let out = cmd(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A TCP port that was free on 127.0.0.1 a moment ago (`preferred` first when given).
pub fn free_port(preferred: Option<u16>) -> Result<u16> {
    if let Some(p) = preferred
        && TcpListener::bind((Ipv4Addr::LOCALHOST, p)).is_ok()
    {
        return Ok(p);
    }
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("no free TCP port")?;
    Ok(l.local_addr()?.port())
}

pub fn port_is_free(addr: &str) -> bool {
    TcpListener::bind(addr).is_ok()
}

pub fn fmt_duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// Named, timed steps: each prints its start and duration; a failure names the step.
pub struct Steps {
    started: Instant,
    done: Vec<(String, Duration)>,
}

impl Steps {
    pub fn new() -> Self {
        Self {
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    pub fn run<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if interrupted() {
            bail!("interrupted before step `{name}`");
        }
        println!("\n==> {name}");
        let t = Instant::now();
        let result = f();
        let took = t.elapsed();
        match result {
            Ok(v) => {
                println!("<== {name}: ok ({})", fmt_duration(took));
                self.done.push((name.to_string(), took));
                Ok(v)
            }
            Err(err) => {
                println!("<== {name}: FAILED ({})", fmt_duration(took));
                Err(err.context(format!("step `{name}` failed after {}", fmt_duration(took))))
            }
        }
    }

    pub fn total(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn print_summary(&self) {
        println!("\nstep durations:");
        for (name, took) in &self.done {
            println!("  {:>8}  {name}", fmt_duration(*took));
        }
    }
}

/// Target directory of the workspace (honours CARGO_TARGET_DIR and cargo config).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let p = PathBuf::from(dir);
        return if p.is_absolute() {
            p
        } else {
            repo_root().join(p)
        };
    }
    let meta = output(cmd("cargo").args(["metadata", "--format-version", "1", "--no-deps"]));
    if let Ok(json) = meta
        && let Some(dir) = json_string_field(&json, "target_directory")
    {
        return PathBuf::from(dir);
    }
    repo_root().join("target")
}

/// The value of the first `"key":"value"` in a JSON text (no escapes expected in paths).
fn json_string_field(json: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\":\"");
    let start = json.find(&needle)? + needle.len();
    let end = json[start..].find('"')? + start;
    Some(json[start..end].replace("\\\\", "\\"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_target_directory_in_metadata() {
        let json = r#"{"packages":[],"target_directory":"/w/target","version":1}"#;
        assert_eq!(
            json_string_field(json, "target_directory").as_deref(),
            Some("/w/target")
        );
        assert_eq!(json_string_field(json, "missing"), None);
    }

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(fmt_duration(Duration::from_secs(125)), "2m05s");
    }
}
