//! An event listener on a DOM target that is removed when dropped (so a component's cleanup is
//! dropping what it added).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, EventTarget};

pub struct Listener {
    target: EventTarget,
    event: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub fn new(
        target: &EventTarget,
        event: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            event,
            callback,
        }
    }

    /// A listener on `window`.
    pub fn window(event: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        Listener::new(gloo_utils::window().as_ref(), event, f)
    }

    /// A listener on `document`.
    pub fn document(event: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        Listener::new(gloo_utils::document().as_ref(), event, f)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

/// Whether the page is shown (Page Visibility API).
pub fn page_visible() -> bool {
    gloo_utils::document().visibility_state() == web_sys::VisibilityState::Visible
}

/// Whether the page (or a frame inside it, such as a PDF) has the keyboard focus.
pub fn page_focused() -> bool {
    gloo_utils::document().has_focus().unwrap_or(true)
}

/// `performance.now()`, else the wall clock.
pub fn mono_ms() -> f64 {
    gloo_utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}
