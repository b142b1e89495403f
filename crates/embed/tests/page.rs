//! What the page as a whole decides reaches every element: a language or
//! theme chosen in one of them, one chosen in another tab, `<html lang>`
//! and `<html data-brand>`, also when they change later. What the page set
//! on an element itself stays.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn html() -> Element {
    document().document_element().unwrap()
}

/// The launcher panel's label, which is in the element's language.
fn panel_label(el: &HtmlElement) -> String {
    shadow(el)
        .query_selector("[part~=panel]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap_or_default()
}

fn choose(menu: &HtmlElement, part: &str, at: u32) {
    let option: HtmlElement = shadow(menu)
        .query_selector_all(&format!("[part~={part}]"))
        .unwrap()
        .item(at)
        .unwrap()
        .unchecked_into();
    option.click();
}

fn accent(el: &HtmlElement) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
        .get_property_value("--bd-color-accent-default")
        .unwrap()
        .trim()
        .to_owned()
}

#[wasm_bindgen_test]
async fn a_language_chosen_in_one_element_reaches_the_others_and_later_ones() {
    html().set_attribute("lang", "de").unwrap();
    let menu = element("bandeau-user-menu", &[("user-name", "A")]);
    let launcher = element("bandeau-launcher", &[("lang", "de")]);
    settle().await;
    assert_eq!(panel_label(&launcher), "Alle Apps");
    choose(&menu, "language-option", 1);
    settle().await;
    assert_eq!(menu.get_attribute("lang").as_deref(), Some("en"));
    // An uncancelled choice is the person's, for every element: the page
    // keeps its own values by cancelling `bandeau-language-change`.
    assert_eq!(launcher.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(panel_label(&launcher), "All apps");

    let later = element("bandeau-launcher", &[]);
    settle().await;
    assert_eq!(
        panel_label(&later),
        "All apps",
        "connected after the choice"
    );
    let own = element("bandeau-launcher", &[("lang", "fr")]);
    settle().await;
    assert_eq!(
        panel_label(&own),
        "Toutes les applications",
        "set by the page"
    );

    // The page changes its own language: the choice no longer holds for
    // elements connected from now on.
    html().set_attribute("lang", "fr").unwrap();
    settle().await;
    let after = element("bandeau-launcher", &[]);
    settle().await;
    assert_eq!(panel_label(&after), "Toutes les applications");
    for el in [menu, launcher, later, own, after] {
        el.remove();
    }
    html().remove_attribute("lang").unwrap();
}

#[wasm_bindgen_test]
async fn elements_follow_html_lang_unless_the_page_gave_them_another() {
    html().set_attribute("lang", "de").unwrap();
    let plain = element("bandeau-launcher", &[]);
    let same = element("bandeau-launcher", &[("lang", "de")]);
    let other = element("bandeau-launcher", &[("lang", "fr")]);
    settle().await;
    assert_eq!(panel_label(&plain), "Alle Apps");
    html().set_attribute("lang", "en-GB").unwrap();
    settle().await;
    assert_eq!(panel_label(&plain), "All apps");
    assert_eq!(
        same.get_attribute("lang").as_deref(),
        Some("en-GB"),
        "the page's language given to the element follows the page"
    );
    assert_eq!(panel_label(&same), "All apps");
    assert_eq!(other.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(panel_label(&other), "Toutes les applications");
    for el in [plain, same, other] {
        el.remove();
    }
    html().remove_attribute("lang").unwrap();
}

/// Writes to `localStorage` from another document of the same origin, as
/// another tab would: the page gets a real `storage` event.
async fn from_another_tab(key: &str, value: &str) {
    let frame = document().create_element("iframe").unwrap();
    document().body().unwrap().append_child(&frame).unwrap();
    let window: web_sys::Window = js_sys::Reflect::get(&frame, &"contentWindow".into())
        .unwrap()
        .unchecked_into();
    window
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(key, value)
        .unwrap();
    sleep(100).await;
    frame.remove();
}

#[wasm_bindgen_test]
async fn a_theme_and_pins_chosen_in_another_tab_reach_the_page() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("bandeau.theme", "light").unwrap();
    storage.remove_item("bandeau.pinned").unwrap();
    let plain = element("bandeau-bar", &[]);
    let remembered = element("bandeau-bar", &[("theme", "light")]);
    let own = element("bandeau-bar", &[("theme", "high-contrast")]);
    let launcher = element(
        "bandeau-launcher",
        &[("base", "https://portal.example.org/")],
    );
    js_sys::Reflect::set(
        &launcher,
        &"navigation".into(),
        &JsValue::from_str(bandeau_widgets::launcher::stories::SAMPLE_JSON),
    )
    .unwrap();
    settle().await;
    assert_eq!(plain.get_attribute("data-theme").as_deref(), Some("light"));

    from_another_tab("bandeau.theme", "dark").await;
    assert_eq!(plain.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        remembered.get_attribute("data-theme").as_deref(),
        Some("dark"),
        "an element showing the old choice follows the new one"
    );
    assert_eq!(
        own.get_attribute("data-theme").as_deref(),
        Some("high-contrast"),
        "a theme the page set otherwise stays"
    );

    let pressed = || {
        shadow(&launcher)
            .query_selector_all("[part~=pin-button][aria-pressed=true]")
            .unwrap()
            .length()
    };
    assert_eq!(pressed(), 0);
    from_another_tab("bandeau.pinned", "files").await;
    assert_eq!(pressed(), 1, "a pin made in another tab shows here");
    for el in [plain, remembered, own, launcher] {
        el.remove();
    }
    storage.remove_item("bandeau.theme").unwrap();
    storage.remove_item("bandeau.pinned").unwrap();
}

#[wasm_bindgen_test]
async fn data_brand_on_html_reaches_inside_every_element_and_follows_changes() {
    let plain = element("bandeau-bar", &[("theme", "light")]);
    let ocean = element(
        "bandeau-bar",
        &[("theme", "light"), ("data-brand", "ocean")],
    );
    settle().await;
    let default = accent(&plain);
    let ocean_accent = accent(&ocean);
    assert_ne!(default, ocean_accent, "the sample brand has its own accent");

    html().set_attribute("data-brand", "ocean").unwrap();
    settle().await;
    assert_eq!(accent(&plain), ocean_accent, "<html data-brand> reaches in");
    let later = element("bandeau-launcher", &[("theme", "light")]);
    settle().await;
    assert_eq!(
        accent(&later),
        ocean_accent,
        "also in elements connected later"
    );

    // The page's own brand on an element stays when <html> changes.
    ocean.set_attribute("data-brand", "default").unwrap();
    html().remove_attribute("data-brand").unwrap();
    settle().await;
    assert_eq!(accent(&plain), default, "and leaves with it");
    assert_eq!(accent(&later), default);
    assert_eq!(
        ocean.get_attribute("data-brand").as_deref(),
        Some("default")
    );
    html().set_attribute("data-brand", "ocean").unwrap();
    settle().await;
    assert_eq!(
        ocean.get_attribute("data-brand").as_deref(),
        Some("default")
    );
    assert_eq!(accent(&ocean), default);
    // An element whose own brand is removed takes the page's again.
    ocean.remove_attribute("data-brand").unwrap();
    settle().await;
    assert_eq!(accent(&ocean), ocean_accent);
    html().remove_attribute("data-brand").unwrap();
    for el in [plain, ocean, later] {
        el.remove();
    }
}
