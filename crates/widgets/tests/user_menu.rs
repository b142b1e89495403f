//! The user menu in headless Chromium, inside a shadow root.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::user_menu::stories::{stories, UserMenuStory};
use bandeau_widgets::user_menu::UserMenu;
use bandeau_widgets::{Lang, Theme};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Default)]
struct Calls {
    languages: Vec<Lang>,
    themes: Vec<Theme>,
    logouts: usize,
}

struct Setup {
    mounted: Mounted,
    open: RwSignal<bool>,
    calls: Arc<Mutex<Calls>>,
}

fn user_menu(story: UserMenuStory) -> Setup {
    let calls = Arc::new(Mutex::new(Calls::default()));
    let open = RwSignal::new(false);
    let (a, b, c) = (calls.clone(), calls.clone(), calls.clone());
    let mounted = mount(move || {
        view! {
            <UserMenu
                user=Signal::stored(story.user)
                lang=Signal::stored(story.lang)
                theme=Signal::stored(story.theme)
                on_language=Callback::new(move |l| a.lock().unwrap().languages.push(l))
                on_theme=Callback::new(move |t| b.lock().unwrap().themes.push(t))
                on_logout=Callback::new(move |_| c.lock().unwrap().logouts += 1)
                open=open
            />
        }
    });
    Setup {
        mounted,
        open,
        calls,
    }
}

fn story(name: &str) -> UserMenuStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

#[wasm_bindgen_test]
async fn every_story_renders() {
    for story in stories() {
        let name = story.name;
        let t = story.lang.strings();
        let user_name = story.user.name.clone();
        let setup = user_menu(story);
        setup.open.set(true);
        settle().await;
        let text = setup.mounted.text();
        assert!(text.contains(&user_name), "{name}");
        assert!(text.contains(t.logout), "{name}");
        assert!(text.contains(t.language), "{name}");
        assert_eq!(
            setup.mounted.all("[part=language-option]").len(),
            3,
            "{name}"
        );
        assert_eq!(setup.mounted.all("[part=theme-option]").len(), 4, "{name}");
    }
}

#[wasm_bindgen_test]
async fn initials_stand_in_for_a_missing_or_broken_avatar() {
    let setup = user_menu(story("initials-de"));
    settle().await;
    assert_eq!(
        setup.mounted.get(".initials").text_content().as_deref(),
        Some("JM")
    );

    let setup = user_menu(story("broken-avatar-fr"));
    settle().await;
    // The test server answers the missing image with a 404 that may
    // already have arrived; otherwise the failure is simulated.
    if let Some(img) = setup.mounted.find(".avatar img") {
        plain_event(&img, "error");
        settle().await;
    }
    assert!(setup.mounted.find(".avatar img").is_none());
    assert!(setup.mounted.find(".initials").is_some());
}

#[wasm_bindgen_test]
async fn hostile_names_are_text() {
    let setup = user_menu(story("hostile-name-no-links"));
    setup.open.set(true);
    settle().await;
    assert!(setup.mounted.find("img[src=x]").is_none());
    assert!(setup.mounted.find("b").is_none());
    assert!(setup
        .mounted
        .text()
        .contains("<img src=x onerror=alert(3)>"));
    assert!(
        setup.mounted.all("a.item").is_empty(),
        "no profile or settings links without URLs"
    );
}

#[wasm_bindgen_test]
async fn links_profile_and_settings() {
    let setup = user_menu(story("initials-en-dark"));
    setup.open.set(true);
    settle().await;
    let links: Vec<(String, String)> = setup
        .mounted
        .all("a.item")
        .iter()
        .map(|a| (a.text_content().unwrap(), attr(a, "href").unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "Profile".to_owned(),
                "https://portal.example.org/profile".to_owned()
            ),
            (
                "Settings".to_owned(),
                "https://portal.example.org/settings".to_owned()
            ),
        ]
    );
}

#[wasm_bindgen_test]
async fn choices_show_the_current_ones_and_report_new_ones() {
    let setup = user_menu(story("initials-en-dark"));
    setup.open.set(true);
    settle().await;
    let pressed: Vec<String> = setup
        .mounted
        .all("[aria-pressed=true]")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(pressed, ["English", "Dark"]);
    setup.mounted.all("[part=language-option]")[2].click();
    setup.mounted.all("[part=theme-option]")[3].click();
    setup.mounted.get("[part=logout-button]").click();
    let calls = setup.calls.lock().unwrap();
    assert_eq!(calls.languages, [Lang::Fr]);
    assert_eq!(calls.themes, [Theme::HighContrast]);
    assert_eq!(calls.logouts, 1);
}

#[wasm_bindgen_test]
async fn keyboard_opens_moves_and_escape_returns_focus() {
    let setup = user_menu(story("initials-de"));
    settle().await;
    let button = setup.mounted.get(".user-button");
    key(&button, "ArrowDown");
    settle().await;
    assert!(setup.open.get_untracked());
    let items = setup.mounted.all("[data-roving]");
    assert!(setup.mounted.is_focused(&items[0]), "first item focused");
    key(&items[0], "ArrowDown");
    assert!(setup.mounted.is_focused(&items[1]));
    key(&items[1], "End");
    assert!(setup.mounted.is_focused(&items[items.len() - 1]));
    key(&items[items.len() - 1], "Escape");
    settle().await;
    assert!(!setup.open.get_untracked());
    assert!(setup.mounted.is_focused(&button));
}

#[wasm_bindgen_test]
async fn a_press_outside_closes() {
    let setup = user_menu(story("initials-de"));
    setup.open.set(true);
    settle().await;
    pointer_down(&setup.mounted.get(".user-panel"));
    assert!(setup.open.get_untracked());
    pointer_down(
        &web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .body()
            .unwrap(),
    );
    assert!(!setup.open.get_untracked());
}
