//! A local PostgreSQL cluster run with the machine's binaries: persistent under `var/pg` for
//! `dev`, throwaway in a temp dir for `ci`. PostgreSQL refuses to run as root, so as root
//! every server-side command runs as the `postgres` user through `runuser`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::util::{cmd, free_port, is_root, output, repo_root, run};

pub const OWNER_ROLE: &str = "zhipei_owner";
pub const APP_ROLE: &str = "zhipei_app";
pub const DATABASE: &str = "zhipei";

/// Finds the directory holding `initdb`, `pg_ctl` and `psql`.
pub fn find_bindir() -> Result<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("PG_BINDIR") {
        candidates.push(PathBuf::from(dir));
    }
    candidates.push(PathBuf::from("/usr/lib/postgresql/15/bin"));
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut versions: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .collect();
        versions.sort();
        candidates.extend(versions.into_iter().rev());
    }
    if let Ok(dir) = output(cmd("pg_config").arg("--bindir")) {
        candidates.push(PathBuf::from(dir.trim()));
    }
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    candidates
        .into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
        .context(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 \
             (apt-get install -y postgresql-15) or set PG_BINDIR",
        )
}

/// What a cluster is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `dev`'s: kept between runs, durable.
    Kept,
    /// Wiped first and removed on drop, without durability (nothing to keep).
    Throwaway,
    /// Throwaway but durable as in production: for benchmarks that claim durability.
    DurableThrowaway,
}

pub struct Cluster {
    bindir: PathBuf,
    base: PathBuf,
    pub port: u16,
    as_postgres: bool,
    throwaway: bool,
    running: bool,
}

impl Cluster {
    /// Initializes the cluster under `base` if needed and starts it (or adopts it when a
    /// previous run left it running). A throwaway cluster is wiped first and removed on drop.
    pub fn start(base: &Path, preferred_port: Option<u16>, kind: Kind) -> Result<Self> {
        let throwaway = kind != Kind::Kept;
        let bindir = find_bindir()?;
        let as_postgres = is_root();
        if throwaway && base.exists() {
            std::fs::remove_dir_all(base)
                .with_context(|| format!("removing old {}", base.display()))?;
        }
        std::fs::create_dir_all(base.join("sock"))
            .with_context(|| format!("creating {}", base.display()))?;
        let mut cluster = Cluster {
            bindir,
            base: base.to_path_buf(),
            port: 0,
            as_postgres,
            throwaway,
            running: false,
        };
        if as_postgres {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(base))?;
            let probe = cluster
                .server_cmd("test")
                .arg("-w")
                .arg(base.join("sock"))
                .status()?;
            if !probe.success() {
                bail!(
                    "the `postgres` user cannot write {} (a parent directory is not \
                     accessible to it)",
                    base.display()
                );
            }
        }
        let data = cluster.data_dir();
        if !data.join("PG_VERSION").exists() {
            let mut initdb = cluster.server_tool("initdb");
            initdb
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "-A", "trust", "-E", "UTF8"])
                .args(["--locale=C.UTF-8", "--no-instructions"]);
            if throwaway {
                initdb.arg("--no-sync");
            }
            run(&mut initdb)?;
        }
        if let Some(port) = cluster.running_port() {
            println!(
                "PostgreSQL already running on port {port} ({})",
                data.display()
            );
            cluster.port = port;
            cluster.running = true;
            return Ok(cluster);
        }
        cluster.port = free_port(preferred_port)?;
        let mut options = format!(
            "-p {} -k '{}' -c listen_addresses=127.0.0.1",
            cluster.port,
            base.join("sock").display()
        );
        match kind {
            // Durability is pointless for a cluster deleted at the end of the run.
            Kind::Throwaway => {
                options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            }
            Kind::DurableThrowaway => {
                for (name, value) in production_settings()? {
                    options.push_str(&format!(" -c {name}={value}"));
                }
            }
            Kind::Kept => {}
        }
        let log = base.join("server.log");
        let started = run(cluster
            .server_tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .args(["-w", "-t", "120", "-o", &options, "start"]));
        if let Err(err) = started {
            let tail = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(20).collect();
            eprintln!("--- {} (last lines) ---", log.display());
            for line in tail.into_iter().rev() {
                eprintln!("{line}");
            }
            return Err(err);
        }
        cluster.running = true;
        println!(
            "PostgreSQL listening on 127.0.0.1:{} (data {}, log {})",
            cluster.port,
            data.display(),
            log.display()
        );
        Ok(cluster)
    }

    fn data_dir(&self) -> PathBuf {
        self.base.join("data")
    }

    /// A command run as the cluster's OS user, from a directory that user can enter.
    fn server_cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        c.current_dir(&self.base);
        c
    }

    fn server_tool(&self, tool: &str) -> Command {
        self.server_cmd(self.bindir.join(tool))
    }

    /// The port of a postmaster already running on this data directory, if any.
    fn running_port(&self) -> Option<u16> {
        let status = self
            .server_tool("pg_ctl")
            .arg("-D")
            .arg(self.data_dir())
            .arg("status")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        let pid = std::fs::read_to_string(self.data_dir().join("postmaster.pid")).ok()?;
        pid.lines().nth(3)?.trim().parse().ok()
    }

    pub fn superuser_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// The superuser's URL over the cluster's Unix socket, as a server on the database's own
    /// host connects (no TCP loopback round trip per statement).
    pub fn superuser_socket_url(&self) -> String {
        format!(
            "postgres://postgres@localhost:{}/postgres?host={}",
            self.port,
            self.base.join("sock").display()
        )
    }

    pub fn url(&self, role: &str, database: &str) -> String {
        format!("postgres://{role}@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs SQL as the superuser; returns unaligned, tuples-only output.
    pub fn psql(&self, database: &str, sql: &str) -> Result<String> {
        output(
            Command::new(self.bindir.join("psql"))
                .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
                .args(["-h", "127.0.0.1", "-U", "postgres"])
                .arg("-p")
                .arg(self.port.to_string())
                .arg("-d")
                .arg(database)
                .arg("-c")
                .arg(sql),
        )
    }

    /// The roles every database of the project expects, created when missing.
    pub fn ensure_roles(&self) -> Result<()> {
        self.psql(
            "postgres",
            &format!(
                "DO $$ BEGIN \
                   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER_ROLE}') THEN \
                     CREATE ROLE {OWNER_ROLE} LOGIN; END IF; \
                   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN \
                     CREATE ROLE {APP_ROLE} LOGIN NOBYPASSRLS NOSUPERUSER; END IF; \
                 END $$"
            ),
        )?;
        Ok(())
    }

    /// The `zhipei` database owned by the owner role, created when missing.
    pub fn ensure_database(&self) -> Result<()> {
        self.ensure_roles()?;
        let exists = self.psql(
            "postgres",
            &format!("SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"),
        )?;
        if exists.trim() != "1" {
            self.psql(
                "postgres",
                &format!("CREATE DATABASE {DATABASE} OWNER {OWNER_ROLE}"),
            )?;
            println!("created database {DATABASE} (owner {OWNER_ROLE})");
        }
        Ok(())
    }

    pub fn stop(&mut self) -> Result<()> {
        if !self.running {
            return Ok(());
        }
        self.running = false;
        run(self
            .server_tool("pg_ctl")
            .arg("-D")
            .arg(self.data_dir())
            .args(["-m", "fast", "-w", "-t", "60", "stop"]))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(err) = self.stop() {
            eprintln!("xtask: warning: stopping PostgreSQL: {err:#}");
        }
        if self.throwaway
            && let Err(err) = std::fs::remove_dir_all(&self.base)
        {
            eprintln!("xtask: warning: removing {}: {err}", self.base.display());
        }
    }
}

/// The production settings of `infra/postgresql.conf` (`name = value` lines), so that a
/// benchmark measures the database as deployed.
fn production_settings() -> Result<Vec<(String, String)>> {
    let path = repo_root().join("infra/postgresql.conf");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Starts a throwaway cluster, creates the roles and database twice (idempotent), and
    /// checks the app role cannot bypass row-level security; the drop removes everything.
    #[test]
    fn throwaway_cluster_lifecycle() {
        if find_bindir().is_err() {
            eprintln!("SKIPPED: no PostgreSQL server binaries on this machine");
            return;
        }
        let base = std::env::temp_dir().join(format!("xtask-pg-test-{}", std::process::id()));
        let mut cluster = Cluster::start(&base, None, Kind::Throwaway).unwrap();
        cluster.ensure_database().unwrap();
        cluster.ensure_database().unwrap();
        let app = cluster
            .psql(
                "postgres",
                &format!(
                    "SELECT rolcanlogin, rolbypassrls, rolsuper FROM pg_roles \
                     WHERE rolname = '{APP_ROLE}'"
                ),
            )
            .unwrap();
        assert_eq!(app.trim(), "t|f|f");
        let owner = cluster
            .psql(
                "postgres",
                &format!(
                    "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{DATABASE}'"
                ),
            )
            .unwrap();
        assert_eq!(owner.trim(), OWNER_ROLE);
        cluster.stop().unwrap();
        drop(cluster);
        assert!(!base.exists());
    }
}
