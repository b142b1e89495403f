//! The user menu in headless Chromium, inside a shadow root.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::user_menu::stories::{stories, UserMenuStory};
use bandeau_widgets::user_menu::UserMenu;
use bandeau_widgets::{Action, Lang, Theme};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Setup = Mounted<UserMenu>;

fn user_menu(story: UserMenuStory) -> Setup {
    mount(UserMenu::new(), story.model(), false)
}

fn story(name: &str) -> UserMenuStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

fn opened(name: &str) -> Setup {
    let setup = user_menu(story(name));
    setup.set_open(true);
    setup
}

fn texts(elements: &[web_sys::HtmlElement]) -> Vec<String> {
    elements.iter().map(|e| e.text_content().unwrap()).collect()
}

#[wasm_bindgen_test]
fn every_story_renders() {
    for story in stories() {
        let name = story.name;
        let t = story.lang.strings();
        let user_name = story.user.name.clone();
        let setup = user_menu(story);
        setup.set_open(true);
        let text = setup.text();
        assert!(text.contains(&user_name), "{name}");
        assert!(text.contains(t.logout), "{name}");
        assert!(text.contains(t.language), "{name}");
        assert_eq!(setup.visible("[part=language-option]").len(), 3, "{name}");
        assert_eq!(setup.visible("[part=theme-option]").len(), 4, "{name}");
        assert_eq!(
            attr(&setup.get(".user-panel"), "aria-label").as_deref(),
            Some(t.user_menu),
            "{name}"
        );
        assert!(
            setup
                .get(".user-button")
                .text_content()
                .unwrap()
                .contains(&format!("{}: {user_name}", t.user_menu)),
            "{name}: the button is named"
        );
    }
}

#[wasm_bindgen_test]
fn the_panel_is_hidden_until_opened() {
    let setup = user_menu(story("initials-de"));
    let button = setup.get(".user-button");
    let panel = setup.get(".user-panel");
    assert!(panel.hidden());
    assert_eq!(attr(&button, "aria-expanded").as_deref(), Some("false"));
    assert_eq!(attr(&button, "aria-controls"), attr(&panel, "id"));
    pointer_click(&button);
    assert!(setup.is_open());
    assert!(!panel.hidden());
    assert_eq!(attr(&button, "aria-expanded").as_deref(), Some("true"));
    pointer_click(&button);
    assert!(!setup.is_open(), "a second click closes");
    assert!(panel.hidden());
}

#[wasm_bindgen_test]
async fn initials_stand_in_for_a_missing_or_broken_avatar() {
    let setup = user_menu(story("initials-de"));
    assert_eq!(setup.get(".initials").text_content().as_deref(), Some("JM"));
    assert!(setup.find(".avatar img").is_none());

    let setup = user_menu(story("broken-avatar-fr"));
    let img = setup.get(".avatar img");
    assert_eq!(attr(&img, "alt").as_deref(), Some(""), "decorative");
    // The test server answers the missing image with a 404.
    assert!(
        eventually(|| setup.find(".avatar img").is_none()).await,
        "the broken avatar is replaced"
    );
    assert_eq!(setup.get(".initials").text_content().as_deref(), Some("JM"));
}

#[wasm_bindgen_test]
fn hostile_names_are_text() {
    let setup = opened("hostile-name-no-links");
    assert!(setup.find("img[src=x]").is_none());
    assert!(setup.find("b").is_none());
    assert!(setup.text().contains("<img src=x onerror=alert(3)>"));
    assert!(setup.text().contains("<b>x</b>@example.org"));
    assert!(
        setup.all("a.item").is_empty(),
        "no profile or settings links without URLs"
    );
}

#[wasm_bindgen_test]
fn links_profile_and_settings() {
    let setup = opened("initials-en-dark");
    let links: Vec<(String, String)> = setup
        .visible("a.item")
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
fn choices_show_the_current_ones_and_report_new_ones() {
    let setup = opened("initials-en-dark");
    let pressed = texts(&setup.all("[aria-pressed=true]"));
    assert_eq!(pressed, ["English", "Dark"]);
    let languages = setup.all("[part=language-option]");
    assert_eq!(texts(&languages), ["Deutsch", "English", "Français"]);
    assert_eq!(attr(&languages[2], "lang").as_deref(), Some("fr"));
    languages[2].click();
    setup.all("[part=theme-option]")[3].click();
    setup.get("[part=logout-button]").click();
    assert_eq!(
        setup.actions(),
        [
            Action::Language(Lang::Fr),
            Action::Theme(Theme::HighContrast),
            Action::Logout
        ]
    );
    // The view shows the embedding's choices, not the clicks.
    assert_eq!(
        texts(&setup.all("[aria-pressed=true]")),
        ["English", "Dark"]
    );
    setup.update(|m| {
        m.lang = Lang::Fr;
        m.theme = Theme::HighContrast;
    });
    assert_eq!(
        texts(&setup.all("[aria-pressed=true]")),
        ["Français", Theme::HighContrast.label(Lang::Fr)]
    );
}

#[wasm_bindgen_test]
fn keyboard_opens_moves_and_escape_returns_focus() {
    let setup = user_menu(story("initials-de"));
    let button = setup.get(".user-button");
    let event = key(&button, "ArrowDown");
    assert!(event.default_prevented());
    assert!(setup.is_open());
    let items = setup.all("[data-roving]");
    assert!(
        setup.is_focused(&items[0]),
        "first item focused, not {}",
        setup.focus_report()
    );
    assert!(key(&items[0], "ArrowDown").default_prevented());
    assert!(setup.is_focused(&items[1]));
    key(&items[1], "ArrowRight");
    assert!(
        setup.is_focused(&items[2]),
        "a row of buttons moves with Right too"
    );
    key(&items[2], "ArrowUp");
    assert!(setup.is_focused(&items[1]));
    key(&items[1], "End");
    assert!(setup.is_focused(&items[items.len() - 1]));
    key(&items[items.len() - 1], "Home");
    assert!(setup.is_focused(&items[0]));
    let event = key(&items[0], "Escape");
    assert!(event.default_prevented());
    assert!(!setup.is_open());
    assert!(setup.is_focused(&button));
}

#[wasm_bindgen_test]
fn enter_on_the_button_opens_with_focus_on_the_first_item() {
    let setup = user_menu(story("initials-de"));
    keyboard_click(&setup.get(".user-button"));
    assert!(setup.is_open());
    let first = setup.get("[data-roving]");
    assert_eq!(
        attr(&first, "part").as_deref(),
        Some("menu-item"),
        "the profile link"
    );
    assert!(
        setup.is_focused(&first),
        "focus is on {}",
        setup.focus_report()
    );
}

#[wasm_bindgen_test]
fn focus_stays_on_the_chosen_language_when_the_menu_is_translated() {
    let setup = opened("initials-de");
    setup.apply.set(true);
    let french = setup.all("[part=language-option]")[2].clone();
    french.focus().unwrap();
    keyboard_click(&french);
    assert_eq!(setup.actions(), [Action::Language(Lang::Fr)]);
    let t = Lang::Fr.strings();
    assert!(setup.text().contains(t.logout), "the menu speaks French");
    let french = setup.all("[part=language-option]")[2].clone();
    assert_eq!(attr(&french, "aria-pressed").as_deref(), Some("true"));
    assert!(
        setup.is_focused(&french),
        "focus is on {}",
        setup.focus_report()
    );
    assert!(setup.is_open());
    // The arrows carry on from there.
    key(&french, "ArrowDown");
    assert!(setup.is_focused(&setup.all("[part=theme-option]")[0]));
}

#[wasm_bindgen_test]
fn a_press_outside_closes() {
    let setup = opened("initials-de");
    pointer_down(&setup.get(".user-panel"));
    assert!(setup.is_open());
    pointer_down(&body());
    assert!(!setup.is_open());
    assert!(setup.get(".user-panel").hidden());
}

#[wasm_bindgen_test]
fn focus_leaving_the_menu_closes_it() {
    let setup = user_menu(story("initials-de"));
    key(&setup.get(".user-button"), "ArrowDown");
    assert!(setup.is_open());
    setup.get("[part=logout-button]").focus().unwrap();
    assert!(setup.is_open(), "moving inside keeps it open");
    let outside: web_sys::HtmlElement = document()
        .create_element("button")
        .unwrap()
        .unchecked_into();
    body().append_child(&outside).unwrap();
    outside.focus().unwrap();
    assert!(!setup.is_open());
    outside.remove();
}
