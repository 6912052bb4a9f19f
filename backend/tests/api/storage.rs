//! The S3 storage module against the embedded store, over the real S3 protocol.

use std::time::Duration;

use backend::storage::tenant_key;
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_presigned_put_uploads_and_a_presigned_get_reads_it_back() {
    let app = spawn_app().await;
    let storage = &app.state.storage;
    let key = tenant_key("demo", &["certificates", "test.txt"]).unwrap();
    let put_url = storage
        .presign_put(&key, "text/plain", Duration::from_secs(60))
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let put = http
        .put(&put_url)
        .header("content-type", "text/plain")
        .body("职培云 storage test")
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success(), "presigned PUT: {}", put.status());
    let get_url = storage
        .presign_get(&key, Duration::from_secs(60))
        .await
        .unwrap();
    let body = http
        .get(&get_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "职培云 storage test");
    assert_eq!(
        storage.get(&key).await.unwrap(),
        "职培云 storage test".as_bytes()
    );
    // A tampered signature is refused by the store.
    let tampered = get_url.replace("X-Amz-Signature=", "X-Amz-Signature=0");
    assert_ne!(
        http.get(&tampered).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_embedded_store_lets_browsers_upload_parts_cross_origin() {
    let app = spawn_app().await;
    let storage = &app.state.storage;
    let key = tenant_key("demo", &["media", "cors-test", "source"]).unwrap();
    let upload_id = storage.create_multipart(&key, "video/mp4").await.unwrap();
    let url = storage
        .presign_upload_part(&key, &upload_id, 1, Duration::from_secs(60))
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let origin = "http://127.0.0.1:8080";
    let preflight = http
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", origin)
        .header("access-control-request-method", "PUT")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(
        preflight.status().is_success(),
        "preflight: {}",
        preflight.status()
    );
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(
        headers["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("PUT")
    );
    assert!(headers.contains_key("access-control-allow-headers"));

    let put = http
        .put(&url)
        .header("origin", origin)
        .body(vec![7u8; 1024])
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success(), "PUT: {}", put.status());
    assert_eq!(put.headers()["access-control-allow-origin"], "*");
    let exposed = put.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    assert!(exposed.to_ascii_lowercase().contains("etag"), "{exposed}");
    let etag = put.headers()["etag"].to_str().unwrap().to_owned();
    storage
        .complete_multipart(&key, &upload_id, &[(1, etag)])
        .await
        .unwrap();
    assert_eq!(storage.head(&key).await.unwrap(), Some(1024));
}
