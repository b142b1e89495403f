//! Loading the navigation document from `nav-url`: fetched with the
//! user's cookies, `language=` and `base=` added, given up after 5 s. The
//! last good document per language is kept in `localStorage` and shown at
//! once on the next page load while a fresh one loads
//! (stale-while-revalidate). A failure never blanks what is shown: the
//! cached list stays, or the launcher shows its error state with a retry,
//! and the page gets one console warning and one `bandeau-error`.

use crate::element::Chrome;
use crate::events::{report, report_problems};
use crate::storage;
use bandeau_navigation::{parse, safe_link};
use bandeau_widgets::{Lang, NavigationState};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials, RequestInit, Response};

#[wasm_bindgen(module = "/src/elements.js")]
extern "C" {
    #[wasm_bindgen(js_name = requestSignal)]
    fn request_signal(life: &AbortSignal, ms: i32) -> AbortSignal;
}

/// How long a request may take before the cached list (or the error
/// state) is all there is.
pub const TIMEOUT_MS: i32 = 5_000;

/// `nav_url` with `language=` and `base=` query parameters, before any
/// fragment. `base` is left out when empty.
pub fn request_url(nav_url: &str, lang: Lang, base: &str) -> String {
    let (address, fragment) = match nav_url.find('#') {
        Some(at) => nav_url.split_at(at),
        None => (nav_url, ""),
    };
    let mut url = String::with_capacity(nav_url.len() + base.len() + 24);
    url.push_str(address);
    url.push(if address.contains('?') { '&' } else { '?' });
    url.push_str("language=");
    url.push_str(lang.tag());
    if !base.is_empty() {
        url.push_str("&base=");
        percent_encode_into(base, &mut url);
    }
    url.push_str(fragment);
    url
}

/// The login's `locale-url` template with every `{lang}` replaced by the
/// percent-encoded language tag. The caller still checks the result with
/// `safe_link`, as for any URL from an attribute.
pub fn locale_url(template: &str, tag: &str) -> String {
    let mut encoded = String::with_capacity(tag.len());
    percent_encode_into(tag, &mut encoded);
    template.replace("{lang}", &encoded)
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent_encode_into(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
}

/// Shows the cached document for the element's language, then fetches a
/// fresh one. Does nothing without a `nav-url`.
pub fn load(chrome: &Rc<Chrome>) {
    let host = &chrome.host;
    // An unsafe `nav-url` was reported when it was set; it is not fetched.
    let Some(nav_url) = host
        .get_attribute("nav-url")
        .filter(|u| !u.trim().is_empty() && safe_link(u, "").is_ok())
    else {
        return;
    };
    let lang = chrome.lang();
    let base = host.get_attribute("base").unwrap_or_default();
    if let Some(text) = storage::cached_navigation(lang) {
        if let Ok((document, _)) = parse(&text, &base, lang.tag()) {
            chrome.change(|m| m.nav = NavigationState::Ready(Arc::new(document)));
        }
    }
    let generation = chrome.generation.get().wrapping_add(1);
    chrome.generation.set(generation);
    let chrome = chrome.clone();
    let url = request_url(&nav_url, lang, &base);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = fetch_text(&url, &chrome.life.signal()).await;
        if chrome.generation.get() == generation {
            settle(&chrome, outcome, &base, lang);
        }
    });
}

fn settle(chrome: &Chrome, outcome: Result<(String, String), String>, base: &str, lang: Lang) {
    let (text, answered_from) = match outcome {
        Ok(answer) => answer,
        Err(message) => return fail(chrome, &message),
    };
    // Relative links resolve against `base`, or else against the URL the
    // document came from.
    let base = if base.is_empty() {
        answered_from.as_str()
    } else {
        base
    };
    match parse(&text, base, lang.tag()) {
        Ok((document, problems)) => {
            report_problems(&chrome.host, &problems);
            storage::cache_navigation(lang, &document.to_json());
            chrome.change(|m| m.nav = NavigationState::Ready(Arc::new(document)));
        }
        Err(problem) => fail(chrome, &format!("{}: {}", problem.place, problem.message)),
    }
}

fn fail(chrome: &Chrome, message: &str) {
    report(&chrome.host, "navigation", message);
    if !chrome.has_document() {
        chrome.change(|m| m.nav = NavigationState::Failed);
    }
}

/// The body and final URL of a successful response, or what went wrong.
/// Given up after [`TIMEOUT_MS`], or when `life` is aborted (the element
/// left the page, and nobody reads the answer).
pub(crate) async fn fetch_text(url: &str, life: &AbortSignal) -> Result<(String, String), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Include);
    init.set_signal(Some(&request_signal(life, TIMEOUT_MS)));
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
            // Fetch fails with a `TypeError` when the network does, and
            // with the abort's `DOMException` (`TimeoutError`, or
            // `AbortError` in older engines) when the signal fires.
            if e.has_type::<web_sys::DomException>() {
                format!("no answer from {url} within {} s", TIMEOUT_MS / 1000)
            } else {
                format!("cannot reach {url}")
            }
        })?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url} answered HTTP {}", response.status()));
    }
    let body = response
        .text()
        .map_err(|_| format!("{url}: unreadable body"))?;
    let text = JsFuture::from(body)
        .await
        .map_err(|_| format!("{url}: the body did not arrive"))?
        .as_string()
        .unwrap_or_default();
    Ok((text, response.url()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_language_and_encoded_base() {
        assert_eq!(
            request_url("/univention/portal/navigation.json", Lang::En, "https://portal.example.org/x y"),
            "/univention/portal/navigation.json?language=en&base=https%3A%2F%2Fportal.example.org%2Fx%20y"
        );
    }

    #[test]
    fn the_locale_template_gets_the_encoded_tag() {
        assert_eq!(
            locale_url(
                "/realms/opendesk/login-actions/authenticate?kc_locale={lang}",
                "fr"
            ),
            "/realms/opendesk/login-actions/authenticate?kc_locale=fr"
        );
        assert_eq!(
            locale_url(
                "https://id.example.org/{lang}/login?ui_locales={lang}#x",
                "de"
            ),
            "https://id.example.org/de/login?ui_locales=de#x"
        );
        assert_eq!(
            locale_url("?kc_locale={lang}", "en&x=\"/<>#"),
            "?kc_locale=en%26x%3D%22%2F%3C%3E%23",
            "whatever the tag, it stays one parameter value"
        );
        assert_eq!(locale_url("/login", "en"), "/login", "no placeholder");
    }

    #[test]
    fn keeps_existing_parameters_and_the_fragment() {
        assert_eq!(
            request_url("https://p.example/nav.json?v=2#top", Lang::De, ""),
            "https://p.example/nav.json?v=2&language=de#top"
        );
    }
}
