//! A vendor page's aggressive CSS must not restyle the chrome. Its own
//! test file, so the hostile `<style>` lives in a page of its own and
//! cannot leak into the other element tests.

#![cfg(target_arch = "wasm32")]

use bandeau_widgets::launcher::stories::SAMPLE_JSON;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn style(css: &str) -> Element {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(css));
    document().head().unwrap().append_child(&style).unwrap();
    style
}

/// A bar showing a product name, the current app's name and, with the
/// launcher open, its tiles.
async fn bar() -> HtmlElement {
    bandeau_embed::start();
    let el: HtmlElement = document()
        .create_element("bandeau-bar")
        .unwrap()
        .unchecked_into();
    for (key, value) in [
        ("lang", "en"),
        ("app", "files"),
        ("base", "https://portal.example.org/"),
        ("product-name", "openDesk"),
    ] {
        el.set_attribute(key, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    Reflect::set(
        &el,
        &JsValue::from_str("navigation"),
        &JsValue::from_str(SAMPLE_JSON),
    )
    .unwrap();
    settle().await;
    Reflect::get(&el, &JsValue::from_str("open"))
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&el)
        .unwrap();
    settle().await;
    el
}

fn inside(el: &HtmlElement, selector: &str) -> Element {
    el.shadow_root()
        .unwrap()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is in the shadow root"))
}

const TEXT: &[&str] = &[
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "color",
    "letter-spacing",
    "word-spacing",
    "line-height",
    "text-transform",
];

const BOXES: &[&str] = &["display", "padding-top", "padding-left", "visibility"];

/// `property: value` for each element and property, as the browser
/// computed them.
fn computed(el: &HtmlElement, selectors: &[&str], properties: &[&str]) -> Vec<String> {
    let window = web_sys::window().unwrap();
    let mut seen = Vec::new();
    for selector in selectors {
        let style = window
            .get_computed_style(&inside(el, selector))
            .unwrap()
            .unwrap();
        for property in properties {
            let value = style.get_property_value(property).unwrap();
            seen.push(format!("{selector} {property}: {value}"));
        }
    }
    seen
}

const TEXT_ELEMENTS: &[&str] = &[
    "[part=product-name]",
    "[part=current-app]",
    "[part=app-name]",
    "[part=bar]",
];

const HOSTILE_TEXT: &str = "{ font: italic 40px serif !important; color: red !important; \
     letter-spacing: 5px !important; word-spacing: 9px !important; \
     text-transform: uppercase !important; line-height: 3 !important }";

/// Computes `properties` of the text elements with and without `css` on
/// the page.
async fn with_and_without(css: &str, properties: &[&str]) -> (Vec<String>, Vec<String>) {
    let el = bar().await;
    let clean = computed(&el, TEXT_ELEMENTS, properties);
    let hostile = style(css);
    settle().await;
    let attacked = computed(&el, TEXT_ELEMENTS, properties);
    hostile.remove();
    el.remove();
    (attacked, clean)
}

#[wasm_bindgen_test]
async fn hostile_important_rules_on_every_element_do_not_reach_the_text() {
    // `*` also matches the host itself, and a plain rule on the host
    // would beat a normal `:host` one. It matches `<html>` too, which
    // would move `rem` sizes: the chrome's tokens are in px.
    let (attacked, clean) = with_and_without(
        &format!("* {HOSTILE_TEXT} bandeau-bar {{ font-family: monospace; color: blue }}"),
        TEXT,
    )
    .await;
    assert_eq!(attacked, clean);
}

#[wasm_bindgen_test]
async fn a_page_that_resizes_its_root_font_does_not_resize_the_chrome() {
    // The "62.5 %" idiom many vendor stylesheets start with.
    let (attacked, clean) = with_and_without("html { font-size: 62.5% }", TEXT).await;
    assert_eq!(attacked, clean);
}

#[wasm_bindgen_test]
async fn hostile_important_rules_below_the_root_do_not_change_the_text_size() {
    let (attacked, clean) = with_and_without(&format!("body, body * {HOSTILE_TEXT}"), TEXT).await;
    assert_eq!(attacked, clean);
}

#[wasm_bindgen_test]
async fn page_selectors_do_not_reach_the_shadow_internals() {
    let el = bar().await;
    let internals = ["[part=bar]", "[part=logo]", "[part=app-name]", "div"];
    let clean = computed(&el, &internals, BOXES);
    let hostile = style(
        "* { display: none !important } div { padding: 30px !important } \
         a, span, header { display: none !important; padding: 30px !important }",
    );
    settle().await;
    let attacked = computed(&el, &internals, BOXES);
    hostile.remove();
    el.remove();
    assert_eq!(attacked, clean);
}
