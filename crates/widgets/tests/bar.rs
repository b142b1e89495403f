//! The bar in headless Chromium, inside a shadow root.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::bar::stories::{stories, BarStory};
use bandeau_widgets::bar::Bar;
use bandeau_widgets::{Action, Lang, NavigateRequest, Theme};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Setup = Mounted<Bar>;

/// Mounts a story; the embedding cancels every navigation.
fn bar(story: BarStory) -> Setup {
    let mut model = story.model();
    model.theme = Theme::Auto;
    mount(Bar::new(), model, false)
}

fn story(name: &str) -> BarStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

fn pinned_name(a: &web_sys::HtmlElement) -> String {
    a.query_selector(".pinned-name")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
fn every_story_renders_the_bar() {
    for story in stories() {
        let name = story.name;
        let has_user = story.user.is_some();
        let m = bar(story);
        assert!(m.find("[part=bar]").is_some(), "{name}");
        assert_eq!(m.visible(".launcher-button").len(), 1, "{name}");
        assert_eq!(
            m.visible(".user-button").len(),
            usize::from(has_user),
            "{name}: the user menu only with a user"
        );
        assert_eq!(
            attr(&m.get("[part=logo]"), "href").as_deref(),
            Some("https://portal.example.org/")
        );
        assert!(m.text().contains("openDesk"), "{name}");
    }
}

#[wasm_bindgen_test]
fn pinned_apps_are_one_click_links() {
    let m = bar(story("signed-in-de"));
    let pinned = m.visible("a.pinned-app");
    let names: Vec<String> = pinned.iter().map(pinned_name).collect();
    assert_eq!(names, ["E-Mail", "Büro"]);
    assert_eq!(
        attr(&pinned[1], "rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(attr(&pinned[1], "target").as_deref(), Some("_blank"));
    assert!(pinned[1]
        .text_content()
        .unwrap()
        .contains("öffnet in neuem Tab"));
    assert_eq!(
        attr(&pinned[0], "href").as_deref(),
        Some("https://portal.example.org/appsuite/")
    );
    let event = pointer_click(&pinned[0]);
    assert!(event.default_prevented());
    assert_eq!(
        m.actions(),
        [Action::Navigate(NavigateRequest {
            identifier: "mail".to_owned(),
            link: "https://portal.example.org/appsuite/".to_owned(),
            target: "tab_groupware".to_owned(),
        })]
    );
}

#[wasm_bindgen_test]
fn pinned_apps_follow_the_pinned_list() {
    let m = bar(story("signed-in-de"));
    m.update(|model| {
        model.pinned = vec![
            "projects".to_owned(),
            "chat".to_owned(),
            "unknown".to_owned(),
            "files".to_owned(),
        ]
    });
    let pinned = m.visible("a.pinned-app");
    let names: Vec<String> = pinned.iter().map(pinned_name).collect();
    assert_eq!(
        names,
        ["Projekte", "Dateien"],
        "apps without a usable link or unknown ones are left out"
    );
    assert_eq!(
        attr(&pinned[1], "aria-current").as_deref(),
        Some("page"),
        "Dateien is the current app"
    );
    assert_eq!(attr(&pinned[0], "aria-current"), None);
}

#[wasm_bindgen_test]
fn pinning_in_the_launcher_shows_in_the_bar() {
    let m = bar(story("signed-in-de"));
    m.apply.set(true);
    m.set_open(true);
    let projects_pin = m
        .all(".tile")
        .into_iter()
        .find(|t| t.text_content().unwrap().contains("Projekte"))
        .unwrap()
        .query_selector("button.pin")
        .unwrap()
        .unwrap();
    let projects_pin: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(projects_pin);
    projects_pin.click();
    assert_eq!(m.actions(), [Action::Pin("projects".to_owned(), true)]);
    let names: Vec<String> = m.visible("a.pinned-app").iter().map(pinned_name).collect();
    assert_eq!(names, ["E-Mail", "Büro", "Projekte"]);
    assert_eq!(attr(&projects_pin, "aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn shows_the_current_app_and_vendor_slots() {
    let m = bar(story("signed-in-en"));
    let current = m.get("[part=current-app]");
    assert!(is_visible(&current));
    assert!(current.text_content().unwrap().contains("Dateien"));
    assert!(current.text_content().unwrap().contains("Current app"));
    assert!(m.find("slot[name=search]").is_some());
    assert!(m.find("slot[name=actions]").is_some());
    assert_eq!(
        attr(&m.get("nav.pinned"), "aria-label").as_deref(),
        Some("Pinned apps")
    );
}

#[wasm_bindgen_test]
fn a_loading_bar_has_no_current_app_yet() {
    let m = bar(story("loading"));
    assert!(m.visible("[part=current-app]").is_empty());
    assert!(m.all("a.pinned-app").is_empty());
    // The document arrives: the current app and the pins show up.
    let ready = story("signed-in-de").model();
    m.update(|model| {
        model.nav = ready.nav.clone();
        model.current = Some("files".to_owned());
    });
    assert!(m
        .visible("[part=current-app]")
        .first()
        .is_some_and(|c| c.text_content().unwrap().contains("Dateien")));
    assert_eq!(m.visible("a.pinned-app").len(), 2);
}

#[wasm_bindgen_test]
fn strings_follow_the_language() {
    let m = bar(story("signed-in-de"));
    assert_eq!(
        attr(&m.get("nav.pinned"), "aria-label").as_deref(),
        Some(Lang::De.strings().pinned_apps)
    );
    m.update(|model| model.lang = Lang::Fr);
    let t = Lang::Fr.strings();
    assert_eq!(
        attr(&m.get("nav.pinned"), "aria-label").as_deref(),
        Some(t.pinned_apps)
    );
    let text = m.text();
    assert!(text.contains(t.portal), "the logo's label");
    assert!(text.contains(t.current_app));
    assert!(text.contains(t.launcher_button));
    assert!(text.contains(t.user_menu));
    assert!(!text.contains(Lang::De.strings().pinned_apps));
}

#[wasm_bindgen_test]
fn choosing_a_language_in_the_user_menu_translates_the_bar_and_keeps_focus() {
    let m = bar(story("signed-in-de"));
    m.apply.set(true);
    keyboard_click(&m.get(".user-button"));
    assert!(!m.get(".user-panel").hidden());
    let english = m.all("[part=language-option]")[1].clone();
    english.focus().unwrap();
    keyboard_click(&english);
    assert_eq!(m.actions(), [Action::Language(Lang::En)]);
    assert_eq!(
        attr(&m.get("nav.pinned"), "aria-label").as_deref(),
        Some(Lang::En.strings().pinned_apps),
        "the bar speaks English"
    );
    assert!(m.text().contains(Lang::En.strings().launcher_button));
    let english = m.all("[part=language-option]")[1].clone();
    assert!(m.is_focused(&english), "focus is on {}", m.focus_report());
    assert!(!m.get(".user-panel").hidden(), "the menu stays open");
}

#[wasm_bindgen_test]
fn one_popup_at_a_time_and_close_closes_both() {
    let m = bar(story("signed-in-de"));
    keyboard_click(&m.get(".launcher-button"));
    assert!(m.is_open());
    // Pressing the user button is a press outside the launcher.
    let user_button = m.get(".user-button");
    pointer_down(&user_button);
    pointer_click(&user_button);
    assert!(!m.is_open(), "the launcher closed");
    assert!(!m.get(".user-panel").hidden());
    assert!(m.get(".panel").hidden());
    m.set_open(false);
    assert!(
        m.get(".user-panel").hidden(),
        "close() closes the user menu too"
    );
    m.set_open(true);
    assert!(!m.get(".panel").hidden(), "open() opens the launcher");
}

#[wasm_bindgen_test]
fn a_followed_navigation_closes_the_launcher() {
    let m = bar(story("signed-in-de"));
    m.follow.set(true);
    let guard = ClickGuard::new(&m.host);
    m.set_open(true);
    let files = m
        .all("a.app")
        .into_iter()
        .find(|a| a.text_content().unwrap().contains("Dateien"))
        .unwrap();
    pointer_click(&files);
    assert_eq!(guard.prevented_by_view(), [false]);
    assert!(!m.is_open());
    assert!(m.get(".panel").hidden());
}

#[wasm_bindgen_test]
async fn under_600_px_the_bar_turns_compact() {
    let m = bar(story("signed-in-de"));
    let position = |m: &Setup| {
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
