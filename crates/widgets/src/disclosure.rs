//! A button that shows and hides a panel (WAI-ARIA APG disclosure), with
//! the ways people expect it to close: Escape (focus returns to the
//! button), a press outside, or Tab leaving it. The launcher and the user
//! menu are both one.

use crate::dom::{self, el, set_flag, set_hidden};
use crate::unique_id;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

pub struct Disclosure {
    pub root: Element,
    pub button: Element,
    pub panel: Element,
    pub open: bool,
}

impl Disclosure {
    /// `root`, `button` and `panel` name a class and part each; the panel
    /// is a non-modal dialog labelled by the caller.
    pub fn new(root: &str, button: &str, panel: &str) -> Disclosure {
        let id = unique_id(panel);
        let root = el("div", &[("class", root), ("part", root)]);
        let button = dom::add(
            &root,
            "button",
            &[
                ("type", "button"),
                ("class", button),
                ("part", button),
                ("aria-haspopup", "dialog"),
                ("aria-expanded", "false"),
                ("aria-controls", &id),
                (dom::KEY, button),
            ],
            "",
        );
        let panel = dom::add(
            &root,
            "div",
            &[
                ("class", panel),
                ("part", panel),
                ("id", &id),
                ("role", "dialog"),
                ("hidden", ""),
            ],
            "",
        );
        Disclosure {
            root,
            button,
            panel,
            open: false,
        }
    }

    pub fn set_open(&mut self, open: bool) {
        self.open = open;
        set_hidden(&self.panel, !open);
        set_flag(&self.button, "aria-expanded", open);
    }

    /// Handles what every disclosure does with an event inside it:
    /// Escape in the panel and focus leaving. Returns whether it did.
    pub fn handle(&mut self, event: &Event) -> bool {
        match event.type_().as_str() {
            "keydown" => {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return false;
                };
                let in_panel = dom::target(event).is_some_and(|t| self.panel.contains(Some(&t)));
                if in_panel && key.key() == "Escape" && !key.is_composing() {
                    event.prevent_default();
                    self.set_open(false);
                    dom::focus(&self.button);
                    return true;
                }
                false
            }
            "focusout" if self.open && focus_left(event, &self.root) => {
                self.set_open(false);
                true
            }
            _ => false,
        }
    }

    /// Closes on a press outside while open.
    pub fn press(&mut self, event: &Event) {
        if self.open && pressed_outside(event, &self.root) {
            self.set_open(false);
        }
    }

    /// Whether the event's target is inside this disclosure.
    pub fn contains(&self, event: &Event) -> bool {
        dom::target(event).is_some_and(|t| self.root.contains(Some(&t)))
    }

    /// Whether the event happened on the disclosure's own button.
    pub fn on_button(&self, event: &Event) -> bool {
        dom::target(event).is_some_and(|t| self.button.contains(Some(&t)))
    }
}

/// Whether a pointer press happened outside `inside`.
///
/// Reads the event's composed path: inside a shadow root the event's
/// target is retargeted to the host, so `contains(target)` would call
/// every press inside the chrome "outside".
pub fn pressed_outside(event: &Event, inside: &Element) -> bool {
    let path = event.composed_path();
    !(0..path.length()).any(|i| {
        path.get(i)
            .dyn_ref::<Element>()
            .is_some_and(|el| el.is_same_node(Some(inside)))
    })
}

/// Whether focus is leaving `inside` for somewhere else on the page (Tab
/// past the last stop). Focus moving within, or to nowhere, is not.
pub fn focus_left(event: &Event, inside: &Element) -> bool {
    event
        .dyn_ref::<web_sys::FocusEvent>()
        .and_then(|e| e.related_target())
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|next| !inside.contains(Some(&next)))
}
