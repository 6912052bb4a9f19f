//! What the page can tell about the browser it runs in (防刷课, Z-II.3): an automated browser
//! (`navigator.webdriver`, also when its getter was replaced), a headless one, automation tools'
//! globals, and media properties redefined on the element. Cheap checks made for every heartbeat;
//! none of them decides anything here — the server weighs them.

use js_sys::{Function, Object, Reflect};
use shared_types::learning::ClientSignals;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlMediaElement;

/// Globals (or prefixes of them) automation tools leave in a page: chromedriver, PhantomJS,
/// Nightmare, Selenium, Playwright, Puppeteer, Cypress.
const AUTOMATION_GLOBALS: [&str; 12] = [
    "cdc_",
    "$cdc_",
    "callPhantom",
    "_phantom",
    "__nightmare",
    "domAutomation",
    "__webdriver_",
    "__selenium_",
    "__driver_",
    "__playwright",
    "__puppeteer",
    "Cypress",
];

/// Whether one of `names` (a window's or document's own property names) is an automation tool's.
pub fn has_automation_global<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    names.any(|n| AUTOMATION_GLOBALS.iter().any(|g| n.starts_with(g)))
}

/// A headless browser's user agent.
pub fn is_headless_agent(user_agent: &str) -> bool {
    user_agent.contains("HeadlessChrome") || user_agent.contains("PhantomJS")
}

fn is_native(f: &JsValue) -> bool {
    match f.dyn_ref::<Function>() {
        Some(f) => String::from(f.to_string()).contains("[native code]"),
        None => true,
    }
}

/// The getter of `name` on `target`'s own descriptor, if there is one.
fn own_getter(target: &JsValue, name: &str) -> Option<JsValue> {
    let object = target.dyn_ref::<Object>()?;
    let descriptor = Object::get_own_property_descriptor(object, &name.into());
    if descriptor.is_undefined() {
        return None;
    }
    Reflect::get(&descriptor, &"get".into()).ok()
}

fn prototype_of(value: &JsValue) -> JsValue {
    value
        .dyn_ref::<Object>()
        .map_or(JsValue::UNDEFINED, |o| Object::get_prototype_of(o).into())
}

fn own_names(value: &JsValue) -> Vec<String> {
    value
        .dyn_ref::<Object>()
        .map(|o| {
            Object::get_own_property_names(o)
                .iter()
                .filter_map(|n| n.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The browser's own signals (automation, headless, tools); the media findings come separately.
pub fn environment() -> ClientSignals {
    let window = gloo_utils::window();
    let navigator = window.navigator();
    let nav: &JsValue = navigator.as_ref();
    let webdriver_getter_replaced = own_getter(&prototype_of(nav), "webdriver")
        .is_some_and(|g| !is_native(&g))
        || own_getter(nav, "webdriver").is_some();
    let user_agent = navigator.user_agent().unwrap_or_default();
    let no_languages = navigator.languages().length() == 0;
    // A window with no outer size is not on any screen.
    let no_screen = window.outer_width().ok().and_then(|w| w.as_f64()) == Some(0.0)
        && window.outer_height().ok().and_then(|h| h.as_f64()) == Some(0.0);
    let window_names = own_names(window.as_ref());
    let document_names = own_names(gloo_utils::document().as_ref());
    let tools = has_automation_global(
        window_names
            .iter()
            .chain(document_names.iter())
            .map(String::as_str),
    );
    ClientSignals {
        webdriver: Reflect::get(nav, &"webdriver".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
            || webdriver_getter_replaced,
        headless: is_headless_agent(&user_agent) || no_languages || no_screen,
        devtools: tools,
        ..ClientSignals::default()
    }
}

/// Whether the element's clock or rate was redefined (a property on the element itself, or a
/// getter on the media prototype that is not the browser's).
pub fn media_redefined(media: &HtmlMediaElement) -> bool {
    let element: &JsValue = media.as_ref();
    let media_prototype = Reflect::get(&gloo_utils::window(), &"HTMLMediaElement".into())
        .ok()
        .and_then(|c| Reflect::get(&c, &"prototype".into()).ok())
        .unwrap_or(JsValue::UNDEFINED);
    ["currentTime", "playbackRate", "paused"]
        .iter()
        .any(|name| {
            own_getter(element, name).is_some()
                || own_getter(&media_prototype, name).is_some_and(|g| !is_native(&g))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automation_tools_are_known_by_their_globals() {
        let names = ["document", "cdc_adoQpoasnfa76pfcZLmcfl_Array", "fetch"];
        assert!(has_automation_global(names.into_iter()));
        assert!(has_automation_global(
            ["__playwright__binding__"].into_iter()
        ));
        assert!(!has_automation_global(
            ["document", "Zhipei", "hls"].into_iter()
        ));
    }

    #[test]
    fn a_headless_chrome_says_so_in_its_user_agent() {
        assert!(is_headless_agent(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/148.0.0.0 Safari/537.36"
        ));
        assert!(!is_headless_agent(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
        ));
    }
}
