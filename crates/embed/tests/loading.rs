//! Loading `nav-url` in headless Chromium. The test runner serves files
//! from the crate directory, so `tests/fixtures/` stands in for the
//! portal (query parameters are ignored by that server).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, Event, HtmlElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Waits up to two seconds for `done`.
async fn until(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        sleep(20).await;
    }
    done()
}

fn launcher(attributes: &[(&str, &str)]) -> HtmlElement {
    bandeau_embed::start();
    let el: HtmlElement = document()
        .create_element("bandeau-launcher")
        .unwrap()
        .unchecked_into();
    for (key, value) in attributes {
        el.set_attribute(key, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn apps(el: &HtmlElement) -> u32 {
    el.shadow_root()
        .unwrap()
        .query_selector_all("a.app")
        .unwrap()
        .length()
}

fn errors() -> Rc<RefCell<Vec<CustomEvent>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        sink.borrow_mut().push(e.unchecked_into())
    });
    document()
        .add_event_listener_with_callback("bandeau-error", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

#[wasm_bindgen_test]
async fn nav_url_is_fetched_parsed_and_cached_per_language() {
    storage().remove_item("bandeau.navigation.en").unwrap();
    let el = launcher(&[
        ("lang", "en"),
        ("nav-url", "/tests/fixtures/navigation.json"),
        ("base", "https://portal.example.org/"),
    ]);
    assert!(until(|| apps(&el) == 6).await, "the fetched apps show");
    let cached = storage().get_item("bandeau.navigation.en").unwrap();
    assert!(cached.is_some_and(|c| c.contains("Büro")));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_cached_document_shows_at_once_and_stays_when_the_fetch_fails() {
    storage().remove_item("bandeau.navigation.de").unwrap();
    let first = launcher(&[
        ("lang", "de"),
        ("nav-url", "/tests/fixtures/navigation.json"),
    ]);
    assert!(until(|| apps(&first) == 6).await);
    first.remove();

    let seen = errors();
    let el = launcher(&[("lang", "de"), ("nav-url", "/tests/fixtures/missing.json")]);
    sleep(0).await;
    assert_eq!(apps(&el), 6, "the cache shows before any answer");
    assert!(
        until(|| !seen.borrow().is_empty()).await,
        "the 404 is reported"
    );
    assert_eq!(seen.borrow().len(), 1, "once");
    assert_eq!(apps(&el), 6, "and the cached apps stay");
    el.remove();
}

#[wasm_bindgen_test]
async fn garbage_without_a_cache_shows_the_error_state_with_a_retry() {
    storage().remove_item("bandeau.navigation.fr").unwrap();
    let seen = errors();
    let el = launcher(&[("lang", "fr"), ("nav-url", "/tests/fixtures/garbage.json")]);
    assert!(until(|| !seen.borrow().is_empty()).await);
    let message = js_sys::Reflect::get(&seen.borrow()[0].detail(), &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("not JSON"), "{message}");
    let root = el.shadow_root().unwrap();
    sleep(0).await;
    let retry: HtmlElement = root
        .query_selector("[role=alert] button.retry")
        .unwrap()
        .expect("a retry button")
        .unchecked_into();
    retry.click();
    assert!(
        until(|| seen.borrow().len() == 2).await,
        "the retry loaded again"
    );

    // A working address replaces the error state.
    el.set_attribute("nav-url", "/tests/fixtures/navigation.json")
        .unwrap();
    assert!(until(|| apps(&el) == 6).await);
    el.remove();
}
