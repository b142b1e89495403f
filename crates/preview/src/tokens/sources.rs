//! The project's token sources, as the site serves them: `cargo xtask
//! preview` copies `tokens/` to `token-sources/` with an `index.json` that
//! lists every file. Relative URLs, so the static export works anywhere.

use super::live::FOLDER;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const BASE: &str = "token-sources/";

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: the request failed"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| format!("{url}: the body cannot be read"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: the body is not text"))
}

/// Every JSON file of `tokens/`, keyed `tokens/<path>`.
pub async fn load() -> Result<BTreeMap<String, String>, String> {
    let index_url = format!("{BASE}index.json");
    let index = fetch_text(&index_url).await?;
    let names: Vec<String> = serde_json::from_str(&index)
        .map_err(|e| format!("{index_url}: expected a list of file names: {e}"))?;
    let mut files = BTreeMap::new();
    for name in names.into_iter().filter(|n| n.ends_with(".json")) {
        // The index is ours, but a name climbing out of the folder would
        // fetch something that is not a token source.
        if name.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(format!(
                "{index_url}: `{name}` is not a path inside tokens/"
            ));
        }
        let text = fetch_text(&format!("{BASE}{name}")).await?;
        files.insert(format!("{FOLDER}{name}"), text);
    }
    if files.is_empty() {
        return Err(format!("{index_url}: no token files listed"));
    }
    Ok(files)
}
