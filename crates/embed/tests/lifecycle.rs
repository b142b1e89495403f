//! An element taken out of the page lets go of everything: its view, its
//! listeners and its requests, however it is removed (by the page later,
//! or by a listener of one of its own events while it is still busy), and
//! it renders again when put back.

#![cfg(target_arch = "wasm32")]

use bandeau_widgets::launcher::stories::SAMPLE_JSON;
use js_sys::{Array, Function, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{AddEventListenerOptions, Event, EventTarget, HtmlElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs `f` on the first `name` event at `target` (the element itself:
/// events of a removed element no longer reach `document`).
fn once(target: &EventTarget, name: &str, f: impl FnOnce(Event) + 'static) {
    let options = AddEventListenerOptions::new();
    options.set_once(true);
    let listener = Closure::once_into_js(f);
    target
        .add_event_listener_with_callback_and_add_event_listener_options(
            name,
            listener.unchecked_ref(),
            &options,
        )
        .unwrap();
}

/// Every `name` event at `target`.
fn heard(target: &EventTarget, name: &str) -> Rc<RefCell<Vec<Event>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |e: Event| sink.borrow_mut().push(e));
    target
        .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

/// Uncaught errors of the page, such as one thrown by a custom element
/// callback.
fn page_errors() -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        let message = Reflect::get(&e, &"message".into()).unwrap();
        sink.borrow_mut()
            .push(message.as_string().unwrap_or_default())
    });
    web_sys::window()
        .unwrap()
        .add_event_listener_with_callback("error", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    seen
}

fn views(el: &HtmlElement) -> u32 {
    shadow(el).child_element_count()
}

#[wasm_bindgen_test]
async fn a_removed_element_aborts_its_request_and_reports_nothing_afterwards() {
    let window = web_sys::window().unwrap();
    let real_fetch = Reflect::get(&window, &"fetch".into()).unwrap();
    // A portal that answers garbage after 200 ms, unless the request is
    // aborted; it keeps the signals it was given.
    let signals = Array::new();
    Reflect::set(&window, &"__bandeauSignals".into(), &signals).unwrap();
    let stand_in = Function::new_with_args(
        "url, init",
        "const signal = init.signal;
         window.__bandeauSignals.push(signal);
         return new Promise((resolve, reject) => {
           const timer = setTimeout(() => resolve(new Response('not json')), 200);
           signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); });
         });",
    );
    Reflect::set(&window, &"fetch".into(), &stand_in).unwrap();

    let el = element("bandeau-launcher", &[("nav-url", "/navigation.json")]);
    let errors = heard(&el, "bandeau-error");
    settle().await;
    assert_eq!(signals.length(), 1, "one request under way");
    el.remove();
    let signal = signals.get(0);
    let aborted = || {
        Reflect::get(&signal, &"aborted".into())
            .unwrap()
            .is_truthy()
    };
    assert!(
        aborted(),
        "the request is aborted with the element's removal"
    );
    sleep(400).await;
    assert_eq!(
        errors.borrow().len(),
        0,
        "a removed element reports nothing more"
    );

    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert_eq!(signals.length(), 2, "put back, it asks again");
    assert!(!Reflect::get(&signals.get(1), &"aborted".into())
        .unwrap()
        .is_truthy());
    el.remove();
    Reflect::set(&window, &"fetch".into(), &real_fetch).unwrap();
}

#[wasm_bindgen_test]
async fn an_element_removed_by_a_listener_of_its_own_ready_event_leaves_nothing_behind() {
    bandeau_embed::start();
    let el: HtmlElement = document()
        .create_element("bandeau-launcher")
        .unwrap()
        .unchecked_into();
    Reflect::set(&el, &"navigation".into(), &JsValue::from_str(SAMPLE_JSON)).unwrap();
    let target = el.clone();
    once(&el, "bandeau-ready", move |_| target.remove());
    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert!(!el.is_connected());
    assert_eq!(views(&el), 0, "no view (and no listeners) left behind");

    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert_eq!(views(&el), 1, "put back, it renders once");
    assert_eq!(shadow(&el).query_selector_all("a.app").unwrap().length(), 6);
    el.remove();
}

#[wasm_bindgen_test]
async fn an_element_removed_while_it_reports_a_problem_is_torn_down_without_an_error() {
    let errors = page_errors();
    let el = element("bandeau-user-menu", &[("user-name", "Jördis Müller")]);
    settle().await;
    assert_eq!(views(&el), 1);
    // A page that takes the chrome out when it reports a problem; the
    // report comes from inside the element's handling of an attribute.
    let target = el.clone();
    once(&el, "bandeau-error", move |_| target.remove());
    el.set_attribute("avatar-url", "javascript:alert(1)")
        .unwrap();
    settle().await;
    assert!(!el.is_connected());
    assert_eq!(views(&el), 0, "the view left with the element");
    assert_eq!(*errors.borrow(), Vec::<String>::new());

    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert_eq!(views(&el), 1, "put back, it renders again");
    el.remove();
    assert_eq!(*errors.borrow(), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn a_removed_element_no_longer_follows_choices_made_in_the_others() {
    let window = web_sys::window().unwrap();
    let real_fetch = Reflect::get(&window, &"fetch".into()).unwrap();
    // A portal that never answers: the request would hold on to the
    // element if it were not aborted.
    let silent = Function::new_with_args(
        "url, init",
        "return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));",
    );
    Reflect::set(&window, &"fetch".into(), &silent).unwrap();
    let menu = element("bandeau-user-menu", &[("user-name", "A"), ("lang", "de")]);
    let gone = element(
        "bandeau-launcher",
        &[("lang", "de"), ("nav-url", "/navigation.json")],
    );
    settle().await;
    gone.remove();
    Reflect::set(&window, &"fetch".into(), &real_fetch).unwrap();
    let option: HtmlElement = shadow(&menu)
        .query_selector_all("[part~=language-option]")
        .unwrap()
        .item(2)
        .unwrap()
        .unchecked_into();
    option.click();
    settle().await;
    assert_eq!(menu.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(
        gone.get_attribute("lang").as_deref(),
        Some("de"),
        "the removed element is left alone"
    );
    menu.remove();
}
