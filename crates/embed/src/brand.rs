//! The `brand` attribute: the URL of a brand document in openDesk's colour
//! keys. It is fetched, checked and derived by the token core in its own
//! wasm module (`bandeau-brand`, loaded by the first element that needs
//! it), and the resulting stylesheet is adopted after the token sheet. A
//! brand that cannot be fetched or does not pass the checks leaves the
//! default brand in place and says why in one `bandeau-error`.

use crate::element::Chrome;
use crate::events::report;
use crate::loader::fetch_text;
use crate::sheets;
use bandeau_navigation::safe_link;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::CssStyleSheet;

#[wasm_bindgen(module = "/src/elements.js")]
extern "C" {
    #[wasm_bindgen(js_name = brandCss)]
    fn brand_css(document: &str) -> js_sys::Promise;
}

/// The `data-brand` value the derived sheet selects on; `bandeau-brand`
/// derives it under this name.
const NAME: &str = "bandeau-runtime";

thread_local! {
    /// Derived sheets by URL: every element with the same brand adopts the
    /// same sheet, derived once per page. A page has one brand or a few,
    /// so a list does (a hash map would cost the bundle 2 KB).
    static SHEETS: RefCell<Vec<(String, CssStyleSheet)>> = const { RefCell::new(Vec::new()) };
}

/// Applies the `brand` attribute's value (`None`: removed).
pub fn apply(chrome: &Rc<Chrome>, value: Option<String>) {
    let generation = chrome.brand_generation.get().wrapping_add(1);
    chrome.brand_generation.set(generation);
    let Some(raw) = value.filter(|v| !v.trim().is_empty()) else {
        show(chrome, None);
        return;
    };
    // Relative to the page, as `src` and `href` are: `base` is the
    // portal's, for the navigation document's links.
    let url = match safe_link(&raw, "") {
        Ok(url) => url,
        Err(message) => return fail(chrome, &message),
    };
    let cached = SHEETS.with(|s| {
        s.borrow()
            .iter()
            .find(|(known, _)| *known == url)
            .map(|(_, sheet)| sheet.clone())
    });
    if let Some(sheet) = cached {
        show(chrome, Some(&sheet));
        return;
    }
    let chrome = chrome.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let derived = derive(&url, &chrome.life.signal()).await;
        if chrome.brand_generation.get() != generation {
            return;
        }
        match derived {
            Ok(sheet) => {
                SHEETS.with(|s| s.borrow_mut().push((url, sheet.clone())));
                show(&chrome, Some(&sheet));
            }
            Err(message) => fail(&chrome, &format!("{url}: {message}")),
        }
    });
}

async fn derive(url: &str, life: &web_sys::AbortSignal) -> Result<CssStyleSheet, String> {
    let (document, _) = fetch_text(url, life).await?;
    let css = JsFuture::from(brand_css(&document))
        .await
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the brand module did not load".to_owned())
        })?
        .as_string()
        .unwrap_or_default();
    let sheet = CssStyleSheet::new().map_err(|_| "constructable stylesheets are missing")?;
    sheet
        .replace_sync(&css)
        .map_err(|_| "the derived stylesheet does not parse".to_owned())?;
    Ok(sheet)
}

/// Adopts `sheet` after the element's own sheets, or goes back to them.
fn show(chrome: &Chrome, sheet: Option<&CssStyleSheet>) {
    let Some(root) = chrome.host.shadow_root() else {
        return;
    };
    let list = sheets::for_component(chrome.component);
    match sheet {
        Some(sheet) => {
            list.push(sheet);
            let _ = chrome.host.set_attribute("data-brand", NAME);
        }
        None => {
            if chrome.host.get_attribute("data-brand").as_deref() == Some(NAME) {
                let _ = chrome.host.remove_attribute("data-brand");
            }
        }
    }
    root.set_adopted_style_sheets(&list);
}

fn fail(chrome: &Chrome, message: &str) {
    show(chrome, None);
    report(
        &chrome.host,
        "brand",
        &format!("{message}; the default brand is kept"),
    );
}
