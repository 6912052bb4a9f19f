//! Other tabs of the same learner playing on this device, through a `BroadcastChannel` named after
//! the learner: each study player says every few seconds whether it is playing; one that stops
//! (or closes) says so.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BroadcastChannel, MessageEvent};
use yew::Callback;

/// A tab not heard from for this long (ms) is gone.
const SILENT_MS: f64 = 6_000.0;

/// The other tabs heard from: whether each plays, and when it last said so.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtherTabs {
    seen: HashMap<String, (bool, f64)>,
}

impl OtherTabs {
    pub fn heard(&mut self, tab: &str, playing: bool, now_ms: f64) {
        self.seen.insert(tab.to_owned(), (playing, now_ms));
    }

    /// How many other tabs are playing now.
    pub fn playing(&mut self, now_ms: f64) -> u32 {
        self.seen.retain(|_, (_, at)| now_ms - *at < SILENT_MS);
        let n = self.seen.values().filter(|(playing, _)| *playing).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// The message a tab sends: `<tab id> <0|1>`.
fn message(tab: &str, playing: bool) -> String {
    format!("{tab} {}", u8::from(playing))
}

fn parse(message: &str) -> Option<(&str, bool)> {
    let (tab, playing) = message.split_once(' ')?;
    Some((tab, playing == "1"))
}

/// This tab on the learner's channel; closed when dropped.
pub struct TabPresence {
    channel: BroadcastChannel,
    tab: String,
    others: Rc<RefCell<OtherTabs>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl TabPresence {
    /// Joins `user_id`'s channel; `on_heard` is told whenever another tab speaks. `None` where
    /// the browser has no `BroadcastChannel`.
    pub fn join(user_id: Uuid, on_heard: Callback<()>) -> Option<TabPresence> {
        let channel = BroadcastChannel::new(&format!("zhipei-study-{user_id}")).ok()?;
        let others = Rc::new(RefCell::new(OtherTabs::default()));
        let heard = others.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string()
                && let Some((tab, playing)) = parse(&text)
            {
                heard.borrow_mut().heard(tab, playing, js_sys::Date::now());
                on_heard.emit(());
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(TabPresence {
            channel,
            tab: crate::device::format_uuid_v4(rand_bytes()),
            others,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs whether this one plays.
    pub fn say(&self, playing: bool) {
        let _ = self
            .channel
            .post_message(&message(&self.tab, playing).into());
    }

    /// How many other tabs of the learner are playing.
    pub fn others_playing(&self) -> u32 {
        self.others.borrow_mut().playing(js_sys::Date::now())
    }
}

impl Drop for TabPresence {
    fn drop(&mut self) {
        self.say(false);
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

fn rand_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tabs_playing_lately_count() {
        let mut tabs = OtherTabs::default();
        tabs.heard("a", true, 0.0);
        tabs.heard("b", false, 0.0);
        tabs.heard("c", true, 1_000.0);
        assert_eq!(tabs.playing(2_000.0), 2);
        assert_eq!(tabs.playing(6_500.0), 1, "a fell silent");
        tabs.heard("c", false, 7_000.0);
        assert_eq!(tabs.playing(7_000.0), 0);
    }

    #[test]
    fn messages_round_trip() {
        assert_eq!(parse(&message("t1", true)), Some(("t1", true)));
        assert_eq!(parse(&message("t1", false)), Some(("t1", false)));
        assert_eq!(parse("garbage"), None);
    }
}
