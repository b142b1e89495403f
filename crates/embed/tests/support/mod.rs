//! What the element tests share: creating elements, waiting for the
//! page, recording the events that reach the document.

#![allow(dead_code)]

use js_sys::Reflect;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, Event, HtmlElement, ShadowRoot};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn settle() {
    for _ in 0..3 {
        sleep(0).await;
    }
}

/// Resolves after `ms` milliseconds (a timer task, so the page runs).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Creates `<name>` with attributes, connects it, and returns it.
pub fn element(name: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    bandeau_embed::start();
    let el: HtmlElement = document().create_element(name).unwrap().unchecked_into();
    for (key, value) in attributes {
        el.set_attribute(key, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

pub fn shadow(el: &HtmlElement) -> ShadowRoot {
    el.shadow_root().expect("an open shadow root")
}

/// Records the events of one type that reach `document`.
pub fn record(name: &str) -> Rc<RefCell<Vec<CustomEvent>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        sink.borrow_mut().push(e.unchecked_into())
    });
    document()
        .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

pub fn cancel_on(el: &HtmlElement, name: &str) {
    let cancel = Closure::<dyn FnMut(Event)>::new(|e: Event| e.prevent_default());
    el.add_event_listener_with_callback(name, cancel.as_ref().unchecked_ref())
        .unwrap();
    cancel.forget();
}

pub fn detail(event: &CustomEvent, key: &str) -> Option<String> {
    Reflect::get(&event.detail(), &JsValue::from_str(key))
        .ok()?
        .as_string()
}
