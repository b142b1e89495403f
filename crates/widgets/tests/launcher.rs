//! The launcher in headless Chromium, mounted in a shadow root as the
//! custom elements mount it. Run with wasm-bindgen-test-runner.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::launcher::stories::{sample_document, stories, LauncherStory};
use bandeau_widgets::launcher::Launcher;
use bandeau_widgets::{Action, Lang, Model, NavigateRequest, NavigationState};
use std::sync::Arc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Setup = Mounted<Launcher>;

/// Mounts a story. `follow` is what the embedding answers to a navigation.
fn launcher(story: LauncherStory, follow: bool) -> Setup {
    mount(Launcher::new(), story.model(), follow)
}

fn story(name: &str) -> LauncherStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

fn opened(name: &str) -> Setup {
    let setup = launcher(story(name), false);
    setup.set_open(true);
    setup
}

/// Opens with ArrowDown on the button, as a keyboard user does.
fn opened_by_keyboard(name: &str) -> Setup {
    let setup = launcher(story(name), false);
    key(&setup.get(".launcher-button"), "ArrowDown");
    setup
}

fn names(elements: &[web_sys::HtmlElement]) -> Vec<String> {
    elements.iter().map(|n| n.text_content().unwrap()).collect()
}

/// The names of the apps a person can see.
fn visible_names(setup: &Setup) -> Vec<String> {
    names(&setup.visible(".app .name"))
}

fn app_named(setup: &Setup, name: &str) -> web_sys::HtmlElement {
    setup
        .all("a.app")
        .into_iter()
        .find(|a| a.text_content().unwrap().contains(name))
        .unwrap_or_else(|| panic!("an app named {name}"))
}

fn press_on_focused(setup: &Setup, k: &str) -> web_sys::KeyboardEvent {
    key(&setup.focused().expect("something has focus"), k)
}

/// The apps that are Tab stops: laid out, with `tabindex` 0.
fn tab_stops(setup: &Setup) -> Vec<String> {
    setup
        .visible("a.app")
        .iter()
        .filter(|a| a.tab_index() == 0)
        .map(|a| {
            a.query_selector(".name")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect()
}

fn pin_of(setup: &Setup, name: &str) -> web_sys::HtmlElement {
    app_named(setup, name)
        .parent_element()
        .unwrap()
        .query_selector("button.pin")
        .unwrap()
        .expect("the app has a pin button")
        .unchecked_into()
}

#[wasm_bindgen_test]
fn every_story_renders_its_state() {
    for story in stories() {
        let name = story.name;
        let lang = story.lang;
        let setup = launcher(story, false);
        setup.set_open(true);
        let t = lang.strings();
        let text = setup.text();
        assert!(text.contains(t.launcher_button), "{name}: button label");
        let states = names(&setup.visible("[part=state]"));
        match name {
            "loading" => assert_eq!(states, [t.loading], "{name}"),
            "failed" => {
                assert!(states[0].contains(t.load_failed), "{name}");
                assert!(
                    setup.find("[role=alert] button.retry").is_some(),
                    "{name}: retry offered"
                );
            }
            "empty" => assert_eq!(states, [t.no_apps], "{name}"),
            _ => {
                assert_eq!(
                    setup.visible("a.app").len(),
                    6,
                    "{name}: every entry is a tile"
                );
                assert_eq!(
                    setup.visible(".category").len(),
                    2,
                    "{name}: the empty category is hidden"
                );
                assert!(
                    states.is_empty(),
                    "{name}: no state text shows, got {states:?}"
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn the_panel_is_hidden_until_opened() {
    let setup = launcher(story("ready-de"), false);
    let panel = setup.get(".panel");
    assert!(panel.hidden());
    assert!(!setup.is_open());
    assert_eq!(
        attr(&setup.get(".launcher-button"), "aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        attr(&setup.get(".launcher-button"), "aria-controls"),
        attr(&panel, "id"),
        "the button names its panel"
    );
    assert_eq!(attr(&panel, "role").as_deref(), Some("dialog"));
    setup.set_open(true);
    assert!(!panel.hidden());
    assert_eq!(
        attr(&setup.get(".launcher-button"), "aria-expanded").as_deref(),
        Some("true")
    );
    setup.set_open(false);
    assert!(panel.hidden());
}

#[wasm_bindgen_test]
fn buro_finds_buero() {
    let setup = opened("ready-de");
    type_into(&setup.get("input.search"), "buro");
    assert_eq!(visible_names(&setup), ["Büro"]);
}

#[wasm_bindgen_test]
fn search_matches_keywords_case_insensitively() {
    let setup = opened("ready-de");
    let search = setup.get("input.search");
    type_into(&search, "KALENDER");
    assert_eq!(visible_names(&setup), ["E-Mail"]);
    type_into(&search, "ablage");
    assert_eq!(visible_names(&setup), ["Dateien"]);
}

#[wasm_bindgen_test]
fn a_search_without_hits_says_so() {
    let setup = opened("ready-en");
    assert!(
        setup.visible("[role=status]").is_empty(),
        "nothing to say before searching"
    );
    type_into(&setup.get("input.search"), "zzzz");
    assert!(setup.visible("a.app").is_empty());
    let status = setup.visible("[role=status]");
    assert_eq!(status.len(), 1);
    assert!(status[0].text_content().unwrap().contains("No app found"));
}

#[wasm_bindgen_test]
fn the_search_hides_empty_categories_and_brings_everything_back() {
    let setup = opened("ready-de");
    let search = setup.get("input.search");
    let categories = |setup: &Setup| names(&setup.visible(".category-name"));
    type_into(&search, "projekte");
    assert_eq!(visible_names(&setup), ["Projekte"]);
    assert_eq!(
        categories(&setup),
        ["<img src=x onerror=alert(1)>"],
        "a category without hits is hidden"
    );
    type_into(&search, "datei");
    assert_eq!(visible_names(&setup), ["Dateien"]);
    assert_eq!(categories(&setup), ["Produktivität"]);
    type_into(&search, "zzzz");
    assert!(categories(&setup).is_empty());
    type_into(&search, "");
    assert_eq!(visible_names(&setup).len(), 6);
    assert_eq!(categories(&setup).len(), 2);
    assert!(
        setup.visible("[role=status]").is_empty(),
        "the no-results text goes again"
    );
}

#[wasm_bindgen_test]
fn enter_on_the_button_opens_and_focuses_the_first_app() {
    let setup = launcher(story("ready-de"), false);
    keyboard_click(&setup.get(".launcher-button"));
    assert!(setup.is_open());
    let first = setup.get("a.app");
    assert!(
        setup.is_focused(&first),
        "focus is on {}",
        setup.focus_report()
    );
}

#[wasm_bindgen_test]
fn arrow_down_on_the_button_opens_and_focuses_the_first_app() {
    let setup = launcher(story("ready-de"), false);
    let event = key(&setup.get(".launcher-button"), "ArrowDown");
    assert!(event.default_prevented());
    assert!(setup.is_open());
    assert!(
        setup.is_focused(&setup.get("a.app")),
        "focus is on {}",
        setup.focus_report()
    );
}

#[wasm_bindgen_test]
fn a_pointer_click_opens_with_focus_in_the_search_field() {
    let setup = launcher(story("ready-de"), false);
    pointer_click(&setup.get(".launcher-button"));
    assert!(setup.is_open());
    assert!(setup.is_focused(&setup.get("input.search")));
    pointer_click(&setup.get(".launcher-button"));
    assert!(!setup.is_open(), "a second click closes");
}

#[wasm_bindgen_test]
fn arrow_down_in_the_search_field_moves_to_the_first_app() {
    let setup = launcher(story("ready-de"), false);
    pointer_click(&setup.get(".launcher-button"));
    let event = key(&setup.get("input.search"), "ArrowDown");
    assert!(event.default_prevented());
    assert!(
        setup.is_focused(&setup.get("a.app")),
        "focus is on {}",
        setup.focus_report()
    );
}

#[wasm_bindgen_test]
fn arrows_home_and_end_move_through_the_grid() {
    let setup = opened_by_keyboard("ready-de");
    let apps = setup.all("a.app");
    let focused_index = || apps.iter().position(|a| setup.is_focused(a));
    let press = |k: &str| press_on_focused(&setup, k);

    assert!(press("ArrowRight").default_prevented());
    assert_eq!(focused_index(), Some(1));
    press("ArrowLeft");
    assert_eq!(focused_index(), Some(0));
    press("End");
    assert_eq!(focused_index(), Some(apps.len() - 1));
    press("Home");
    assert_eq!(focused_index(), Some(0));
    // Down moves to the next row, whatever the layout: below the first
    // app, with no app in a row between.
    press("ArrowDown");
    let row = focused_index().unwrap();
    let top = |i: usize| apps[i].get_bounding_client_rect().top();
    assert!(top(row) > top(0) + 1.0, "ArrowDown moves down, got {row}");
    assert!(
        (0..apps.len()).all(|i| !(top(i) > top(0) + 1.0 && top(i) < top(row) - 1.0)),
        "ArrowDown skipped a row, got {row}"
    );
    press("ArrowUp");
    assert_eq!(focused_index(), Some(0));
}

#[wasm_bindgen_test]
fn only_one_app_is_a_tab_stop() {
    let setup = opened_by_keyboard("ready-de");
    assert_eq!(tab_stops(&setup), ["E-Mail"]);
    press_on_focused(&setup, "ArrowRight");
    let stops: Vec<usize> = setup
        .all("a.app")
        .iter()
        .enumerate()
        .filter(|(_, a)| a.tab_index() == 0)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(stops, [1]);
    // The pin button of the active app follows it in the Tab order.
    let pin_stops: Vec<usize> = setup
        .all("button.pin")
        .iter()
        .enumerate()
        .filter(|(_, p)| p.tab_index() == 0)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(pin_stops, [1]);
}

#[wasm_bindgen_test]
fn focusing_an_app_makes_it_the_tab_stop() {
    let setup = opened("ready-de");
    app_named(&setup, "Projekte").focus().unwrap();
    assert_eq!(tab_stops(&setup), ["Projekte"]);
}

#[wasm_bindgen_test]
fn only_one_app_is_a_tab_stop_after_filtering() {
    let setup = opened_by_keyboard("ready-de");
    press_on_focused(&setup, "End");
    assert_eq!(tab_stops(&setup), ["Projekte"]);
    let search = setup.get("input.search");
    search.focus().unwrap();
    // Dateien, Büro (keyword "Texte") and Projekte.
    type_into(&search, "te");
    assert_eq!(visible_names(&setup), ["Dateien", "Büro", "Projekte"]);
    assert_eq!(
        tab_stops(&setup),
        ["Dateien"],
        "the first app found is the one stop"
    );
    type_into(&search, "");
    assert_eq!(tab_stops(&setup), ["E-Mail"]);
}

#[wasm_bindgen_test]
fn hidden_apps_are_skipped_by_the_arrow_keys() {
    let setup = opened("ready-de");
    let search = setup.get("input.search");
    search.focus().unwrap();
    type_into(&search, "te");
    key(&search, "ArrowDown");
    let focused_name = || {
        setup
            .focused()
            .and_then(|f| f.query_selector(".name").ok().flatten())
            .and_then(|n| n.text_content())
    };
    assert_eq!(focused_name().as_deref(), Some("Dateien"));
    press_on_focused(&setup, "ArrowRight");
    assert_eq!(focused_name().as_deref(), Some("Büro"));
    press_on_focused(&setup, "ArrowRight");
    assert_eq!(
        focused_name().as_deref(),
        Some("Projekte"),
        "Chat and the hostile entry are hidden, so skipped"
    );
    press_on_focused(&setup, "ArrowRight");
    assert_eq!(
        focused_name().as_deref(),
        Some("Projekte"),
        "stops at the end"
    );
    press_on_focused(&setup, "Home");
    assert_eq!(focused_name().as_deref(), Some("Dateien"));
    press_on_focused(&setup, "End");
    assert_eq!(focused_name().as_deref(), Some("Projekte"));
    // Type-ahead only finds apps that are shown.
    let event = press_on_focused(&setup, "e");
    assert!(!event.default_prevented(), "nothing shown starts with E");
    assert_eq!(
        focused_name().as_deref(),
        Some("Projekte"),
        "E-Mail is hidden"
    );
}

#[wasm_bindgen_test]
fn typing_letters_jumps_to_an_app() {
    let setup = opened_by_keyboard("ready-de");
    let event = press_on_focused(&setup, "p");
    assert!(event.default_prevented());
    let focused = setup.focused().unwrap();
    assert!(focused.text_content().unwrap().contains("Projekte"));
    assert_eq!(tab_stops(&setup), ["Projekte"]);
}

#[wasm_bindgen_test]
fn escape_returns_focus_to_the_launcher_button() {
    let setup = opened_by_keyboard("ready-de");
    let event = press_on_focused(&setup, "Escape");
    assert!(event.default_prevented());
    assert!(!setup.is_open());
    assert!(setup.is_focused(&setup.get(".launcher-button")));
    assert!(setup.get(".panel").hidden());
    assert_eq!(
        attr(&setup.get(".launcher-button"), "aria-expanded").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
fn escape_in_the_search_field_closes_too() {
    let setup = launcher(story("ready-de"), false);
    pointer_click(&setup.get(".launcher-button"));
    key(&setup.get("input.search"), "Escape");
    assert!(!setup.is_open());
    assert!(setup.is_focused(&setup.get(".launcher-button")));
}

#[wasm_bindgen_test]
fn a_press_outside_closes_and_a_press_inside_does_not() {
    let setup = opened("ready-de");
    pointer_down(&setup.get("input.search"));
    assert!(setup.is_open(), "inside the shadow root counts as inside");
    pointer_down(&body());
    assert!(!setup.is_open());
    assert!(setup.get(".panel").hidden());
}

#[wasm_bindgen_test]
fn the_current_app_is_marked() {
    let setup = opened("ready-de");
    let current = setup.all("a.app[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert!(current[0].text_content().unwrap().contains("Dateien"));
    setup.update(|m| m.current = Some("projects".to_owned()));
    let current = setup.all("a.app[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert!(current[0].text_content().unwrap().contains("Projekte"));
}

#[wasm_bindgen_test]
fn new_tab_links_are_isolated_and_announced() {
    let setup = opened("ready-en");
    let office = app_named(&setup, "Büro");
    assert_eq!(attr(&office, "target").as_deref(), Some("_blank"));
    assert_eq!(attr(&office, "rel").as_deref(), Some("noopener noreferrer"));
    assert!(office
        .text_content()
        .unwrap()
        .contains("opens in a new tab"));
    let mail = app_named(&setup, "E-Mail");
    assert_eq!(
        attr(&mail, "target").as_deref(),
        Some("tab_groupware"),
        "named targets are honoured"
    );
    assert_eq!(
        attr(&mail, "href").as_deref(),
        Some("https://portal.example.org/appsuite/")
    );
    let files = app_named(&setup, "Dateien");
    assert_eq!(attr(&files, "rel"), None);
    assert!(!files.text_content().unwrap().contains("opens in a new tab"));
}

#[wasm_bindgen_test]
fn an_unsafe_link_is_shown_disabled() {
    let setup = opened("ready-de");
    let chat = app_named(&setup, "Chat");
    assert_eq!(attr(&chat, "href"), None);
    assert_eq!(attr(&chat, "aria-disabled").as_deref(), Some("true"));
    assert!(!setup.root.inner_html().contains("javascript:"));
    let event = pointer_click(&chat);
    assert!(event.default_prevented(), "a click goes nowhere");
    assert!(setup.actions().is_empty());
    let tile = chat.parent_element().unwrap();
    assert!(
        tile.query_selector("button.pin").unwrap().is_none(),
        "nothing to pin without a link"
    );
}

#[wasm_bindgen_test]
fn hostile_names_are_text() {
    let setup = opened("ready-de");
    assert!(setup.find("img[src=x]").is_none());
    assert!(setup.text().contains("<img src=x onerror=alert(1)>"));
    assert!(setup.text().contains("<img src=x onerror=alert(2)>"));
    assert!(
        pin_of(&setup, "onerror=alert(2)")
            .text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(2)>"),
        "the pin button's label too"
    );
}

#[wasm_bindgen_test]
fn hostile_identifiers_stay_data() {
    // Identifiers reach attribute values and the focus-keeping selector.
    let json = bandeau_widgets::launcher::stories::SAMPLE_JSON.replace(
        "\"identifier\": \"files\"",
        "\"identifier\": \"fi\\\"]les\\\\ <b>\"",
    );
    let doc = bandeau_navigation::parse(&json, bandeau_widgets::launcher::stories::BASE, "de")
        .unwrap()
        .0;
    let model = Model {
        nav: NavigationState::Ready(Arc::new(doc)),
        ..Model::default()
    };
    let setup = mount(Launcher::new(), model, false);
    setup.set_open(true);
    assert!(setup.find("b").is_none());
    let pin = pin_of(&setup, "Dateien");
    pin.focus().unwrap();
    pin.click();
    assert_eq!(
        setup.actions(),
        [Action::Pin("fi\"]les\\ <b>".to_owned(), true)]
    );
    setup.update(|m| {
        m.pinned = vec!["fi\"]les\\ <b>".to_owned()];
        m.lang = Lang::En;
    });
    let pin = pin_of(&setup, "Dateien");
    assert_eq!(attr(&pin, "aria-pressed").as_deref(), Some("true"));
    assert!(
        setup.is_focused(&pin),
        "focus is on {}",
        setup.focus_report()
    );
}

#[wasm_bindgen_test]
async fn a_broken_icon_falls_back_to_the_monogram() {
    let setup = opened("ready-de");
    let projects = setup
        .all(".tile")
        .into_iter()
        .find(|t| t.text_content().unwrap().contains("Projekte"))
        .unwrap();
    let img = projects
        .query_selector("img")
        .unwrap()
        .expect("the icon is an image first");
    assert_eq!(attr(&img, "alt").as_deref(), Some(""), "decorative");
    plain_event(&img, "error");
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
    // A real failure, from the network: the `data:` URL does not decode to
    // an image.
    let office = setup
        .all(".tile")
        .into_iter()
        .find(|t| t.text_content().unwrap().contains("Büro"))
        .unwrap();
    assert!(
        eventually(|| office.query_selector("img").unwrap().is_none()).await,
        "the broken image is replaced"
    );
    assert_eq!(
        office
            .query_selector(".monogram")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("B")
    );
}

#[wasm_bindgen_test]
fn pin_buttons_report_the_app_and_its_new_state() {
    let setup = opened("ready-de");
    let pins = setup.all("button.pin");
    let pressed: Vec<Option<String>> = pins.iter().map(|p| attr(p, "aria-pressed")).collect();
    assert_eq!(pressed[0].as_deref(), Some("true"), "mail is pinned");
    assert_eq!(pressed[1].as_deref(), Some("false"));
    pins[0].click();
    pins[1].click();
    assert_eq!(
        setup.actions(),
        [
            Action::Pin("mail".to_owned(), false),
            Action::Pin("files".to_owned(), true)
        ]
    );
    // The view shows what the embedding decides, not what was clicked.
    assert_eq!(attr(&pins[0], "aria-pressed").as_deref(), Some("true"));
    assert_eq!(attr(&pins[1], "aria-pressed").as_deref(), Some("false"));
    setup.update(|m| m.pinned = vec!["files".to_owned()]);
    assert_eq!(attr(&pins[0], "aria-pressed").as_deref(), Some("false"));
    assert_eq!(attr(&pins[1], "aria-pressed").as_deref(), Some("true"));
    assert_eq!(
        pins[1].text_content().as_deref().map(|t| t.contains('★')),
        Some(true)
    );
    assert_eq!(
        pins[0].text_content().as_deref().map(|t| t.contains('☆')),
        Some(true)
    );
}

#[wasm_bindgen_test]
fn a_pin_applied_by_the_embedding_keeps_focus_on_its_button() {
    let setup = opened("ready-de");
    setup.apply.set(true);
    let pin = pin_of(&setup, "Projekte");
    pin.focus().unwrap();
    keyboard_click(&pin);
    assert_eq!(setup.actions(), [Action::Pin("projects".to_owned(), true)]);
    assert_eq!(setup.model().pinned, ["mail", "projects"]);
    let pin = pin_of(&setup, "Projekte");
    assert_eq!(attr(&pin, "aria-pressed").as_deref(), Some("true"));
    assert!(
        setup.is_focused(&pin),
        "focus is on {}",
        setup.focus_report()
    );
    assert!(setup.is_open());
}

#[wasm_bindgen_test]
fn a_click_asks_before_following_and_can_be_cancelled() {
    let setup = opened("ready-de");
    let files = setup.all("a.app")[1].clone();
    let event = pointer_click(&files);
    assert!(event.default_prevented(), "the embedding answered false");
    assert_eq!(
        setup.actions(),
        [Action::Navigate(NavigateRequest {
            identifier: "files".to_owned(),
            link: "https://portal.example.org/files/".to_owned(),
            target: "_self".to_owned(),
        })]
    );
    assert!(
        setup.is_open(),
        "a cancelled navigation leaves the panel open"
    );
}

#[wasm_bindgen_test]
fn a_followed_click_closes_the_launcher() {
    let setup = launcher(story("ready-de"), true);
    setup.set_open(true);
    let guard = ClickGuard::new(&setup.host);
    pointer_click(&app_named(&setup, "Projekte"));
    assert_eq!(guard.prevented_by_view(), [false], "the link is followed");
    assert_eq!(setup.actions().len(), 1);
    assert!(!setup.is_open());
}

#[wasm_bindgen_test]
fn modified_clicks_are_left_to_the_browser() {
    let setup = opened("ready-de");
    let guard = ClickGuard::new(&setup.host);
    modified_click(&app_named(&setup, "Dateien"));
    assert_eq!(
        guard.prevented_by_view(),
        [false],
        "the browser opens a tab"
    );
    assert!(setup.actions().is_empty(), "no navigation asked for");
    assert!(setup.is_open());
}

#[wasm_bindgen_test]
fn the_failed_state_offers_a_retry() {
    let setup = opened("failed");
    setup.get("button.retry").click();
    assert_eq!(setup.actions(), [Action::Retry]);
    setup.update(|m| m.can_retry = false);
    assert!(
        setup.find("button.retry").is_none(),
        "no retry when none is possible"
    );
    assert!(setup.text().contains(Lang::De.strings().load_failed));
}

#[wasm_bindgen_test]
fn strings_follow_the_language() {
    let setup = opened("ready-de");
    let search = setup.get("input.search");
    assert_eq!(
        attr(&search, "aria-label").as_deref(),
        Some("Apps durchsuchen")
    );
    assert!(setup.text().contains("öffnet in neuem Tab"));
    setup.update(|m| m.lang = Lang::Fr);
    assert_eq!(
        attr(&search, "aria-label").as_deref(),
        Some("Rechercher une application")
    );
    assert!(setup.text().contains("s’ouvre dans un nouvel onglet"));
    assert!(!setup.text().contains("öffnet in neuem Tab"));
    setup.update(|m| m.lang = Lang::En);
    assert_eq!(attr(&search, "placeholder").as_deref(), Some("Search"));
    assert!(setup.text().contains("opens in a new tab"));
    assert!(setup.text().contains(Lang::En.strings().launcher_button));
    assert_eq!(
        attr(&setup.get(".panel"), "aria-label").as_deref(),
        Some(Lang::En.strings().launcher_panel)
    );
}

#[wasm_bindgen_test]
fn focus_stays_on_the_same_app_after_a_language_change() {
    let setup = opened_by_keyboard("ready-de");
    press_on_focused(&setup, "ArrowRight");
    let before = setup.focused().unwrap();
    assert!(before.text_content().unwrap().contains("Dateien"));
    setup.update(|m| m.lang = Lang::En);
    assert!(setup.text().contains("opens in a new tab"), "re-rendered");
    let after = setup.focused().expect("focus is kept in the launcher");
    assert!(
        after.text_content().unwrap().contains("Dateien"),
        "focus is on {}",
        setup.focus_report()
    );
    assert_eq!(
        tab_stops(&setup),
        ["Dateien"],
        "the focused app stays the grid's Tab stop"
    );
    // The arrows carry on from there.
    press_on_focused(&setup, "ArrowRight");
    assert!(setup
        .focused()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Büro"));
}

#[wasm_bindgen_test]
fn the_search_survives_a_language_change() {
    let setup = opened("ready-de");
    let search = setup.get("input.search");
    search.focus().unwrap();
    type_into(&search, "buro");
    setup.update(|m| m.lang = Lang::Fr);
    assert_eq!(visible_names(&setup), ["Büro"], "the filter still applies");
    assert!(setup.is_focused(&search));
}

#[wasm_bindgen_test]
fn the_document_can_arrive_after_mounting() {
    let setup = mount(Launcher::new(), Model::default(), true);
    setup.set_open(true);
    assert!(setup.all("a.app").is_empty());
    assert!(setup.text().contains(Lang::De.strings().loading));
    setup.update(|m| m.nav = NavigationState::Ready(Arc::new(sample_document())));
    assert_eq!(setup.visible("a.app").len(), 6);
    assert!(!setup.text().contains(Lang::De.strings().loading));
}

#[wasm_bindgen_test]
fn a_search_typed_while_loading_applies_to_the_document() {
    let setup = mount(Launcher::new(), Model::default(), true);
    setup.set_open(true);
    type_into(&setup.get("input.search"), "buro");
    setup.update(|m| m.nav = NavigationState::Ready(Arc::new(sample_document())));
    assert_eq!(visible_names(&setup), ["Büro"]);
}

#[wasm_bindgen_test]
fn focus_leaving_the_launcher_closes_it() {
    let setup = opened_by_keyboard("ready-de");
    assert!(setup.is_open());
    // Moving inside (search field) keeps it open.
    setup.get("input.search").focus().unwrap();
    assert!(setup.is_open());
    // As Tab does past the last stop: focus goes to the vendor's page.
    let outside: web_sys::HtmlElement = document()
        .create_element("button")
        .unwrap()
        .unchecked_into();
    body().append_child(&outside).unwrap();
    outside.focus().unwrap();
    assert!(!setup.is_open());
    assert!(setup.get(".panel").hidden());
    outside.remove();
}
