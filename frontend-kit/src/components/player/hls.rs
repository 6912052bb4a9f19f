//! hls.js for browsers without native HLS (Chrome, Firefox on desktop). The script ships in each
//! app's dist (`hls.min.js`, copied by trunk from `frontend-kit/npm`) and is loaded the first
//! time a player needs it, by a `<script>` tag from the app's own origin (the CSP allows only
//! `'self'`). It is driven through `js_sys::Reflect`: no binding code, nothing unsafe.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlMediaElement;
use yew::Callback;

/// The MIME type a browser with native HLS answers `canPlayType` for (Safari, iOS, Android).
pub const HLS_MIME: &str = "application/vnd.apple.mpegurl";
const SCRIPT_ID: &str = "zp-hls-js";
const SCRIPT_FILE: &str = "hls.min.js";
/// `Hls.Events.ERROR`.
const ERROR_EVENT: &str = "hlsError";

fn prop(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    prop(target, name)?.dyn_into().ok()
}

/// `window.Hls`, once the script has run.
fn hls_class() -> Option<Function> {
    prop(&gloo_utils::window(), "Hls")?.dyn_into().ok()
}

/// The `Hls` class, loading the script first if no page has yet. `None` when it cannot load.
pub async fn load() -> Option<Function> {
    if let Some(class) = hls_class() {
        return Some(class);
    }
    let document = gloo_utils::document();
    let script = match document.get_element_by_id(SCRIPT_ID) {
        Some(script) => script,
        None => {
            let script = document.create_element("script").ok()?;
            script.set_id(SCRIPT_ID);
            script
                .set_attribute(
                    "src",
                    &format!("{}{SCRIPT_FILE}", crate::router::app_base()),
                )
                .ok()?;
            document.head()?.append_child(&script).ok()?;
            script
        }
    };
    let loaded = Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    if JsFuture::from(loaded).await.is_err() {
        // Let the next player try again with a fresh tag.
        script.remove();
        return None;
    }
    hls_class()
}

/// hls.js playing one source into a media element; destroyed (and the element detached) on drop.
pub struct HlsSession {
    hls: JsValue,
    on_error: Closure<dyn FnMut(JsValue, JsValue)>,
}

impl HlsSession {
    /// Starts `url` in `media`; `on_fatal` hears of errors hls.js cannot recover from. `None`
    /// when this browser cannot run hls.js either (no Media Source Extensions).
    pub fn attach(
        class: &Function,
        media: &HtmlMediaElement,
        url: &str,
        on_fatal: Callback<()>,
    ) -> Option<HlsSession> {
        let supported = method(class, "isSupported")?.call0(class).ok()?;
        if supported.as_bool() != Some(true) {
            return None;
        }
        let config = Object::new();
        // A worker would start from a blob: URL, which the CSP does not allow.
        Reflect::set(&config, &"enableWorker".into(), &JsValue::FALSE).ok()?;
        let hls = Reflect::construct(class, &Array::of1(&config)).ok()?;
        let on_error = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, data| {
            if prop(&data, "fatal").and_then(|f| f.as_bool()) == Some(true) {
                on_fatal.emit(());
            }
        });
        let session = HlsSession { hls, on_error };
        let hls = &session.hls;
        method(hls, "on")?
            .call2(hls, &ERROR_EVENT.into(), session.on_error.as_ref())
            .ok()?;
        method(hls, "loadSource")?.call1(hls, &url.into()).ok()?;
        method(hls, "attachMedia")?.call1(hls, media).ok()?;
        Some(session)
    }
}

impl Drop for HlsSession {
    fn drop(&mut self) {
        if let Some(destroy) = method(&self.hls, "destroy") {
            let _ = destroy.call0(&self.hls);
        }
    }
}
