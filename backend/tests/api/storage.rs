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
