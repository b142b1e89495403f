//! Mounting views inside a shadow root, as the custom elements do, and
//! driving them with events.

#![allow(dead_code)]

use bandeau_widgets::{BAR_CSS, LAUNCHER_CSS, SHARED_CSS, USER_MENU_CSS};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, Element, EventInit, HtmlElement, KeyboardEvent, KeyboardEventInit, MouseEvent,
    MouseEventInit, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

/// Sizes that the token stylesheet would give, so the grid lays out in
/// rows of a known width without pulling the tokens into this crate.
const LAYOUT: &str = "--bd-launcher-panel-width: 480px; --bd-launcher-tile-size: 100px; \
    --bd-launcher-tile-gap: 8px; --bd-launcher-panel-padding: 16px; --bd-launcher-icon-size: 32px;";

pub struct Mounted {
    pub host: HtmlElement,
    pub root: ShadowRoot,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

impl Mounted {
    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|e| e.unchecked_into())
    }

    pub fn get(&self, selector: &str) -> HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
    }

    pub fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into())
            .collect()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn focused(&self) -> Option<Element> {
        self.root.active_element()
    }

    pub fn is_focused(&self, el: &HtmlElement) -> bool {
        self.focused().is_some_and(|f| f.is_same_node(Some(el)))
    }
}

/// Mounts `view` into a fresh shadow root with the component styles.
pub fn mount<F, N>(view: F) -> Mounted
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", LAYOUT).unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init).unwrap();
    let sheets = js_sys::Array::new();
    for css in [SHARED_CSS, LAUNCHER_CSS, BAR_CSS, USER_MENU_CSS] {
        let sheet = CssStyleSheet::new().unwrap();
        sheet.replace_sync(css).expect("component CSS parses");
        sheets.push(&sheet);
    }
    root.set_adopted_style_sheets(&sheets);
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    root.append_child(&container).unwrap();
    leptos::mount::mount_to(container, view).forget();
    Mounted { host, root }
}

/// Waits until Leptos has applied pending updates and `after_render`
/// callbacks have run.
pub async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

pub fn key(target: &Element, key: &str) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

/// A click as Enter or Space on a button produces it (`detail` 0).
pub fn keyboard_click(target: &Element) -> MouseEvent {
    click_with_detail(target, 0)
}

pub fn pointer_click(target: &Element) -> MouseEvent {
    click_with_detail(target, 1)
}

fn click_with_detail(target: &Element, detail: i32) -> MouseEvent {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_detail(detail);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

pub fn pointer_down(target: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("pointerdown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub fn plain_event(target: &Element, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(false);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub fn type_into(input: &HtmlElement, text: &str) {
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn js(value: &str) -> JsValue {
    JsValue::from_str(value)
}
