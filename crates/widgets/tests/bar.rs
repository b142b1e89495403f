//! The bar in headless Chromium, inside a shadow root.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::bar::stories::{stories, BarStory};
use bandeau_widgets::bar::Bar;
use bandeau_widgets::{NavigateRequest, Theme};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn bar(story: BarStory, navigations: Arc<Mutex<Vec<NavigateRequest>>>) -> Mounted {
    mount(move || {
        view! {
            <Bar
                nav=Signal::stored(story.nav)
                current=Signal::stored(story.current)
                pinned=Signal::stored(story.pinned)
                lang=Signal::stored(story.lang)
                theme=Signal::stored(Theme::Auto)
                portal_url=Signal::stored(story.portal_url)
                product_name=Signal::stored(story.product_name)
                user=Signal::stored(story.user)
                on_navigate=Callback::new(move |r| {
                    navigations.lock().unwrap().push(r);
                    false
                })
                on_pin=Callback::new(|_| {})
                on_language=Callback::new(|_| {})
                on_theme=Callback::new(|_| {})
                on_logout=Callback::new(|_| {})
                launcher_open=RwSignal::new(false)
                menu_open=RwSignal::new(false)
            />
        }
    })
}

fn story(name: &str) -> BarStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

#[wasm_bindgen_test]
async fn every_story_renders_the_bar() {
    for story in stories() {
        let name = story.name;
        let has_user = story.user.is_some();
        let m = bar(story, Default::default());
        settle().await;
        assert!(m.find("[part=bar]").is_some(), "{name}");
        assert!(m.find(".launcher-button").is_some(), "{name}");
        assert_eq!(m.find(".user-button").is_some(), has_user, "{name}");
        assert_eq!(
            attr(&m.get("[part=logo]"), "href").as_deref(),
            Some("https://portal.example.org/")
        );
        assert!(m.text().contains("openDesk"), "{name}");
    }
}

#[wasm_bindgen_test]
async fn pinned_apps_are_one_click_links() {
    let navigations = Arc::new(Mutex::new(Vec::new()));
    let m = bar(story("signed-in-de"), navigations.clone());
    settle().await;
    let pinned = m.all("a.pinned-app");
    let names: Vec<String> = pinned.iter().map(pinned_name).collect();
    assert_eq!(names, ["E-Mail", "Büro"]);
    assert_eq!(
        attr(&pinned[1], "rel").as_deref(),
        Some("noopener noreferrer")
    );
    let event = pointer_click(&pinned[0]);
    assert!(event.default_prevented());
    assert_eq!(navigations.lock().unwrap()[0].identifier, "mail");
}

fn pinned_name(a: &web_sys::HtmlElement) -> String {
    a.query_selector(".pinned-name")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn shows_the_current_app_and_vendor_slots() {
    let m = bar(story("signed-in-en"), Default::default());
    settle().await;
    assert!(m
        .get("[part=current-app]")
        .text_content()
        .unwrap()
        .contains("Dateien"));
    assert!(m.find("slot[name=search]").is_some());
    assert!(m.find("slot[name=actions]").is_some());
    assert_eq!(
        attr(&m.get("nav.pinned"), "aria-label").as_deref(),
        Some("Pinned apps")
    );
}

#[wasm_bindgen_test]
async fn a_loading_bar_has_no_current_app_yet() {
    let m = bar(story("loading"), Default::default());
    settle().await;
    assert!(m.find("[part=current-app]").is_none());
    assert!(m.all("a.pinned-app").is_empty());
}

#[wasm_bindgen_test]
async fn under_600_px_the_bar_turns_compact() {
    let m = bar(story("signed-in-de"), Default::default());
    settle().await;
    let position = |m: &Mounted| {
        let name = m.get(".pinned-name");
        web_sys::window()
            .unwrap()
            .get_computed_style(&name)
            .unwrap()
            .unwrap()
            .get_property_value("position")
            .unwrap()
    };
    m.host.style().set_property("width", "900px").unwrap();
    settle().await;
    assert_eq!(position(&m), "static", "names show beside pinned icons");
    m.host.style().set_property("width", "480px").unwrap();
    settle().await;
    assert_eq!(
        position(&m),
        "absolute",
        "names are visually hidden, still read"
    );
}
