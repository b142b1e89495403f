//! `<bandeau-login>` in headless Chromium: attributes into the view,
//! validation, and the language change with its event and `locale-url`.

#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn all(el: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = shadow(el).query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn attr_of(el: &HtmlElement, selector: &str, name: &str) -> Option<String> {
    shadow(el)
        .query_selector(selector)
        .unwrap()?
        .get_attribute(name)
}

fn text_of(el: &HtmlElement, selector: &str) -> Option<String> {
    shadow(el).query_selector(selector).unwrap()?.text_content()
}

fn hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

const PORTAL: &str = "https://portal.example.org";

#[wasm_bindgen_test]
async fn attributes_become_the_login_chrome() {
    let el = element(
        "bandeau-login",
        &[
            ("base", PORTAL),
            ("product-name", "openDesk Cloud"),
            ("slogan", "Souverän zusammenarbeiten"),
            ("logo-url", "/logo.svg"),
            ("background-url", "https://cdn.example.org/bg.jpg"),
            ("languages", "de, en,es,fr"),
            ("lang", "en"),
            ("imprint-url", "/imprint"),
            ("privacy-url", "https://example.org/privacy"),
            ("support-url", "help/"),
        ],
    );
    settle().await;
    assert_eq!(
        shadow(&el).adopted_style_sheets().length(),
        3,
        "tokens, shared and login sheets"
    );
    assert_eq!(
        text_of(&el, "h1").as_deref(),
        Some("openDesk Cloud"),
        "the product name is the page's heading"
    );
    assert_eq!(
        text_of(&el, "[part=slogan]").as_deref(),
        Some("Souverän zusammenarbeiten")
    );
    assert_eq!(
        attr_of(&el, "[part=logo]", "src").as_deref(),
        Some("https://portal.example.org/logo.svg"),
        "relative URLs join base"
    );
    assert_eq!(
        attr_of(&el, "[part=background]", "src").as_deref(),
        Some("https://cdn.example.org/bg.jpg")
    );
    let options = all(&el, "[part=language-option]");
    let names: Vec<_> = options.iter().filter_map(|o| o.text_content()).collect();
    assert_eq!(names, ["Deutsch", "English", "Français"], "es is not ours");
    assert_eq!(
        options[1].get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let links = all(&el, "[part=footer-link]");
    let links: Vec<_> = links
        .iter()
        .map(|a| (a.text_content().unwrap(), a.get_attribute("href").unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "Imprint".into(),
                "https://portal.example.org/imprint".into()
            ),
            ("Privacy".into(), "https://example.org/privacy".into()),
            ("Support".into(), "https://portal.example.org/help/".into()),
        ] as [(String, String); 3]
    );

    // Properties mirror the attributes; changes show at once.
    Reflect::set(&el, &"slogan".into(), &"Neu".into()).unwrap();
    Reflect::set(&el, &"docsUrl".into(), &"/docs".into()).unwrap();
    el.set_attribute("lang", "de").unwrap();
    settle().await;
    assert_eq!(text_of(&el, "[part=slogan]").as_deref(), Some("Neu"));
    let links = all(&el, "[part=footer-link]");
    let names: Vec<_> = links.iter().filter_map(|a| a.text_content()).collect();
    assert_eq!(
        names,
        ["Impressum", "Datenschutz", "Dokumentation", "Hilfe"]
    );

    // A new base resolves the relative URLs again.
    el.set_attribute("base", "https://id.example.net/auth/")
        .unwrap();
    settle().await;
    assert_eq!(
        attr_of(&el, "[part=logo]", "src").as_deref(),
        Some("https://id.example.net/logo.svg")
    );
    assert_eq!(
        attr_of(&el, "[part=footer-link]", "href").as_deref(),
        Some("https://id.example.net/imprint")
    );

    // Removing an attribute removes its part.
    el.remove_attribute("slogan").unwrap();
    el.remove_attribute("logo-url").unwrap();
    el.set_attribute("languages", "de").unwrap();
    settle().await;
    for part in ["slogan", "logo", "languages"] {
        assert!(
            shadow(&el)
                .query_selector(&format!("[part={part}]"))
                .unwrap()
                .is_none(),
            "{part}"
        );
    }
    el.remove();
}

#[wasm_bindgen_test]
async fn unsafe_urls_are_dropped_and_reported() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let el = element(
        "bandeau-login",
        &[
            ("logo-url", "javascript:alert(1)"),
            (
                "background-url",
                " data:image/svg+xml,<svg onload=alert(1)>",
            ),
            ("imprint-url", "JaVaScRiPt:alert(1)"),
            ("privacy-url", "java\tscript:alert(1)"),
            ("docs-url", "/docs"),
        ],
    );
    settle().await;
    let sources: Vec<_> = errors.borrow()[before..]
        .iter()
        .filter_map(|e| detail(e, "source"))
        .collect();
    assert_eq!(
        sources,
        ["logo-url", "background-url", "imprint-url", "privacy-url"]
    );
    assert!(all(&el, "img").is_empty());
    let hrefs: Vec<_> = all(&el, "a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(hrefs, ["/docs"]);
    let html = shadow(&el).inner_html().to_ascii_lowercase();
    for scheme in ["javascript", "data:", "onload"] {
        assert!(!html.contains(scheme), "{scheme} in {html}");
    }
    el.remove();
}

#[wasm_bindgen_test]
async fn hostile_attribute_text_stays_text() {
    let payload = "<img src=x onerror=window.__pwned=1>";
    let el = element(
        "bandeau-login",
        &[("product-name", payload), ("slogan", payload)],
    );
    settle().await;
    assert_eq!(text_of(&el, "h1").as_deref(), Some(payload));
    assert_eq!(text_of(&el, "[part=slogan]").as_deref(), Some(payload));
    assert!(all(&el, "img").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_cancelled_language_change_neither_navigates_nor_switches() {
    let changes = record("bandeau-language-change");
    let el = element(
        "bandeau-login",
        &[
            ("languages", "de,en,fr"),
            ("lang", "de"),
            ("locale-url", "#cancelled={lang}"),
        ],
    );
    settle().await;
    cancel_on(&el, "bandeau-language-change");
    let before = hash();
    all(&el, "[part=language-option]")[2].click();
    let event = changes.borrow().last().cloned().expect("the event");
    assert!(event.bubbles() && event.composed() && event.cancelable());
    assert!(event.default_prevented());
    assert_eq!(detail(&event, "language").as_deref(), Some("fr"));
    settle().await;
    assert_eq!(hash(), before, "the locale URL was not followed");
    assert_eq!(el.get_attribute("lang").as_deref(), Some("de"));
    el.remove();
}

#[wasm_bindgen_test]
async fn an_uncancelled_language_change_follows_locale_url() {
    let changes = record("bandeau-language-change");
    // A fragment-only template keeps the test page where it is.
    let el = element(
        "bandeau-login",
        &[
            ("languages", "de,en,fr"),
            ("lang", "de"),
            ("locale-url", "#kc_locale={lang}&again={lang}"),
        ],
    );
    settle().await;
    all(&el, "[part=language-option]")[1].click();
    assert_eq!(
        detail(changes.borrow().last().unwrap(), "language").as_deref(),
        Some("en")
    );
    settle().await;
    assert_eq!(hash(), "#kc_locale=en&again=en");
    assert_eq!(el.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        all(&el, "[aria-pressed=true]")[0].text_content().as_deref(),
        Some("English")
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unsafe_locale_url_is_not_followed() {
    let errors = record("bandeau-error");
    let before = errors.borrow().len();
    let start = hash();
    let el = element(
        "bandeau-login",
        &[
            ("languages", "de,fr"),
            ("lang", "de"),
            ("locale-url", "javascript:location.hash='{lang}'"),
        ],
    );
    settle().await;
    assert_eq!(
        errors.borrow().len(),
        before + 1,
        "reported when set, before anyone clicks"
    );
    all(&el, "[part=language-option]")[1].click();
    settle().await;
    assert_eq!(hash(), start);
    let seen = errors.borrow();
    assert_eq!(
        detail(&seen[before], "source").as_deref(),
        Some("locale-url")
    );
    drop(seen);
    el.remove();
}
