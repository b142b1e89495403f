//! The events a vendor page listens to: bubbling, composed `CustomEvent`s
//! (composed, so they leave the shadow root; bubbling, so one listener on
//! `document` hears every element).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// A detail object from string pairs, built without serde to keep the
/// bundle small.
pub fn detail(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

/// Dispatches `name` on `host`. Returns `false` when a listener cancelled
/// a cancelable event.
pub fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// The one console warning plus `bandeau-error` event for a problem the
/// page should know about; the chrome keeps working.
pub fn report(host: &HtmlElement, source: &str, message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("bandeau: {source}: {message}")));
    dispatch(
        host,
        "bandeau-error",
        &detail(&[("source", source), ("message", message)]),
        false,
    );
}
