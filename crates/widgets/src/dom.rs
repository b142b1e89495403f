//! Building and patching DOM nodes for the views.
//!
//! Text goes in as text nodes and attribute values; nothing here parses
//! HTML, so names from navigation documents and users can never become
//! markup. The helpers take attribute lists as data rather than being
//! generic, so each view's markup costs bytes of data, not code.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, Node, ShadowRoot};

/// The attribute views put on focusable things so that focus can be put
/// back on "the same" element after its part of the view was rebuilt.
pub const KEY: &str = "data-key";

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the views run in a browser page")
}

/// A new element with these attributes.
pub fn el(tag: &str, attributes: &[(&str, &str)]) -> Element {
    let element = document()
        .create_element(tag)
        .expect("the views only use valid tag names");
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    element
}

/// A new element with attributes and a text child, appended to `parent`.
pub fn add(parent: &Element, tag: &str, attributes: &[(&str, &str)], text: &str) -> Element {
    let child = el(tag, attributes);
    if !text.is_empty() {
        child.set_text_content(Some(text));
    }
    append(parent, &child);
    child
}

pub fn append(parent: &Element, child: &Node) {
    let _ = parent.append_child(child);
}

/// Appends `text` as a text node.
pub fn text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// Sets or removes an attribute.
pub fn set(element: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => element.set_attribute(name, value),
        None => element.remove_attribute(name),
    };
}

/// `"true"` or `"false"`, as ARIA states are spelled.
pub fn set_flag(element: &Element, name: &str, on: bool) {
    let _ = element.set_attribute(name, if on { "true" } else { "false" });
}

pub fn set_hidden(element: &Element, hidden: bool) {
    let _ = element.toggle_attribute_with_force("hidden", hidden);
}

/// Removes every child.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}

/// The nearest ancestor-or-self of the event's target matching `selector`.
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

pub fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

pub fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// The focused element of the tree `inside` belongs to (its shadow root,
/// or the page), if it lies within `inside`.
pub fn focused_within(inside: &Element) -> Option<Element> {
    let root = inside.get_root_node();
    let active = match root.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => document().active_element(),
    }?;
    inside.contains(Some(&active)).then_some(active)
}

/// Runs `rebuild`, then puts focus back on the element with the key the
/// focused element had, so a person's place survives a re-render (a
/// language switch, a pin toggled).
pub fn keeping_focus(inside: &Element, rebuild: impl FnOnce()) {
    let key = focused_key(inside);
    rebuild();
    refocus(inside, key);
}

// The parts of [`keeping_focus`] that do not depend on the closure, kept
// out of line so that each view does not carry its own copy.
#[inline(never)]
fn focused_key(inside: &Element) -> Option<String> {
    focused_within(inside).and_then(|e| e.get_attribute(KEY))
}

#[inline(never)]
fn refocus(inside: &Element, key: Option<String>) {
    if let Some(key) = key {
        let selector = format!("[{KEY}=\"{}\"]", css_escape(&key));
        if let Ok(Some(again)) = inside.query_selector(&selector) {
            focus(&again);
        }
    }
}

/// Quotes a value for an attribute selector: keys hold identifiers from
/// navigation documents, which may contain anything.
fn css_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\a "),
            _ => out.push(c),
        }
    }
    out
}

/// An image that shows `fallback` (a monogram or initials) in an element
/// with `fallback_class` instead when it has no URL or fails to load (see
/// [`image_failed`]). Decorative: the name is in the text next to it.
pub fn image_or_letters(parent: &Element, url: Option<&str>, fallback: &str, fallback_class: &str) {
    image_or_letters_loading(parent, url, fallback, fallback_class, false);
}

/// [`image_or_letters`], with `lazy` for an image in a panel that starts
/// hidden: `loading="lazy"` leaves it unfetched until the panel is shown,
/// so it costs the page's first paint nothing (a broken one still turns
/// into its letters then).
pub fn image_or_letters_loading(
    parent: &Element,
    url: Option<&str>,
    fallback: &str,
    fallback_class: &str,
    lazy: bool,
) {
    match url {
        Some(url) => {
            add(
                parent,
                "img",
                &[
                    // Before `src`: a lazy image is lazy from its first URL.
                    ("loading", if lazy { "lazy" } else { "eager" }),
                    ("src", url),
                    ("alt", ""),
                    ("decoding", "async"),
                    ("data-fallback", fallback),
                    ("data-fallback-class", fallback_class),
                ],
                "",
            );
        }
        None => {
            add(
                parent,
                "span",
                &[("class", fallback_class), ("part", fallback_class)],
                fallback,
            );
        }
    }
}

/// Replaces an image made by [`image_or_letters`] that failed to load by
/// its letters. Returns whether the event was such a failure.
pub fn image_failed(event: &Event) -> bool {
    let Some(img) = target(event).filter(|t| t.has_attribute("data-fallback")) else {
        return false;
    };
    let letters = img.get_attribute("data-fallback").unwrap_or_default();
    let class = img.get_attribute("data-fallback-class").unwrap_or_default();
    let span = el("span", &[("class", &class), ("part", &class)]);
    span.set_text_content(Some(&letters));
    let _ = img.replace_with_with_node_1(&span);
    true
}
