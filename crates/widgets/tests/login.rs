//! The login chrome in headless Chromium, inside a shadow root.

#![cfg(target_arch = "wasm32")]

mod support;

use bandeau_widgets::login::stories::{stories, LoginStory};
use bandeau_widgets::login::Login;
use bandeau_widgets::{Action, Lang};
use support::*;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

type Setup = Mounted<Login>;

/// Sizes the token stylesheet would give.
const SIZES: &str = "--bd-login-form-width: 400px; --bd-login-card-padding: 32px; \
    --bd-login-card-padding-compact: 16px; --bd-login-page-padding: 16px; \
    --bd-login-gap: 24px; --bd-login-card-logo-height: 40px;";

fn login(story: LoginStory) -> Setup {
    let m = mount_styled(Login::new(), story.model(), false, &LOGIN_SHEETS);
    m.host.set_attribute("style", SIZES).unwrap();
    m
}

fn story(name: &str) -> LoginStory {
    stories()
        .into_iter()
        .find(|s| s.name == name)
        .expect("story exists")
}

fn texts(elements: &[HtmlElement]) -> Vec<String> {
    elements
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

/// Whether `a` comes before `b` in tree order.
fn before(a: &Node, b: &Node) -> bool {
    a.compare_document_position(b) & Node::DOCUMENT_POSITION_FOLLOWING != 0
}

#[wasm_bindgen_test]
fn every_story_renders_the_landmarks_and_one_heading() {
    for story in stories() {
        let name = story.name;
        let product = story.product_name.clone();
        let m = login(story);
        for landmark in ["header", "main", "footer"] {
            assert_eq!(m.all(landmark).len(), 1, "{name}: one {landmark}");
        }
        let headings = m.all("h1, h2, h3, h4, h5, h6");
        assert_eq!(texts(&headings), [product], "{name}: one h1, the product");
        assert_eq!(headings[0].local_name(), "h1");
        assert!(m.get("main").contains(Some(&m.get("slot:not([name])"))));
        assert!(m.get("main").contains(Some(&m.get("slot[name=info]"))));
        assert!(m.get("footer").contains(Some(&m.get("slot[name=footer]"))));
        for part in [
            "page",
            "card",
            "header",
            "product-name",
            "main",
            "info",
            "footer",
        ] {
            assert!(
                m.find(&format!("[part~={part}]")).is_some(),
                "{name}: part {part}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn everything_set_shows_logo_slogan_languages_background_and_links() {
    let m = login(story("full-de"));
    let logo = m.get("[part=logo]");
    assert_eq!(
        attr(&logo, "src").as_deref(),
        Some("https://portal.example.org/logo.svg")
    );
    assert_eq!(attr(&logo, "alt").as_deref(), Some(""), "decorative");
    assert!(m.get("header").contains(Some(&logo)));
    assert_eq!(
        m.get("[part=slogan]").text_content().as_deref(),
        Some("Souverän zusammenarbeiten")
    );
    let background = m.get("[part=background]");
    assert_eq!(
        attr(&background, "src").as_deref(),
        Some("https://portal.example.org/background.jpg")
    );
    assert_eq!(attr(&background, "alt").as_deref(), Some(""));
    assert!(
        background.closest("[aria-hidden=true]").unwrap().is_some(),
        "the backdrop is hidden from assistive technology"
    );

    let links = m.visible("[part=footer-link]");
    assert_eq!(
        texts(&links),
        [
            "Impressum",
            "Datenschutz",
            "Dokumentation",
            "Hilfe",
            "Feedback"
        ]
    );
    let hrefs: Vec<String> = links.iter().filter_map(|a| attr(a, "href")).collect();
    assert_eq!(
        hrefs,
        [
            "https://portal.example.org/impressum",
            "https://portal.example.org/datenschutz",
            "https://portal.example.org/docs",
            "https://portal.example.org/support",
            "https://portal.example.org/feedback",
        ]
    );
    assert!(m.get("footer").contains(Some(&links[0])));
}

#[wasm_bindgen_test]
fn missing_values_leave_their_parts_out() {
    let m = login(story("minimal"));
    for part in ["logo", "slogan", "languages", "background", "footer-link"] {
        assert!(m.find(&format!("[part~={part}]")).is_none(), "{part}");
    }
    assert!(m.all("img").is_empty());
    let links = m.get("footer ul");
    assert!(links.hidden(), "no empty list box");
    assert_eq!(links.child_element_count(), 0);
    assert!(m.get(".backdrop").child_element_count() == 0, "no scrim");

    // Some links only: the others are left out, the order stays.
    let m = login(story("two-languages-fr"));
    assert_eq!(
        texts(&m.visible("[part=footer-link]")),
        ["Mentions légales", "Documentation", "Votre avis"]
    );
    assert!(m.find("[part=background]").is_none());
}

#[wasm_bindgen_test]
fn an_empty_product_name_or_a_single_language_leaves_them_out() {
    let m = login(story("full-de"));
    m.update(|model| {
        model.product_name = String::new();
        model.login.languages = vec![Lang::En];
    });
    assert!(m.find("h1").is_none());
    assert!(
        m.find("[part=languages]").is_none(),
        "one language is no choice"
    );
}

#[wasm_bindgen_test]
fn hostile_text_stays_text() {
    let s = story("hostile-text");
    let (product, slogan) = (s.product_name.clone(), s.login.slogan.clone());
    let m = login(s);
    let h1 = m.get("h1");
    assert_eq!(h1.text_content().as_deref(), Some(product.as_str()));
    assert_eq!(h1.child_element_count(), 0);
    let p = m.get("[part=slogan]");
    assert_eq!(p.text_content().as_deref(), Some(slogan.as_str()));
    assert_eq!(p.child_element_count(), 0);
    assert!(
        m.all("img, script, b").is_empty(),
        "{}",
        m.root.inner_html()
    );
}

#[wasm_bindgen_test]
fn the_language_picker_is_a_group_of_pressed_buttons_with_endonyms() {
    let m = login(story("full-en"));
    let group = m.get("[part=languages]");
    assert_eq!(attr(&group, "role").as_deref(), Some("group"));
    assert_eq!(attr(&group, "aria-label").as_deref(), Some("Language"));
    assert!(m.get("header").contains(Some(&group)));
    let options = m.all("[part=language-option]");
    assert_eq!(texts(&options), ["Deutsch", "English", "Français"]);
    let langs: Vec<_> = options.iter().filter_map(|o| attr(o, "lang")).collect();
    assert_eq!(langs, ["de", "en", "fr"]);
    let pressed: Vec<_> = options
        .iter()
        .filter_map(|o| attr(o, "aria-pressed"))
        .collect();
    assert_eq!(pressed, ["false", "true", "false"]);
    for option in &options {
        assert_eq!(option.local_name(), "button");
        assert_eq!(attr(option, "type").as_deref(), Some("button"));
    }
}

#[wasm_bindgen_test]
fn language_buttons_emit_the_language_and_keep_focus_after_the_change() {
    let m = login(story("full-de"));
    m.apply.set(true);
    // The current language asks for nothing.
    keyboard_click(&m.all("[part=language-option]")[0]);
    assert!(m.actions().is_empty());
    let french = m.all("[part=language-option]")[2].clone();
    french.focus().unwrap();
    keyboard_click(&french);
    assert_eq!(m.actions(), [Action::Language(Lang::Fr)]);
    // The embedding applied it: the chrome speaks French.
    let options = m.all("[part=language-option]");
    assert_eq!(attr(&options[2], "aria-pressed").as_deref(), Some("true"));
    assert_eq!(attr(&options[0], "aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        attr(&m.get("[part=languages]"), "aria-label").as_deref(),
        Some("Langue")
    );
    assert!(m.text().contains("Mentions légales"));
    assert!(
        m.is_focused(&options[2]),
        "focus is on {}",
        m.focus_report()
    );
}

#[wasm_bindgen_test]
fn clicks_in_the_slotted_form_are_not_the_chrome_s() {
    let m = login(story("full-de"));
    let form = document().create_element("form").unwrap();
    // A button that looks like ours to a careless selector.
    form.set_inner_html(
        r#"<button type="button" class="language-option" aria-pressed="false" lang="en">en</button>"#,
    );
    m.host.append_child(&form).unwrap();
    let button = form.query_selector("button").unwrap().unwrap();
    pointer_click(&button);
    assert!(m.actions().is_empty());
}

#[wasm_bindgen_test]
fn focus_order_is_languages_then_form_then_footer() {
    let m = login(story("full-de"));
    let languages = m.get("[part=languages]");
    let form_slot = m.get("slot:not([name])");
    let info_slot = m.get("slot[name=info]");
    let first_link = m.get("[part=footer-link]");
    let logo = m.get("[part=logo]");
    assert!(before(&logo, &languages));
    assert!(before(&languages, &info_slot));
    assert!(before(&info_slot, &form_slot));
    assert!(before(&form_slot, &first_link));
    let h1 = m.get("h1");
    assert!(before(&logo, &h1) && before(&h1, &languages));
    // Nothing focusable is out of order: no tabindex anywhere.
    assert!(m.all("[tabindex]").is_empty());
}

#[wasm_bindgen_test]
async fn at_320_px_the_card_fits_without_scrolling_sideways() {
    let m = login(story("full-de"));
    let page = m.get("[part=page]");
    let card = m.get("[part=card]");
    let overflow = |m: &Setup| {
        let page = m.get("[part=page]");
        page.scroll_width() - page.client_width()
    };
    for width in ["1280px", "320px"] {
        m.host.style().set_property("width", width).unwrap();
        settle().await;
        assert_eq!(overflow(&m), 0, "{width}");
        let (p, c) = (
            page.get_bounding_client_rect(),
            card.get_bounding_client_rect(),
        );
        assert!(
            c.left() >= p.left() && c.right() <= p.right(),
            "{width}: the card lies within the page"
        );
    }
    let padding = |m: &Setup| {
        web_sys::window()
            .unwrap()
            .get_computed_style(&m.get("[part=card]"))
            .unwrap()
            .unwrap()
            .get_property_value("padding-left")
            .unwrap()
    };
    assert_eq!(padding(&m), "16px", "compact padding under 600 px");
    m.host.style().set_property("width", "1280px").unwrap();
    settle().await;
    assert_eq!(padding(&m), "32px");
    let width = m.get("[part=card]").get_bounding_client_rect().width();
    assert_eq!(width, 464.0, "the form's 400 px plus padding");
    // The page sets the form's width through the documented property.
    m.host
        .style()
        .set_property("--bandeau-login-form-width", "600px")
        .unwrap();
    settle().await;
    let width = m.get("[part=card]").get_bounding_client_rect().width();
    assert_eq!(width, 664.0);
}
