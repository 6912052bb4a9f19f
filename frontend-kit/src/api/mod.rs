//! The typed API client: one async function per endpoint of the contracts
//! (`docs/contract-foundation.md`, `docs/catalog-api.md`, `docs/training-api.md`,
//! `docs/learning-api.md`), request and answer types from `shared-types`.
//!
//! Every call sends `X-Device-Id`, `Accept-Language` (the language shown) and, when the tab was
//! opened with `?tenant=`, `X-Tenant`. Failures come back as [`ApiError`]: the server's JSON body
//! when it sent one, else one made from the HTTP status. A 401 is also reported to the session
//! (see [`set_auth_listener`]) so the whole app reacts to a replaced or expired session.

mod admin;
mod auth;
mod catalog;
mod catalogue;
mod commerce;
mod directory;
mod face;
mod jobs;
mod learning;
mod media;
mod orgs;
mod playback;
mod review;
mod trainees;
mod training;
mod vouchers;

use std::cell::RefCell;

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared_types::account::{DEVICE_HEADER, TENANT_HEADER};
use shared_types::{ApiError, ErrorCode};
use yew::Callback;

pub use admin::*;
pub use auth::*;
pub use catalog::*;
pub use catalogue::*;
pub use commerce::*;
pub use directory::*;
pub use face::*;
pub use jobs::*;
pub use learning::*;
pub use media::*;
pub use orgs::*;
pub use playback::*;
pub use review::*;
pub use trainees::*;
pub use training::*;
pub use vouchers::*;

use crate::i18n::{self, Text};

/// What a 401 told us about the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthEvent {
    /// The account signed in on another device (401 `session_replaced`).
    Replaced,
    /// No session (any other 401, e.g. expired).
    SignedOut,
}

thread_local! {
    static AUTH_LISTENER: RefCell<Option<Callback<AuthEvent>>> = const { RefCell::new(None) };
}

/// Registers the one listener told about 401 answers (the session provider).
pub fn set_auth_listener(listener: Option<Callback<AuthEvent>>) {
    AUTH_LISTENER.with(|l| *l.borrow_mut() = listener);
}

fn notify(event: AuthEvent) {
    let listener = AUTH_LISTENER.with(|l| l.borrow().clone());
    if let Some(listener) = listener {
        listener.emit(event);
    }
}

const NETWORK_ERROR: Text = Text::new(
    "无法连接服务器，请检查网络后重试",
    "Cannot reach the server; check the connection and try again",
);

/// The error a call failed with when no answer (or no readable answer) arrived.
fn local_error(code: ErrorCode, text: Option<&Text>) -> ApiError {
    let lang = i18n::current_lang();
    let message = text
        .copied()
        .unwrap_or_else(|| i18n::error_text(code))
        .get(lang)
        .to_owned();
    ApiError {
        code,
        message,
        field: None,
    }
}

/// The error code implied by an HTTP status, for answers without a JSON body.
pub fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::MalformedRequest,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        422 => ErrorCode::InvalidField,
        429 => ErrorCode::RateLimited,
        408 | 504 => ErrorCode::Timeout,
        503 => ErrorCode::Unavailable,
        _ => ErrorCode::Internal,
    }
}

fn builder(method: Method, path: &str) -> RequestBuilder {
    let mut b = RequestBuilder::new(path)
        .method(method)
        .header(DEVICE_HEADER, &crate::device::device_id())
        .header("Accept", "application/json")
        .header("Accept-Language", i18n::current_lang().tag());
    if let Some(tenant) = crate::tenant::pinned_tenant() {
        b = b.header(TENANT_HEADER, &tenant);
    }
    b
}

async fn send(
    method: Method,
    path: &str,
    body: Option<&impl Serialize>,
) -> Result<Response, ApiError> {
    let b = builder(method, path);
    dispatch(match body {
        Some(body) => b.json(body),
        None => b.build(),
    })
    .await
}

/// Sends a built request; a failure becomes an [`ApiError`] and a 401 is told to the session.
async fn dispatch(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|_| local_error(ErrorCode::MalformedRequest, None))?;
    let response = request
        .send()
        .await
        .map_err(|_| local_error(ErrorCode::Unknown, Some(&NETWORK_ERROR)))?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let err = match response.json::<ApiError>().await {
        Ok(err) => err,
        Err(_) => local_error(code_for_status(status), None),
    };
    if status == 401 {
        notify(if err.code == ErrorCode::SessionReplaced {
            AuthEvent::Replaced
        } else {
            AuthEvent::SignedOut
        });
    }
    Err(err)
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response
        .json::<T>()
        .await
        .map_err(|_| local_error(ErrorCode::Internal, None))
}

pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(Method::GET, path, None::<&()>).await?).await
}

pub(crate) async fn call<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    decode(send(method, path, Some(body)).await?).await
}

/// A `POST` that sends nothing (a bare action such as publish) and reads the answer.
pub(crate) async fn post_without_body<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(Method::POST, path, None::<&()>).await?).await
}

/// A multipart `POST` (a file sent through the API, e.g. a trainee import) that reads the answer.
/// The browser writes the `Content-Type` with its boundary itself.
pub(crate) async fn post_form<T: DeserializeOwned>(
    path: &str,
    form: &web_sys::FormData,
) -> Result<T, ApiError> {
    decode(dispatch(builder(Method::POST, path).body(form.clone())).await?).await
}

/// A JSON `POST` sent with `keepalive`: it still arrives when the page is closed right after.
pub(crate) async fn call_keepalive<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let body =
        serde_json::to_string(body).map_err(|_| local_error(ErrorCode::MalformedRequest, None))?;
    // gloo's builder has no keepalive: build its request, then copy it with the flag set.
    let built = builder(Method::POST, path)
        .header("Content-Type", "application/json")
        .body(body.clone())
        .map_err(|_| local_error(ErrorCode::MalformedRequest, None))?;
    let raw: web_sys::Request = built.into();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&raw.headers());
    init.set_body(&body.into());
    // Not in web-sys' RequestInit yet; every current browser reads it.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    let request = web_sys::Request::new_with_str_and_init(path, &init)
        .map(Request::from)
        .map_err(|_| gloo_net::Error::GlooError("request".into()));
    decode(dispatch(request).await?).await
}

/// For endpoints answering 204 No Content.
pub(crate) async fn call_empty<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<(), ApiError> {
    send(method, path, body).await.map(|_| ())
}

/// `path?query` with the query serialised from a filter struct (empty fields left out).
pub(crate) fn with_query(path: &str, query: &impl Serialize) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared_types::Role;
    use shared_types::admin::StaffQuery;

    #[test]
    fn filters_become_a_query_string_without_empty_fields() {
        let q = StaffQuery {
            role: Some(Role::RegulatorViewer),
            q: None,
            page: Some(2),
            per_page: Some(20),
        };
        assert_eq!(
            with_query("/x", &q),
            "/x?role=regulator_viewer&page=2&per_page=20"
        );
        assert_eq!(with_query("/x", &StaffQuery::default()), "/x");
    }

    #[test]
    fn statuses_without_a_body_still_get_a_meaningful_code() {
        assert_eq!(code_for_status(401), ErrorCode::Unauthenticated);
        assert_eq!(code_for_status(429), ErrorCode::RateLimited);
        assert_eq!(code_for_status(502), ErrorCode::Internal);
    }
}
