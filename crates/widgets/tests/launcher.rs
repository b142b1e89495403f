//! The launcher in headless Chromium, mounted in a shadow root as the
//! custom elements mount it. Run with wasm-bindgen-test-runner.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::launcher::stories::{sample_document, stories, LauncherStory};
use bandeau_widgets::launcher::Launcher;
use bandeau_widgets::{Lang, NavigateRequest, NavigationState};
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the callbacks received.
#[derive(Default)]
struct Calls {
    navigations: Vec<NavigateRequest>,
    pins: Vec<(String, bool)>,
    retries: usize,
}

struct Setup {
    mounted: Mounted,
    open: RwSignal<bool>,
    lang: RwSignal<Lang>,
    calls: Arc<Mutex<Calls>>,
}

/// Mounts a story. `follow` is what `on_navigate` answers.
fn launcher(story: LauncherStory, follow: bool) -> Setup {
    let calls = Arc::new(Mutex::new(Calls::default()));
    let open = RwSignal::new(false);
    let lang = RwSignal::new(story.lang);
    let (nav_calls, pin_calls, retry_calls) = (calls.clone(), calls.clone(), calls.clone());
    let mounted = mount(move || {
        view! {
            <Launcher
                nav=Signal::stored(story.nav)
                current=Signal::stored(story.current)
                pinned=Signal::stored(story.pinned)
                lang=lang
                on_navigate=Callback::new(move |r| {
                    nav_calls.lock().unwrap().navigations.push(r);
                    follow
                })
                on_pin=Callback::new(move |p| pin_calls.lock().unwrap().pins.push(p))
                on_retry=Some(Callback::new(move |_| retry_calls.lock().unwrap().retries += 1))
                open=open
            />
        }
    });
    Setup {
        mounted,
        open,
        lang,
        calls,
    }
}

fn story(name: &str) -> LauncherStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

async fn opened(name: &str) -> Setup {
    let setup = launcher(story(name), false);
    setup.open.set(true);
    settle().await;
    setup
}

#[wasm_bindgen_test]
async fn every_story_renders_its_state() {
    for story in stories() {
        let name = story.name;
        let lang = story.lang;
        let setup = launcher(story, false);
        setup.open.set(true);
        settle().await;
        let m = &setup.mounted;
        let t = lang.strings();
        let text = m.text();
        assert!(text.contains(t.launcher_button), "{name}: button label");
        match name {
            "loading" => assert!(text.contains(t.loading), "{name}"),
            "failed" => {
                assert!(text.contains(t.load_failed), "{name}");
                assert!(
                    m.find("[role=alert] button.retry").is_some(),
                    "{name}: retry offered"
                );
            }
            "empty" => assert!(text.contains(t.no_apps), "{name}"),
            _ => {
                assert_eq!(m.all("a.app").len(), 6, "{name}: every entry is a tile");
                assert_eq!(
                    m.all(".category").len(),
                    2,
                    "{name}: the empty category is hidden"
                );
            }
        }
    }
}

#[wasm_bindgen_test]
async fn the_panel_is_hidden_until_opened() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    let panel = setup.mounted.get(".panel");
    assert!(panel.hidden());
    assert_eq!(
        attr(&setup.mounted.get(".launcher-button"), "aria-expanded").as_deref(),
        Some("false")
    );
    setup.open.set(true);
    settle().await;
    assert!(!panel.hidden());
    assert_eq!(
        attr(&setup.mounted.get(".launcher-button"), "aria-expanded").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn buro_finds_buero() {
    let setup = opened("ready-de").await;
    type_into(&setup.mounted.get("input.search"), "buro");
    settle().await;
    let names: Vec<String> = setup
        .mounted
        .all(".app .name")
        .iter()
        .map(|n| n.text_content().unwrap())
        .collect();
    assert_eq!(names, ["Büro"]);
}

#[wasm_bindgen_test]
async fn search_matches_keywords_case_insensitively() {
    let setup = opened("ready-de").await;
    let search = setup.mounted.get("input.search");
    type_into(&search, "KALENDER");
    settle().await;
    let names: Vec<String> = setup
        .mounted
        .all(".app .name")
        .iter()
        .map(|n| n.text_content().unwrap())
        .collect();
    assert_eq!(names, ["E-Mail"]);
    type_into(&search, "ablage");
    settle().await;
    let names: Vec<String> = setup
        .mounted
        .all(".app .name")
        .iter()
        .map(|n| n.text_content().unwrap())
        .collect();
    assert_eq!(names, ["Dateien"]);
}

#[wasm_bindgen_test]
async fn a_search_without_hits_says_so() {
    let setup = opened("ready-en").await;
    type_into(&setup.mounted.get("input.search"), "zzzz");
    settle().await;
    assert!(setup.mounted.all("a.app").is_empty());
    assert!(setup
        .mounted
        .get("[role=status]")
        .text_content()
        .unwrap()
        .contains("No app found"));
}

#[wasm_bindgen_test]
async fn enter_on_the_button_opens_and_focuses_the_first_app() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    keyboard_click(&setup.mounted.get(".launcher-button"));
    settle().await;
    assert!(setup.open.get_untracked());
    let first = setup.mounted.get("a.app");
    assert!(
        setup.mounted.is_focused(&first),
        "focus is on {:?}",
        setup.mounted.focused().map(|e| e.outer_html())
    );
}

#[wasm_bindgen_test]
async fn arrow_down_on_the_button_opens_and_focuses_the_first_app() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    let event = key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    assert!(event.default_prevented());
    assert!(setup.open.get_untracked());
    assert!(setup.mounted.is_focused(&setup.mounted.get("a.app")));
}

#[wasm_bindgen_test]
async fn a_pointer_click_opens_with_focus_in_the_search_field() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    pointer_click(&setup.mounted.get(".launcher-button"));
    settle().await;
    assert!(setup.open.get_untracked());
    assert!(setup.mounted.is_focused(&setup.mounted.get("input.search")));
}

#[wasm_bindgen_test]
async fn arrows_home_and_end_move_through_the_grid() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    let apps = setup.mounted.all("a.app");
    let focused_index = || apps.iter().position(|a| setup.mounted.is_focused(a));
    let press = |k: &str| key(&setup.mounted.focused().expect("something has focus"), k);

    press("ArrowRight");
    assert_eq!(focused_index(), Some(1));
    press("ArrowLeft");
    assert_eq!(focused_index(), Some(0));
    press("End");
    assert_eq!(focused_index(), Some(apps.len() - 1));
    press("Home");
    assert_eq!(focused_index(), Some(0));
    // Four tiles fit a row of the 480 px panel: Down moves by a row.
    press("ArrowDown");
    let row = focused_index().unwrap();
    assert!(row > 1, "ArrowDown moves by a row, got {row}");
    press("ArrowUp");
    assert_eq!(focused_index(), Some(0));
}

#[wasm_bindgen_test]
async fn only_one_app_is_a_tab_stop() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    key(&setup.mounted.focused().unwrap(), "ArrowRight");
    settle().await;
    let stops: Vec<usize> = setup
        .mounted
        .all("a.app")
        .iter()
        .enumerate()
        .filter(|(_, a)| a.tab_index() == 0)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(stops, [1]);
}

#[wasm_bindgen_test]
async fn typing_letters_jumps_to_an_app() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    key(&setup.mounted.focused().unwrap(), "p");
    let focused = setup.mounted.focused().unwrap();
    assert!(focused.text_content().unwrap().contains("Projekte"));
}

#[wasm_bindgen_test]
async fn escape_returns_focus_to_the_launcher_button() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    key(&setup.mounted.focused().unwrap(), "Escape");
    settle().await;
    assert!(!setup.open.get_untracked());
    assert!(setup
        .mounted
        .is_focused(&setup.mounted.get(".launcher-button")));
    assert!(setup.mounted.get(".panel").hidden());
}

#[wasm_bindgen_test]
async fn a_press_outside_closes_and_a_press_inside_does_not() {
    let setup = opened("ready-de").await;
    pointer_down(&setup.mounted.get("input.search"));
    assert!(
        setup.open.get_untracked(),
        "inside the shadow root counts as inside"
    );
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

#[wasm_bindgen_test]
async fn the_current_app_is_marked() {
    let setup = opened("ready-de").await;
    let current = setup.mounted.all("a.app[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert!(current[0].text_content().unwrap().contains("Dateien"));
}

#[wasm_bindgen_test]
async fn new_tab_links_are_isolated_and_announced() {
    let setup = opened("ready-en").await;
    let office = setup
        .mounted
        .all("a.app")
        .into_iter()
        .find(|a| a.text_content().unwrap().contains("Büro"))
        .unwrap();
    assert_eq!(attr(&office, "target").as_deref(), Some("_blank"));
    assert_eq!(attr(&office, "rel").as_deref(), Some("noopener noreferrer"));
    assert!(office
        .text_content()
        .unwrap()
        .contains("opens in a new tab"));
    let mail = setup
        .mounted
        .all("a.app")
        .into_iter()
        .find(|a| a.text_content().unwrap().contains("E-Mail"))
        .unwrap();
    assert_eq!(
        attr(&mail, "target").as_deref(),
        Some("tab_groupware"),
        "named targets are honoured"
    );
    assert_eq!(
        attr(&mail, "href").as_deref(),
        Some("https://portal.example.org/appsuite/")
    );
}

#[wasm_bindgen_test]
async fn an_unsafe_link_is_shown_disabled() {
    let setup = opened("ready-de").await;
    let chat = setup
        .mounted
        .all("a.app")
        .into_iter()
        .find(|a| a.text_content().unwrap().contains("Chat"))
        .unwrap();
    assert_eq!(attr(&chat, "href"), None);
    assert_eq!(attr(&chat, "aria-disabled").as_deref(), Some("true"));
    assert!(!setup.mounted.root.inner_html().contains("javascript:"));
}

#[wasm_bindgen_test]
async fn hostile_names_are_text() {
    let setup = opened("ready-de").await;
    assert!(setup.mounted.find("img[src=x]").is_none());
    assert!(setup
        .mounted
        .text()
        .contains("<img src=x onerror=alert(1)>"));
    assert!(setup
        .mounted
        .text()
        .contains("<img src=x onerror=alert(2)>"));
}

#[wasm_bindgen_test]
async fn a_broken_icon_falls_back_to_the_monogram() {
    let setup = opened("ready-de").await;
    let projects = setup
        .mounted
        .all(".tile")
        .into_iter()
        .find(|t| t.text_content().unwrap().contains("Projekte"))
        .unwrap();
    let img = projects
        .query_selector("img")
        .unwrap()
        .expect("the icon is an image first");
    plain_event(&img, "error");
    settle().await;
    assert!(projects.query_selector("img").unwrap().is_none());
    assert_eq!(
        projects
            .query_selector(".monogram")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("P")
    );
}

#[wasm_bindgen_test]
async fn pin_buttons_report_the_app_and_its_new_state() {
    let setup = opened("ready-de").await;
    let pins = setup.mounted.all("button.pin");
    let pressed: Vec<Option<String>> = pins.iter().map(|p| attr(p, "aria-pressed")).collect();
    assert_eq!(pressed[0].as_deref(), Some("true"), "mail is pinned");
    assert_eq!(pressed[1].as_deref(), Some("false"));
    pins[0].click();
    pins[1].click();
    assert_eq!(
        setup.calls.lock().unwrap().pins,
        [("mail".to_owned(), false), ("files".to_owned(), true)]
    );
}

#[wasm_bindgen_test]
async fn a_click_asks_before_following_and_can_be_cancelled() {
    let setup = opened("ready-de").await;
    let files = setup.mounted.all("a.app")[1].clone();
    let event = pointer_click(&files);
    assert!(event.default_prevented(), "on_navigate answered false");
    let calls = setup.calls.lock().unwrap();
    assert_eq!(calls.navigations.len(), 1);
    assert_eq!(calls.navigations[0].identifier, "files");
    assert_eq!(
        calls.navigations[0].link,
        "https://portal.example.org/files/"
    );
    assert_eq!(calls.navigations[0].target, "_self");
}

#[wasm_bindgen_test]
async fn the_failed_state_offers_a_retry() {
    let setup = opened("failed").await;
    setup.mounted.get("button.retry").click();
    assert_eq!(setup.calls.lock().unwrap().retries, 1);
}

#[wasm_bindgen_test]
async fn strings_follow_the_language() {
    let setup = opened("ready-de").await;
    let search = setup.mounted.get("input.search");
    assert_eq!(
        attr(&search, "aria-label").as_deref(),
        Some("Apps durchsuchen")
    );
    assert!(setup.mounted.text().contains("öffnet in neuem Tab"));
    setup.lang.set(Lang::Fr);
    settle().await;
    assert_eq!(
        attr(&search, "aria-label").as_deref(),
        Some("Rechercher une application")
    );
    assert!(setup
        .mounted
        .text()
        .contains("s’ouvre dans un nouvel onglet"));
    setup.lang.set(Lang::En);
    settle().await;
    assert_eq!(attr(&search, "placeholder").as_deref(), Some("Search"));
    assert!(setup.mounted.text().contains("opens in a new tab"));
}

#[wasm_bindgen_test]
async fn the_document_can_arrive_after_mounting() {
    let nav = RwSignal::new(NavigationState::Loading);
    let open = RwSignal::new(true);
    let mounted = mount(move || {
        view! {
            <Launcher
                nav=nav
                current=Signal::stored(None::<String>)
                pinned=Signal::stored(Vec::new())
                lang=Signal::stored(Lang::De)
                on_navigate=Callback::new(|_| true)
                on_pin=Callback::new(|_| {})
                open=open
            />
        }
    });
    settle().await;
    assert!(mounted.all("a.app").is_empty());
    nav.set(NavigationState::Ready(Arc::new(sample_document())));
    settle().await;
    assert_eq!(mounted.all("a.app").len(), 6);
}

#[wasm_bindgen_test]
async fn focus_leaving_the_launcher_closes_it() {
    let setup = launcher(story("ready-de"), false);
    settle().await;
    key(&setup.mounted.get(".launcher-button"), "ArrowDown");
    settle().await;
    assert!(setup.open.get_untracked());
    // Moving inside (search field) keeps it open.
    setup.mounted.get("input.search").focus().unwrap();
    assert!(setup.open.get_untracked());
    // As Tab does past the last stop: focus goes to the vendor's page.
    let document = web_sys::window().unwrap().document().unwrap();
    let outside: web_sys::HtmlElement = document.create_element("button").unwrap().unchecked_into();
    document.body().unwrap().append_child(&outside).unwrap();
    outside.focus().unwrap();
    assert!(!setup.open.get_untracked());
    outside.remove();
}
