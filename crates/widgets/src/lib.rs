//! `bandeau-widgets`: the suite chrome's views.
//!
//! Rendering only. A view takes a [`Model`] (plain data), builds its DOM
//! with [`dom`] (text is always text: no HTML is ever parsed), and turns
//! the events it receives into [`Action`]s; it never fetches, stores or
//! times anything (that is `bandeau-embed`'s job), so the same views run in
//! the custom elements, the preview and the browser tests.
//!
//! Views are imperative rather than Leptos components: the script-tag
//! bundle has a 70 KB budget that Leptos' view layer alone exceeds (see
//! `docs/decisions.md`). [`mount`] wires one set of delegated listeners
//! per view, so a view's updates are plain method calls.
//!
//! Each component is a folder: `mod.rs` (the view), `style.css` (checked
//! and minified by `build.rs`, exposed below) and `stories.rs` (named
//! example states that the tests iterate).

pub mod bar;
pub mod disclosure;
pub mod dom;
pub mod i18n;
pub mod launcher;
pub mod login;
pub mod mount;
pub mod roving_focus;
pub mod story;
pub mod typeahead;
pub mod user_menu;

use bandeau_navigation::NavigationDocument;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub use i18n::Lang;
pub use mount::{mount, Mounted, View};

/// Styles every component needs (visually hidden text, focus outlines).
pub const SHARED_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/shared.css"));
pub const LAUNCHER_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/launcher.css"));
pub const BAR_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/bar.css"));
pub const USER_MENU_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/user_menu.css"));
pub const LOGIN_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/login.css"));

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

/// What the login chrome shows besides the product name. URLs are
/// expected to have passed `bandeau_navigation::safe_link` already; a
/// missing one leaves its part out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoginModel {
    pub slogan: String,
    pub logo_url: Option<String>,
    pub background_url: Option<String>,
    /// The languages the picker offers (the identity provider's), in order.
    pub languages: Vec<Lang>,
    /// Footer links, in the order of [`login::LINKS`].
    pub links: [Option<String>; 5],
}

/// A fresh id for `aria-controls`/`aria-labelledby`. Ids only need to be
/// unique within one shadow root, but several components share the bar's.
pub(crate) fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("bd-{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Everything the chrome shows. The embedding owns it and hands it to the
/// view after every change, naming what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub nav: NavigationState,
    /// Identifier of the app this page belongs to (`aria-current`).
    pub current: Option<String>,
    /// Identifiers pinned to the bar.
    pub pinned: Vec<String>,
    pub lang: Lang,
    pub theme: Theme,
    /// The bar leaves its user menu out while the name is empty.
    pub user: User,
    pub portal_url: Option<String>,
    pub product_name: String,
    /// Whether the failed state offers a retry button.
    pub can_retry: bool,
    pub login: LoginModel,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            nav: NavigationState::Loading,
            current: None,
            pinned: Vec::new(),
            lang: Lang::De,
            theme: Theme::Light,
            user: User::default(),
            portal_url: None,
            product_name: "openDesk".to_owned(),
            can_retry: true,
            login: LoginModel::default(),
        }
    }
}

impl Model {
    /// The entry with this identifier, if the document has one.
    pub fn entry(&self, identifier: &str) -> Option<&bandeau_navigation::Entry> {
        self.nav
            .document()?
            .categories
            .iter()
            .flat_map(|c| &c.entries)
            .find(|e| !identifier.is_empty() && e.identifier == identifier)
    }
}

/// What a person did that the embedding acts on. The view has already
/// updated what it owns (open panels, focus, the search).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A plain click on an app link. If the embedding answers `false`,
    /// the click is cancelled (a single-page app routes itself).
    Navigate(NavigateRequest),
    /// Pin (`true`) or unpin an app.
    Pin(String, bool),
    Retry,
    Language(Lang),
    Theme(Theme),
    Logout,
}
