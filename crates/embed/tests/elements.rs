//! The custom elements in headless Chromium: definition, shadow root,
//! attributes, properties and events.

#![cfg(target_arch = "wasm32")]

use bandeau_widgets::launcher::stories::SAMPLE_JSON;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn set_property(el: &HtmlElement, key: &str, value: &JsValue) {
    Reflect::set(el, &JsValue::from_str(key), value).unwrap();
}

fn get_property(el: &HtmlElement, key: &str) -> JsValue {
    Reflect::get(el, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn all_three_elements_are_defined_and_a_second_copy_does_not_throw() {
    bandeau_embed::start();
    let registry = web_sys::window().unwrap().custom_elements();
    for name in ["bandeau-bar", "bandeau-launcher", "bandeau-user-menu"] {
        assert!(registry.get(name).is_function(), "{name}");
    }
    bandeau_embed::start();
}

#[wasm_bindgen_test]
async fn the_launcher_renders_the_navigation_property_in_an_open_shadow_root() {
    let el = element(
        "bandeau-launcher",
        &[
            ("lang", "en"),
            ("app", "files"),
            ("base", "https://portal.example.org/"),
        ],
    );
    set_property(
        &el,
        "navigation",
        &js_sys::JSON::parse(SAMPLE_JSON).unwrap(),
    );
    settle().await;
    let root = shadow(&el);
    assert_eq!(root.mode(), web_sys::ShadowRootMode::Open);
    assert_eq!(root.query_selector_all("a.app").unwrap().length(), 6);
    let current = root
        .query_selector("a[aria-current=page]")
        .unwrap()
        .unwrap();
    assert!(current.text_content().unwrap().contains("Dateien"));
    assert_eq!(
        root.adopted_style_sheets().length(),
        3,
        "tokens, shared and launcher sheets"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_property_set_before_the_element_upgrades_is_kept() {
    let el: HtmlElement = document()
        .create_element("bandeau-launcher")
        .unwrap()
        .unchecked_into();
    bandeau_embed::start();
    set_property(&el, "navigation", &JsValue::from_str(SAMPLE_JSON));
    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert_eq!(shadow(&el).query_selector_all("a.app").unwrap().length(), 6);
    el.remove();
}

#[wasm_bindgen_test]
async fn properties_mirror_attributes() {
    let el = element(
        "bandeau-bar",
        &[("portal-url", "https://portal.example.org/")],
    );
    assert_eq!(
        get_property(&el, "portalUrl").as_string().as_deref(),
        Some("https://portal.example.org/")
    );
    set_property(&el, "productName", &JsValue::from_str("Suite"));
    assert_eq!(el.get_attribute("product-name").as_deref(), Some("Suite"));
    settle().await;
    assert!(shadow(&el).text_content().unwrap().contains("Suite"));
    el.remove();
}

#[wasm_bindgen_test]
async fn the_theme_attribute_only_changes_data_theme() {
    let el = element("bandeau-bar", &[("theme", "light")]);
    settle().await;
    let header = shadow(&el).query_selector("[part=bar]").unwrap().unwrap();
    let background = || {
        web_sys::window()
            .unwrap()
            .get_computed_style(&header)
            .unwrap()
            .unwrap()
            .get_property_value("background-color")
            .unwrap()
    };
    let light = background();
    el.set_attribute("theme", "dark").unwrap();
    settle().await;
    assert_eq!(el.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_ne!(
        background(),
        light,
        "the adopted token sheet follows data-theme"
    );
    el.set_attribute("theme", "high-contrast").unwrap();
    settle().await;
    assert_eq!(
        el.get_attribute("data-theme").as_deref(),
        Some("high-contrast")
    );
    let same = shadow(&el).query_selector("[part=bar]").unwrap().unwrap();
    assert!(header.is_same_node(Some(&same)), "nothing re-rendered");
    el.remove();
}

#[wasm_bindgen_test]
async fn ready_and_cancelable_navigate_events_leave_the_shadow_root() {
    let ready = record("bandeau-ready");
    let before = ready.borrow().len();
    let el = element(
        "bandeau-launcher",
        &[("base", "https://portal.example.org/")],
    );
    assert_eq!(ready.borrow().len(), before + 1);
    set_property(&el, "navigation", &JsValue::from_str(SAMPLE_JSON));
    settle().await;

    let navigations = record("bandeau-navigate");
    cancel_on(&el, "bandeau-navigate");
    let files: HtmlElement = shadow(&el)
        .query_selector_all("a.app")
        .unwrap()
        .item(1)
        .unwrap()
        .unchecked_into();
    web_sys::console::log_1(&"before click".into());
    files.click();
    web_sys::console::log_1(&"after click".into());
    let seen = navigations.borrow();
    let event = seen.last().expect("bandeau-navigate reached the document");
    assert!(event.composed() && event.bubbles() && event.default_prevented());
    assert_eq!(detail(event, "identifier").as_deref(), Some("files"));
    assert_eq!(
        detail(event, "link").as_deref(),
        Some("https://portal.example.org/files/")
    );
    assert_eq!(detail(event, "target").as_deref(), Some("_self"));
    drop(seen);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_broken_navigation_document_reports_an_error_and_keeps_the_element() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let el = element("bandeau-launcher", &[]);
    set_property(&el, "navigation", &JsValue::from_str("{not json"));
    settle().await;
    assert_eq!(errors.borrow().len(), before + 1);
    assert_eq!(
        detail(&errors.borrow()[before], "source").as_deref(),
        Some("navigation")
    );
    get_property(&el, "open")
        .unchecked_into::<Function>()
        .call0(&el)
        .unwrap();
    settle().await;
    let root = shadow(&el);
    assert!(
        root.query_selector("[role=alert]").unwrap().is_some(),
        "the failed state shows"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unsafe_url_attribute_is_dropped_and_reported() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let el = element("bandeau-bar", &[("portal-url", "javascript:alert(1)")]);
    settle().await;
    assert_eq!(errors.borrow().len(), before + 1);
    let logo = shadow(&el).query_selector("[part=logo]").unwrap().unwrap();
    assert_eq!(logo.get_attribute("href"), None);
    el.remove();
}

#[wasm_bindgen_test]
async fn unsafe_logout_and_navigation_urls_are_reported_when_set() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let el = element(
        "bandeau-user-menu",
        &[
            ("user-name", "Erika"),
            ("logout-url", "javascript:alert(1)"),
        ],
    );
    settle().await;
    let sources = |from: usize| -> Vec<String> {
        errors.borrow()[from..]
            .iter()
            .filter_map(|e| detail(e, "source"))
            .collect()
    };
    assert_eq!(
        sources(before),
        ["logout-url"],
        "reported at once, not on click"
    );
    let middle = errors.borrow().len();
    el.set_attribute("nav-url", "data:application/json,{}")
        .unwrap();
    settle().await;
    assert_eq!(
        sources(middle),
        ["nav-url"],
        "one report, and nothing fetched"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn attribute_text_is_cleaned_like_navigation_names() {
    let el = element(
        "bandeau-user-menu",
        &[
            ("user-name", "\u{202e}Erika\n  Mustermann"),
            ("user-email", "\u{200b}"),
        ],
    );
    settle().await;
    let root = shadow(&el);
    let name = root.query_selector("[part=user-name]").unwrap().unwrap();
    assert_eq!(name.text_content().as_deref(), Some("Erika Mustermann"));
    let email = root.query_selector("[part=user-email]").unwrap().unwrap();
    assert_eq!(email.text_content().as_deref(), Some(""));
    el.remove();
}

#[wasm_bindgen_test]
async fn the_user_menu_reports_choices_as_events() {
    let languages = record("bandeau-language-change");
    let themes = record("bandeau-theme-change");
    let logouts = record("bandeau-logout");
    let el = element(
        "bandeau-user-menu",
        &[("user-name", "Jördis Müller"), ("lang", "de")],
    );
    settle().await;
    let root = shadow(&el);
    let click = |selector: &str, index: u32| {
        let list = root.query_selector_all(selector).unwrap();
        list.item(index)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click();
    };
    click("[part=language-option]", 2);
    click("[part=theme-option]", 1);
    cancel_on(&el, "bandeau-logout");
    click("[part=logout-button]", 0);
    assert_eq!(
        detail(languages.borrow().last().unwrap(), "language").as_deref(),
        Some("fr")
    );
    assert_eq!(el.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(
        detail(themes.borrow().last().unwrap(), "theme").as_deref(),
        Some("dark")
    );
    assert_eq!(el.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(logouts.borrow().last().unwrap().default_prevented());
    settle().await;
    assert!(
        root.text_content().unwrap().contains("Se déconnecter"),
        "the view follows lang"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn unsafe_links_and_icons_in_the_navigation_are_dropped_and_reported_once() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let el = element(
        "bandeau-launcher",
        &[("lang", "en"), ("base", "https://portal.example.org/")],
    );
    set_property(
        &el,
        "navigation",
        &js_sys::JSON::parse(
            r#"{"categories": [{"identifier": "c", "display_name": "C", "entries": [
                {"identifier": "files", "display_name": "Files", "link": "/files/"},
                {"identifier": "m", "display_name": "M", "link": " JavaScript:alert(1)",
                 "icon_url": "data:text/html,<script>alert(1)</script>"}
            ]}]}"#,
        )
        .unwrap(),
    );
    settle().await;
    {
        let seen = errors.borrow();
        assert_eq!(
            seen.len(),
            before + 1,
            "one bandeau-error for the whole load"
        );
        let event = &seen[before];
        assert_eq!(detail(event, "source").as_deref(), Some("navigation"));
        let message = detail(event, "message").unwrap();
        assert!(
            message.contains("categories[0].entries[1].link")
                && message.contains("categories[0].entries[1].icon_url"),
            "{message}"
        );
        assert_eq!(
            Reflect::get(&event.detail(), &JsValue::from_str("count"))
                .unwrap()
                .as_f64(),
            Some(2.0)
        );
        let places: js_sys::Array = Reflect::get(&event.detail(), &JsValue::from_str("places"))
            .unwrap()
            .unchecked_into();
        assert_eq!(
            places.get(0).as_string().as_deref(),
            Some("categories[0].entries[1].link")
        );
    }

    let root = shadow(&el);
    assert_eq!(
        root.query_selector_all("a[href]").unwrap().length(),
        1,
        "only the safe entry links anywhere; the other is shown disabled: {}",
        root.inner_html()
    );
    let html = root.inner_html().to_ascii_lowercase();
    for scheme in ["javascript:", "data:", "vbscript:"] {
        assert!(!html.contains(scheme), "{scheme} in {html}");
    }
    // Reading the same document again (a language change) is a new load
    // and reports again, still once.
    el.set_attribute("lang", "de").unwrap();
    settle().await;
    assert_eq!(errors.borrow().len(), before + 2);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_removed_element_lets_go_of_its_view_and_renders_again_when_put_back() {
    let el = element("bandeau-launcher", &[]);
    set_property(&el, "navigation", &JsValue::from_str(SAMPLE_JSON));
    settle().await;
    assert_eq!(shadow(&el).query_selector_all("a.app").unwrap().length(), 6);
    el.remove();
    assert_eq!(
        shadow(&el).child_element_count(),
        0,
        "the view left with the element"
    );
    document().body().unwrap().append_child(&el).unwrap();
    settle().await;
    assert_eq!(
        shadow(&el).query_selector_all("a.app").unwrap().length(),
        6,
        "the navigation property is kept and shown again"
    );
    el.remove();
}
