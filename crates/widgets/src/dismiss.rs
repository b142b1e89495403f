//! Closing a popup the way people expect: a press outside it, or Escape.
//! Shared by the launcher and the user menu.

use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

/// Sets `open` to false on a pointer press outside `inside` while open.
///
/// The listener sits on the window and reads the event's composed path:
/// inside a shadow root the event's target is retargeted to the host, so
/// `contains(target)` would call every click inside the chrome "outside".
pub fn on_outside_press(inside: NodeRef<leptos::html::Div>, open: RwSignal<bool>) {
    let handle = window_event_listener(ev::pointerdown, move |event| {
        if !open.get_untracked() {
            return;
        }
        let Some(root) = inside.get_untracked() else {
            return;
        };
        let root: &Element = root.unchecked_ref();
        let path = event.composed_path();
        let hit = (0..path.length()).any(|i| {
            path.get(i)
                .dyn_ref::<Element>()
                .is_some_and(|el| el.is_same_node(Some(root)))
        });
        if !hit {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether a keydown is the Escape key (without IME composition).
pub fn is_escape(event: &KeyboardEvent) -> bool {
    event.key() == "Escape" && !event.is_composing()
}
