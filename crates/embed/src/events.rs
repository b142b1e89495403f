//! The events a vendor page listens to: bubbling, composed `CustomEvent`s
//! (composed, so they leave the shadow root; bubbling, so one listener on
//! `document` hears every element).

use bandeau_navigation::Problem;
use js_sys::{Array, Object, Reflect};
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

/// How many places `report_problems` names: enough to find the pattern,
/// short enough for a console line.
const PLACES_SHOWN: usize = 3;

/// What a navigation document lost while it was read (unsafe links and
/// icons, malformed entries, …): one console warning and one
/// `bandeau-error` per load, however many problems, so a portal with a
/// hundred bad entries does not flood the page. The detail carries
/// `count` and the first `places` (e.g. `categories[0].entries[2].link`)
/// besides the usual `source` and `message`.
pub fn report_problems(host: &HtmlElement, problems: &[Problem]) {
    let Some(first) = problems.first() else {
        return;
    };
    let places: Vec<&str> = problems
        .iter()
        .take(PLACES_SHOWN)
        .map(|p| p.place.as_str())
        .collect();
    let more = if problems.len() > PLACES_SHOWN {
        ", …"
    } else {
        ""
    };
    let message = format!(
        "{} problem(s) in the document, dropped or ignored, at {}{more}; first: {}",
        problems.len(),
        places.join(", "),
        first.message
    );
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "bandeau: navigation: {message}"
    )));
    let detail = detail(&[("source", "navigation"), ("message", &message)]);
    let _ = Reflect::set(
        &detail,
        &JsValue::from_str("count"),
        &JsValue::from_f64(problems.len() as f64),
    );
    let places: Array = places.iter().map(|p| JsValue::from_str(p)).collect();
    let _ = Reflect::set(&detail, &JsValue::from_str("places"), &places);
    dispatch(host, "bandeau-error", &detail, false);
}
