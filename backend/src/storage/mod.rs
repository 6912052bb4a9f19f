//! Object storage over the S3 protocol only (`aws-sdk-s3`, path-style). Keys are
//! `tenants/{tenant}/...`. Browsers upload and download directly with short-lived presigned URLs.
//! Without `S3_ENDPOINT` the server runs [`embedded`], an S3-compatible store on loopback over a
//! local folder, and talks to it through the same client: one code path everywhere.

pub mod embedded;

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
            _embedded: embedded,
        };
        if storage._embedded.is_some() {
            storage.ensure_bucket().await?;
        }
        Ok(storage)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
