//! Configuration from environment variables, optionally preloaded from a `KEY=value` file named by
//! `ZHIPEI_CONFIG_FILE` (the environment wins). Validated once at start with errors that name the
//! variable.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::crypto::Keyring;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Local development and tests: dev SMS outbox, demo seed, pretty logs, built-in dev keys.
    Dev,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Pretty,
}

#[derive(Clone)]
pub struct Config {
    pub mode: Mode,
    pub bind: SocketAddr,
    pub database_url: String,
    /// When set, migrations run at start as this (owner) role.
    pub database_owner_url: Option<String>,
    pub log_format: LogFormat,
    pub spa_dir: PathBuf,
    pub s3: S3Config,
    /// Tenant used by anonymous calls that name none (no `X-Tenant`, no tenant host label).
    pub default_tenant: Option<String>,
    pub seed_demo: bool,
    pub demo_password: String,
    /// The server sits behind TLS: Secure cookies and HSTS.
    pub behind_tls: bool,
    /// Take the client IP from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub request_timeout: Duration,
    /// Heartbeat batcher lanes (`ZHIPEI_HEARTBEAT_LANES`, default 2): batches decided at once. Fewer lanes
    /// make bigger batches (less work per heartbeat); more cut the wait on a busy lane.
    pub heartbeat_lanes: usize,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// Requests per minute and IP on each authentication endpoint.
    pub auth_rate_per_minute: u32,
    pub keyring: Keyring,
    pub sms: SmsConfig,
    pub jobs: JobsConfig,
    /// Browsers upload media in parts of this size (S3 wants at least 5 MiB but for the last).
    pub upload_part_bytes: i64,
    /// Where `cargo xtask dev` generated the demo video and subtitles (`var/demo`), if anywhere.
    pub demo_media_dir: Option<PathBuf>,
    /// The face engine's model files (`cargo xtask models` → `var/models`); without them face
    /// checks answer 503.
    pub face_models_dir: Option<PathBuf>,
    /// Threads of the local face engine (`ZHIPEI_FACE_WORKERS`, default 1), one check each.
    pub face_workers: usize,
    /// Signing secrets of external services (identity check, face comparison), by the key id a
    /// tenant's settings name: `ZHIPEI_PROVIDER_SECRETS="id=secret,id2=secret2"`.
    pub provider_secrets: HashMap<String, String>,
}

/// The background job queue (`jobs` module).
#[derive(Clone, Debug)]
pub struct JobsConfig {
    /// Worker tasks of this process; 0 runs none (another node works the queue).
    pub workers: usize,
    /// A failed attempt `n` (1-based) is retried after `retry_base × 2^(n-1)`.
    pub retry_base: Duration,
}

#[derive(Clone, Debug)]
pub enum S3Config {
    /// No `S3_ENDPOINT`: the server starts its own S3-compatible store over this folder.
    Embedded { root: PathBuf, bucket: String },
    External {
        endpoint: String,
        bucket: String,
        region: String,
        access_key: String,
        secret_key: String,
    },
}

#[derive(Clone, Debug)]
pub enum SmsConfig {
    /// Dev mode: messages go to the `sms_outbox` table and the log.
    DevOutbox,
    Http {
        url: String,
        token: String,
        sign_name: String,
    },
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let mut vars: HashMap<String, String> = HashMap::new();
        if let Ok(file) = std::env::var("ZHIPEI_CONFIG_FILE") {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("ZHIPEI_CONFIG_FILE: cannot read {file}"))?;
            vars.extend(parse_env_file(&text));
        }
        vars.extend(std::env::vars());
        Config::from_vars(&vars)
    }

    pub fn from_vars(vars: &HashMap<String, String>) -> anyhow::Result<Config> {
        let get = |k: &str| {
            vars.get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mode = match get("ZHIPEI_MODE").as_deref() {
            None | Some("production") => Mode::Production,
            Some("dev") => Mode::Dev,
            Some(other) => bail!("ZHIPEI_MODE must be `dev` or `production`, not `{other}`"),
        };
        let dev = mode == Mode::Dev;
        let bind = get("ZHIPEI_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("ZHIPEI_BIND must be an address such as 127.0.0.1:8080")?;
        let database_url = get("DATABASE_URL").context("DATABASE_URL is required")?;
        let log_format = match get("ZHIPEI_LOG_FORMAT").as_deref() {
            None if dev => LogFormat::Pretty,
            None | Some("json") => LogFormat::Json,
            Some("pretty") => LogFormat::Pretty,
            Some(other) => bail!("ZHIPEI_LOG_FORMAT must be `json` or `pretty`, not `{other}`"),
        };
        let bucket = get("S3_BUCKET").unwrap_or_else(|| "zhipei".into());
        let s3 = match get("S3_ENDPOINT") {
            None => S3Config::Embedded {
                root: get("ZHIPEI_S3_DIR")
                    .unwrap_or_else(|| "var/s3".into())
                    .into(),
                bucket,
            },
            Some(endpoint) => S3Config::External {
                endpoint,
                bucket,
                region: get("S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                access_key: get("S3_ACCESS_KEY")
                    .context("S3_ACCESS_KEY is required with S3_ENDPOINT")?,
                secret_key: get("S3_SECRET_KEY")
                    .context("S3_SECRET_KEY is required with S3_ENDPOINT")?,
            },
        };
        let seed_demo = flag(get("ZHIPEI_SEED_DEMO"), "ZHIPEI_SEED_DEMO")?;
        let demo_password =
            get("ZHIPEI_DEMO_PASSWORD").unwrap_or_else(|| "zhipei-demo-2026".into());
        if seed_demo && !dev {
            bail!(
                "ZHIPEI_SEED_DEMO is refused outside dev mode: demo accounts have a known password"
            );
        }
        let sms = match get("SMS_PROVIDER_URL") {
            Some(url) => SmsConfig::Http {
                url,
                token: get("SMS_PROVIDER_TOKEN")
                    .context("SMS_PROVIDER_TOKEN is required with SMS_PROVIDER_URL")?,
                sign_name: get("SMS_SIGN_NAME").unwrap_or_else(|| "职培云".into()),
            },
            None if dev => SmsConfig::DevOutbox,
            None => bail!("SMS_PROVIDER_URL is required in production (dev mode uses the outbox)"),
        };
        let keyring = match (get("ZHIPEI_PII_KEYS"), get("ZHIPEI_BLIND_INDEX_KEY")) {
            (Some(keys), Some(index)) => Keyring::parse(&keys, &index)?,
            (None, None) if dev => Keyring::dev(),
            _ => bail!(
                "ZHIPEI_PII_KEYS (`id:64-hex[,id:64-hex...]`, first = current) and ZHIPEI_BLIND_INDEX_KEY \
                 (64 hex) are required outside dev mode"
            ),
        };
        Ok(Config {
            mode,
            bind,
            database_url,
            database_owner_url: get("DATABASE_OWNER_URL"),
            log_format,
            spa_dir: get("ZHIPEI_SPA_DIR")
                .unwrap_or_else(|| "var/spa".into())
                .into(),
            s3,
            default_tenant: get("ZHIPEI_DEFAULT_TENANT"),
            seed_demo,
            demo_password,
            behind_tls: flag(get("ZHIPEI_BEHIND_TLS"), "ZHIPEI_BEHIND_TLS")?,
            trust_proxy: flag(get("ZHIPEI_TRUST_PROXY"), "ZHIPEI_TRUST_PROXY")?,
            request_timeout: Duration::from_secs(seconds(
                get("ZHIPEI_REQUEST_TIMEOUT_SECONDS"),
                30,
            )?),
            session_idle: Duration::from_secs(seconds(
                get("ZHIPEI_SESSION_IDLE_SECONDS"),
                2 * 3600,
            )?),
            session_absolute: Duration::from_secs(seconds(
                get("ZHIPEI_SESSION_ABSOLUTE_SECONDS"),
                7 * 86400,
            )?),
            auth_rate_per_minute: u32::try_from(seconds(get("ZHIPEI_AUTH_RATE_PER_MINUTE"), 30)?)
                .context("ZHIPEI_AUTH_RATE_PER_MINUTE is too large")?,
            keyring,
            sms,
            jobs: JobsConfig {
                workers: usize::try_from(seconds(get("ZHIPEI_JOB_WORKERS"), 1)?)
                    .context("ZHIPEI_JOB_WORKERS is too large")?,
                retry_base: Duration::from_secs(seconds(get("ZHIPEI_JOB_RETRY_BASE_SECONDS"), 10)?),
            },
            upload_part_bytes: upload_part_bytes(get("ZHIPEI_UPLOAD_PART_BYTES"))?,
            heartbeat_lanes: usize::try_from(seconds(get("ZHIPEI_HEARTBEAT_LANES"), 2)?)
                .context("ZHIPEI_HEARTBEAT_LANES is too large")?
                .clamp(1, 64),
            demo_media_dir: get("ZHIPEI_DEMO_MEDIA_DIR").map(PathBuf::from),
            face_models_dir: get("ZHIPEI_FACE_MODELS_DIR").map(PathBuf::from),
            face_workers: usize::try_from(seconds(get("ZHIPEI_FACE_WORKERS"), 1)?)
                .context("ZHIPEI_FACE_WORKERS is too large")?
                .clamp(1, 64),
            provider_secrets: provider_secrets(get("ZHIPEI_PROVIDER_SECRETS").as_deref())?,
        })
    }

    pub fn is_dev(&self) -> bool {
        self.mode == Mode::Dev
    }
}

fn provider_secrets(raw: Option<&str>) -> anyhow::Result<HashMap<String, String>> {
    let mut secrets = HashMap::new();
    for pair in raw
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.trim().is_empty())
    {
        let (id, secret) = pair
            .split_once('=')
            .context("ZHIPEI_PROVIDER_SECRETS entries are `key_id=secret`")?;
        if id.trim().is_empty() || secret.len() < 16 {
            bail!(
                "ZHIPEI_PROVIDER_SECRETS: `{}` needs a key id and a secret of 16+ characters",
                id.trim()
            );
        }
        secrets.insert(id.trim().to_owned(), secret.to_owned());
    }
    Ok(secrets)
}

fn flag(value: Option<String>, name: &str) -> anyhow::Result<bool> {
    match value.as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => bail!("{name} must be true or false, not `{other}`"),
    }
}

fn seconds(value: Option<String>, default: u64) -> anyhow::Result<u64> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse()
            .with_context(|| format!("`{v}` is not a whole number")),
    }
}

/// S3 refuses parts under 5 MiB (but the last), and 10,000 parts of at most 512 MiB cover 5 TiB.
fn upload_part_bytes(value: Option<String>) -> anyhow::Result<i64> {
    const MIB: u64 = 1024 * 1024;
    let bytes = seconds(value, 16 * MIB).context("ZHIPEI_UPLOAD_PART_BYTES")?;
    if !(5 * MIB..=512 * MIB).contains(&bytes) {
        bail!("ZHIPEI_UPLOAD_PART_BYTES must be between 5 MiB (5242880) and 512 MiB, not {bytes}");
    }
    i64::try_from(bytes).context("ZHIPEI_UPLOAD_PART_BYTES is too large")
}

/// `KEY=value` lines; `#` comments and blank lines are skipped, quotes around values removed.
fn parse_env_file(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn production_without_keys_is_refused_with_the_variable_named() {
        let err = Config::from_vars(&vars(&[
            ("DATABASE_URL", "postgres://x"),
            ("SMS_PROVIDER_URL", "http://s"),
            ("SMS_PROVIDER_TOKEN", "t"),
        ]))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("ZHIPEI_PII_KEYS"), "{err}");
    }

    #[test]
    fn the_demo_seed_is_refused_outside_dev_mode() {
        let err = Config::from_vars(&vars(&[
            ("DATABASE_URL", "postgres://x"),
            ("ZHIPEI_SEED_DEMO", "1"),
        ]))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("refused outside dev mode"), "{err}");
    }

    #[test]
    fn dev_mode_starts_on_defaults() {
        let cfg = Config::from_vars(&vars(&[
            ("DATABASE_URL", "postgres://x"),
            ("ZHIPEI_MODE", "dev"),
        ]));
        let cfg = cfg.ok();
        assert!(
            cfg.as_ref()
                .is_some_and(|c| c.is_dev() && c.log_format == LogFormat::Pretty)
        );
        assert!(matches!(cfg.map(|c| c.s3), Some(S3Config::Embedded { .. })));
    }

    #[test]
    fn a_bad_bind_address_names_the_variable() {
        let err = Config::from_vars(&vars(&[
            ("DATABASE_URL", "x"),
            ("ZHIPEI_MODE", "dev"),
            ("ZHIPEI_BIND", "nope"),
        ]))
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
        assert!(err.contains("ZHIPEI_BIND"), "{err}");
    }

    #[test]
    fn job_workers_and_upload_parts_have_defaults_and_bounds() {
        let base = [("DATABASE_URL", "x"), ("ZHIPEI_MODE", "dev")];
        let cfg = Config::from_vars(&vars(&base)).ok();
        assert_eq!(
            cfg.map(|c| (
                c.jobs.workers,
                c.jobs.retry_base.as_secs(),
                c.upload_part_bytes
            )),
            Some((1, 10, 16 * 1024 * 1024))
        );
        let off = Config::from_vars(&vars(&[base[0], base[1], ("ZHIPEI_JOB_WORKERS", "0")]));
        assert_eq!(off.ok().map(|c| c.jobs.workers), Some(0));
        let tiny = Config::from_vars(&vars(&[
            base[0],
            base[1],
            ("ZHIPEI_UPLOAD_PART_BYTES", "1024"),
        ]))
        .err()
        .map(|e| format!("{e:#}"))
        .unwrap_or_default();
        assert!(tiny.contains("ZHIPEI_UPLOAD_PART_BYTES"), "{tiny}");
    }

    #[test]
    fn env_files_parse_key_value_lines() {
        let parsed = parse_env_file("# c\nA=1\n\nB = \"two\"\n");
        assert_eq!(parsed.get("A").map(String::as_str), Some("1"));
        assert_eq!(parsed.get("B").map(String::as_str), Some("two"));
    }
}
