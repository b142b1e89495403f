//! `bandeau-widgets`: the suite chrome's views, written with Leptos.
//!
//! Rendering only. The components take plain data, signals and callbacks;
//! they never fetch, store or time anything (that is `bandeau-embed`'s
//! job), so the same views run in the custom elements, the preview and the
//! browser tests. Text from documents and users is always rendered as text.
//!
//! Each component is a folder: `mod.rs` (the view), `style.css` (checked
//! and minified by `build.rs`, exposed below) and `stories.rs` (named
//! example states that the tests iterate).

pub mod bar;
pub mod dismiss;
pub mod i18n;
pub mod launcher;
pub mod roving_focus;
pub mod typeahead;
pub mod user_menu;

use bandeau_navigation::NavigationDocument;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub use i18n::Lang;

/// Styles every component needs (visually hidden text, focus outlines).
pub const SHARED_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/shared.css"));
pub const LAUNCHER_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/launcher.css"));
pub const BAR_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/bar.css"));
pub const USER_MENU_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/user_menu.css"));

/// Where the launcher's list of apps stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NavigationState {
    /// Nothing to show yet (no cache, first request under way).
    #[default]
    Loading,
    Ready(Arc<NavigationDocument>),
    /// Loading failed and nothing was cached; the view offers a retry.
    Failed,
}

impl NavigationState {
    pub fn document(&self) -> Option<&NavigationDocument> {
        match self {
            NavigationState::Ready(doc) => Some(doc),
            _ => None,
        }
    }
}

/// A person chose an app. The view asks before following the link, so the
/// embedding can cancel it (a single-page app routing internally).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavigateRequest {
    pub identifier: String,
    pub link: String,
    /// The `target` attribute value: `_self`, `_blank` or a window name.
    pub target: String,
}

/// The colour theme, as the `data-theme` attribute spells it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Light, Theme::Dark, Theme::Auto, Theme::HighContrast];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
            Theme::HighContrast => "high-contrast",
        }
    }

    pub fn parse(value: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == value.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let s = lang.strings();
        match self {
            Theme::Light => s.theme_light,
            Theme::Dark => s.theme_dark,
            Theme::Auto => s.theme_auto,
            Theme::HighContrast => s.theme_high_contrast,
        }
    }
}

/// The signed-in person, as the user menu shows them. URLs are expected
/// to have passed `bandeau_navigation::safe_link` already.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub email: String,
    pub avatar_url: Option<String>,
    pub profile_url: Option<String>,
    pub settings_url: Option<String>,
}

/// A fresh id for `aria-controls`/`aria-labelledby`. Ids only need to be
/// unique within one shadow root, but several components share the bar's.
pub(crate) fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("bd-{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Runs `f` once the DOM reflects the signals just set: Leptos applies
/// updates in microtasks, and a zero timeout runs after all of them. Used
/// only to move focus into content that is about to be shown.
pub(crate) fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
}
