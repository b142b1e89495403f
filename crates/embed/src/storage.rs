//! What the chrome remembers in `localStorage`: pinned apps and the chosen
//! theme. Storage may be missing or full (private modes, quotas); then the
//! chrome simply does not remember.

use bandeau_widgets::Lang;

const PINNED_KEY: &str = "bandeau.pinned";
const THEME_KEY: &str = "bandeau.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The pinned identifiers, oldest first.
pub fn pinned() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(PINNED_KEY).ok().flatten())
        .map(|text| {
            text.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Pins or unpins `identifier` and returns the new list.
pub fn set_pinned(identifier: &str, pin: bool) -> Vec<String> {
    let mut list = pinned();
    list.retain(|id| id != identifier);
    if pin {
        list.push(identifier.to_owned());
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(PINNED_KEY, &list.join("\n"));
    }
    list
}

pub fn theme() -> Option<String> {
    storage()?.get_item(THEME_KEY).ok().flatten()
}

pub fn set_theme(theme: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(THEME_KEY, theme);
    }
}

fn navigation_key(lang: Lang) -> String {
    format!("bandeau.navigation.{}", lang.tag())
}

/// The last good navigation document in this language, as JSON text.
pub fn cached_navigation(lang: Lang) -> Option<String> {
    storage()?.get_item(&navigation_key(lang)).ok().flatten()
}

pub fn cache_navigation(lang: Lang, json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&navigation_key(lang), json);
    }
}
