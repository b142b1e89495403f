//! A button that shows and hides a panel (WAI-ARIA APG disclosure), with
//! the ways people expect it to close: Escape (focus returns to the
//! button), a press outside, or Tab leaving it. The launcher and the user
//! menu are both one.
//!
//! The open panel is a manual popover: in the top layer, no stacking
//! context, `overflow`, `transform` or `contain` of the vendor's page can
//! cover or clip it. "Manual", because an `auto` popover's light dismiss
//! would be a second judge of when it closes, beside the rules above;
//! `open` stays the one source of truth. The top layer takes the panel
//! away from its button, so [`Disclosure::place`] puts it back under it
//! (CSS anchor positioning is not in every browser the suite supports).
//! Without the Popover API the panel stays where the component CSS puts
//! it, absolutely under its button.

use crate::dom::{self, el, set_flag, set_hidden};
use crate::unique_id;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

/// The room a panel keeps from the viewport's sides: half of the 16 px
/// that the panels' CSS widths (`100vw - space-16`) leave.
const EDGE: f64 = 8.0;

pub struct Disclosure {
    pub root: Element,
    pub button: Element,
    pub panel: Element,
    pub open: bool,
    /// Whether the panel lines up with the root's inline end (the user
    /// menu, at the end of the bar) rather than its start.
    end: bool,
    /// Whether the open panel is in the top layer (false where the
    /// browser has no Popover API, or the element is not in a document).
    popover: bool,
}

impl Disclosure {
    /// `root`, `button` and `panel` name a class and part each; the panel
    /// is a non-modal dialog labelled by the caller, aligned with the
    /// root's inline start, or its end with `end`.
    pub fn new(root: &str, button: &str, panel: &str, end: bool) -> Disclosure {
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
                ("popover", "manual"),
                ("hidden", ""),
            ],
            "",
        );
        Disclosure {
            root,
            button,
            panel,
            open: false,
            end,
            popover: false,
        }
    }

    pub fn set_open(&mut self, open: bool) {
        self.open = open;
        set_hidden(&self.panel, !open);
        set_flag(&self.button, "aria-expanded", open);
        let panel: &HtmlElement = self.panel.unchecked_ref();
        self.popover = matches!(panel.toggle_popover_with_force(open), Ok(true));
        self.place();
    }

    /// Puts the open panel under its button, inside the viewport: the
    /// panel's top at the root's bottom (the CSS adds the gap), its side
    /// at the root's start or end (mirrored right to left) as far as the
    /// viewport allows, and `--_room`, the height left below, for the CSS
    /// to cap the panel with. Called on opening, and while open whenever
    /// the page scrolls or resizes or the panel's content changes; a no-op
    /// when the panel is not in the top layer.
    pub fn place(&self) {
        if !self.popover {
            return;
        }
        let Some(page) = dom::document().document_element() else {
            return;
        };
        let (width, height) = (
            f64::from(page.client_width()),
            f64::from(page.client_height()),
        );
        let anchor = self.root.get_bounding_client_rect();
        let panel_width = self.panel.get_bounding_client_rect().width();
        let rtl = self.root.matches(":dir(rtl)").unwrap_or(false);
        let left = if self.end != rtl {
            anchor.left() + anchor.width() - panel_width
        } else {
            anchor.left()
        };
        let left = left
            .min(width - panel_width - EDGE)
            .max(EDGE)
            .min((width - panel_width).max(0.0));
        let style = self.panel.unchecked_ref::<HtmlElement>().style();
        // Whole pixels: formatting a float would cost the bundle kilobytes.
        let px = |value: f64| format!("{}px", value.floor() as i32);
        let _ = style.set_property("left", &px(left));
        let _ = style.set_property("top", &px(anchor.bottom()));
        let _ = style.set_property("--_room", &px(height - anchor.bottom()));
        // A panel that the room cuts short scrolls; one that fits keeps
        // `overflow: visible`, so its items' focus rings are not clipped.
        let cut = self.panel.scroll_height() > self.panel.client_height();
        let _ = style.set_property("overflow-y", if cut { "auto" } else { "" });
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
