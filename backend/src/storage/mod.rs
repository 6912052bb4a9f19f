//! Object storage over the S3 protocol only (`aws-sdk-s3`, path-style). Keys are
//! `tenants/{tenant}/...`. Browsers upload and download directly with short-lived presigned URLs.
//! Without `S3_ENDPOINT` the server runs [`embedded`], an S3-compatible store on loopback over a
//! local folder, and talks to it through the same client: one code path everywhere.

pub mod embedded;
mod multipart;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;

use crate::config::S3Config;

#[derive(Clone)]
pub struct Storage {
    client: Client,
    bucket: String,
    /// `scheme://host[:port]` of the store: browsers fetch presigned URLs from here.
    origin: String,
    /// Keeps the embedded server alive as long as the storage handle.
    _embedded: Option<std::sync::Arc<embedded::EmbeddedS3>>,
}

/// A key under one tenant's prefix. Parts are checked so nothing escapes the prefix.
pub fn tenant_key(tenant_code: &str, parts: &[&str]) -> anyhow::Result<String> {
    let safe =
        |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('/') && !p.contains('\\');
    anyhow::ensure!(
        safe(tenant_code) && parts.iter().all(|p| safe(p)),
        "unsafe object key part"
    );
    Ok(format!("tenants/{tenant_code}/{}", parts.join("/")))
}

impl Storage {
    pub async fn connect(config: &S3Config) -> anyhow::Result<Storage> {
        let (endpoint, bucket, region, access, secret, embedded) = match config {
            S3Config::Embedded { root, bucket } => {
                let server = embedded::EmbeddedS3::start(root).await?;
                let creds = (server.access_key.clone(), server.secret_key.clone());
                (
                    server.endpoint.clone(),
                    bucket.clone(),
                    "us-east-1".to_owned(),
                    creds.0,
                    creds.1,
                    Some(std::sync::Arc::new(server)),
                )
            }
            S3Config::External {
                endpoint,
                bucket,
                region,
                access_key,
                secret_key,
            } => (
                endpoint.clone(),
                bucket.clone(),
                region.clone(),
                access_key.clone(),
                secret_key.clone(),
                None,
            ),
        };
        let origin = origin_of(&endpoint);
        let s3_config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .endpoint_url(endpoint)
            .region(Region::new(region))
            .credentials_provider(Credentials::new(access, secret, None, None, "zhipei"))
            .force_path_style(true)
            .build();
        let storage = Storage {
            client: Client::from_conf(s3_config),
            bucket,
            origin,
            _embedded: embedded,
        };
        if storage._embedded.is_some() {
            storage.ensure_bucket().await?;
        }
        Ok(storage)
    }

    /// The origin browsers load presigned URLs from (for the Content-Security-Policy).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    async fn ensure_bucket(&self) -> anyhow::Result<()> {
        if self
            .client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .is_ok()
        {
            return Ok(());
        }
        self.client
            .create_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .context("cannot create the S3 bucket")?;
        Ok(())
    }

    /// Whether the bucket answers (readiness).
    pub async fn ping(&self) -> anyhow::Result<()> {
        self.client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .context("S3 bucket unreachable")?;
        Ok(())
    }

    pub async fn presign_put(
        &self,
        key: &str,
        content_type: &str,
        ttl: Duration,
    ) -> anyhow::Result<String> {
        let request = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .presigned(PresigningConfig::expires_in(ttl)?)
            .await?;
        Ok(request.uri().to_owned())
    }

    pub async fn presign_get(&self, key: &str, ttl: Duration) -> anyhow::Result<String> {
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .presigned(PresigningConfig::expires_in(ttl)?)
            .await?;
        Ok(request.uri().to_owned())
    }

    pub async fn put(&self, key: &str, content_type: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .with_context(|| format!("S3 put {key}"))?;
        Ok(())
    }

    /// A presigned GET whose answer carries this content type and an inline disposition naming
    /// `file_name` (browsers then show PDFs instead of downloading them).
    pub async fn presign_get_inline(
        &self,
        key: &str,
        ttl: Duration,
        content_type: &str,
        file_name: &str,
    ) -> anyhow::Result<String> {
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .response_content_type(content_type)
            .response_content_disposition(inline_disposition(file_name))
            .presigned(PresigningConfig::expires_in(ttl)?)
            .await?;
        Ok(request.uri().to_owned())
    }

    /// Uploads a local file without reading it into memory.
    pub async fn put_file(&self, key: &str, content_type: &str, path: &Path) -> anyhow::Result<()> {
        let body = ByteStream::from_path(path)
            .await
            .with_context(|| format!("cannot read {}", path.display()))?;
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .body(body)
            .send()
            .await
            .with_context(|| format!("S3 put {key}"))?;
        Ok(())
    }

    /// Uploads every file of `dir` (not its subfolders) under `prefix/`, typed by extension.
    pub async fn put_dir(&self, dir: &Path, prefix: &str) -> anyhow::Result<usize> {
        let mut entries = tokio::fs::read_dir(dir)
            .await
            .with_context(|| format!("cannot list {}", dir.display()))?;
        let mut count = 0;
        while let Some(entry) = entries.next_entry().await? {
            if !entry.file_type().await?.is_file() {
                continue;
            }
            let name = entry.file_name();
            let name = name
                .to_str()
                .with_context(|| format!("file name is not UTF-8: {name:?}"))?;
            self.put_file(
                &format!("{prefix}/{name}"),
                content_type_of(name),
                &entry.path(),
            )
            .await?;
            count += 1;
        }
        Ok(count)
    }

    /// The object's size in bytes, or `None` when there is no such object.
    pub async fn head(&self, key: &str) -> anyhow::Result<Option<i64>> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(head) => Ok(Some(head.content_length.unwrap_or_default())),
            Err(err) if err.as_service_error().is_some_and(|e| e.is_not_found()) => Ok(None),
            Err(err) => Err(anyhow::Error::new(err).context(format!("S3 head {key}"))),
        }
    }

    /// The first `len` bytes of the object (fewer when it is shorter).
    pub async fn get_head_bytes(&self, key: &str, len: u64) -> anyhow::Result<Vec<u8>> {
        let object = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .range(format!("bytes=0-{}", len.saturating_sub(1)))
            .send()
            .await
            .with_context(|| format!("S3 get {key}"))?;
        Ok(object.body.collect().await?.into_bytes().to_vec())
    }

    /// Deletes every object whose key starts with `prefix`.
    pub async fn delete_prefix(&self, prefix: &str) -> anyhow::Result<()> {
        let mut token = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_continuation_token(token)
                .send()
                .await
                .with_context(|| format!("S3 list {prefix}"))?;
            for object in page.contents() {
                if let Some(key) = object.key() {
                    self.client
                        .delete_object()
                        .bucket(&self.bucket)
                        .key(key)
                        .send()
                        .await
                        .with_context(|| format!("S3 delete {key}"))?;
                }
            }
            match page.next_continuation_token() {
                Some(next) if page.is_truncated() == Some(true) => token = Some(next.to_owned()),
                _ => return Ok(()),
            }
        }
    }

    pub async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let object = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .with_context(|| format!("S3 get {key}"))?;
        Ok(object.body.collect().await?.into_bytes().to_vec())
    }
}

/// `inline; filename*=UTF-8''…` (RFC 6266 / 5987) so non-ASCII names survive.
fn inline_disposition(file_name: &str) -> String {
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("inline; filename*=UTF-8''{encoded}")
}

/// The content type of the files this server writes (HLS output, MP4 fallbacks).
fn content_type_of(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("m3u8") => "application/vnd.apple.mpegurl",
        Some("ts") => "video/mp2t",
        Some("mp4") => "video/mp4",
        Some("vtt") => "text/vtt",
        _ => "application/octet-stream",
    }
}

/// `scheme://host[:port]` of an endpoint URL (path-style buckets live under it).
fn origin_of(endpoint: &str) -> String {
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
    let authority = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{authority}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_scheme_and_authority_of_the_endpoint() {
        assert_eq!(origin_of("http://127.0.0.1:9000"), "http://127.0.0.1:9000");
        assert_eq!(
            origin_of("https://oss.example.cn/base/"),
            "https://oss.example.cn"
        );
    }

    #[test]
    fn keys_stay_under_the_tenant_prefix() {
        assert_eq!(
            tenant_key("zj", &["media", "a.mp4"]).ok().as_deref(),
            Some("tenants/zj/media/a.mp4")
        );
        assert!(tenant_key("zj", &["..", "x"]).is_err());
        assert!(tenant_key("zj", &["a/b"]).is_err());
        assert!(tenant_key("", &["x"]).is_err());
    }

    #[test]
    fn an_inline_disposition_percent_encodes_the_file_name() {
        assert_eq!(
            inline_disposition("安全 a.pdf"),
            "inline; filename*=UTF-8''%E5%AE%89%E5%85%A8%20a.pdf"
        );
    }
}
