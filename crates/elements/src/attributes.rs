//! The attributes. Every element observes all of them (a vendor may set
//! `lang` on a wrapper element's children uniformly); `elements` says where
//! each one has an effect, which is what the docs and types show.

use crate::{BAR, LAUNCHER, LOGIN, USER_MENU};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, shown as text (never HTML).
    Text,
    /// An `http(s):` or relative URL; anything else is dropped and reported.
    Url,
    /// One of a fixed set of values.
    Choice(&'static [&'static str]),
    /// A comma-separated list of values from a fixed set.
    List(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug)]
pub struct Attribute {
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    /// What the element does without the attribute.
    pub default: Option<&'static str>,
    /// The elements it has an effect on.
    pub elements: &'static [&'static str],
}

impl Attribute {
    /// The camelCase property that mirrors it.
    pub fn property(&self) -> String {
        crate::camel_case(self.name)
    }
}

pub const LANGUAGES: &[&str] = &["de", "en", "fr"];
pub const THEMES: &[&str] = &["light", "dark", "auto", "high-contrast"];

const ALL: &[&str] = &[BAR, LAUNCHER, USER_MENU, LOGIN];
const NAVIGATION: &[&str] = &[BAR, LAUNCHER];
const USER: &[&str] = &[BAR, USER_MENU];

pub const ATTRIBUTES: [Attribute; 24] = [
    Attribute {
        name: "nav-url",
        kind: Kind::Url,
        description: "URL of the portal's `navigation.json`. Fetched with credentials, with `language=` and `base=` added and a 5 s timeout; the last good answer is cached per language.",
        default: None,
        elements: NAVIGATION,
    },
    Attribute {
        name: "lang",
        kind: Kind::Choice(LANGUAGES),
        description: "The chrome's language. Any BCP 47 tag is accepted and mapped to the closest supported one. A language chosen in one element (user menu, login picker) is set on every element of the page unless `bandeau-language-change` is cancelled. An element without `lang`, or with the same `lang` as `<html>`, follows changes of `<html lang>`; another `lang` set by the page stays.",
        default: Some("the language chosen on this page since `<html lang>` last changed, else the page's `<html lang>`, else `de`"),
        elements: ALL,
    },
    Attribute {
        name: "theme",
        kind: Kind::Choice(THEMES),
        description: "The colour theme; `auto` follows the system's `prefers-color-scheme` and `prefers-contrast`. A theme chosen in one element's user menu is remembered and set on every element of the page unless `bandeau-theme-change` is cancelled. One chosen in another tab reaches the elements without `theme` or showing the old choice; another `theme` set by the page stays.",
        default: Some("the person's remembered choice, else `light`"),
        elements: ALL,
    },
    Attribute {
        name: "app",
        kind: Kind::Text,
        description: "The navigation `identifier` of the vendor's own app: shown as the current app and marked `aria-current` in the launcher.",
        default: None,
        elements: NAVIGATION,
    },
    Attribute {
        name: "base",
        kind: Kind::Url,
        description: "The portal's base URL: relative links and icons in the navigation, and relative URL attributes, are joined with it.",
        default: Some("the page's URL"),
        elements: ALL,
    },
    Attribute {
        name: "portal-url",
        kind: Kind::Url,
        description: "Where the logo links.",
        default: None,
        elements: &[BAR, LOGIN],
    },
    Attribute {
        name: "product-name",
        kind: Kind::Text,
        description: "The product name next to the logo.",
        default: Some("openDesk"),
        elements: &[BAR, LOGIN],
    },
    Attribute {
        name: "slogan",
        kind: Kind::Text,
        description: "A line under the product name on the login page.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "logo-url",
        kind: Kind::Url,
        description: "The logo image on the login page; without it the product's monogram is shown.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "background-url",
        kind: Kind::Url,
        description: "A background image behind the login form; decorative, so it has no text alternative.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "languages",
        kind: Kind::List(LANGUAGES),
        description: "The languages the login page offers in its picker, comma-separated.",
        default: Some("de,en,fr"),
        elements: &[LOGIN],
    },
    Attribute {
        name: "locale-url",
        kind: Kind::Url,
        description: "Where choosing a language on the login page goes; `{lang}` is replaced by the chosen tag (the identity provider owns the locale).",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "imprint-url",
        kind: Kind::Url,
        description: "The imprint (Impressum) link in the login page's footer.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "privacy-url",
        kind: Kind::Url,
        description: "The privacy policy link in the login page's footer.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "docs-url",
        kind: Kind::Url,
        description: "The documentation link in the login page's footer.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "support-url",
        kind: Kind::Url,
        description: "The support link in the login page's footer.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "feedback-url",
        kind: Kind::Url,
        description: "The feedback link in the login page's footer.",
        default: None,
        elements: &[LOGIN],
    },
    Attribute {
        name: "user-name",
        kind: Kind::Text,
        description: "The signed-in person's name; its initials stand in for a missing avatar.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "user-email",
        kind: Kind::Text,
        description: "The signed-in person's e-mail address.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "avatar-url",
        kind: Kind::Url,
        description: "The avatar image; initials are shown without it or when it fails to load.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "profile-url",
        kind: Kind::Url,
        description: "The profile link in the user menu.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "settings-url",
        kind: Kind::Url,
        description: "The settings link in the user menu.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "logout-url",
        kind: Kind::Url,
        description: "Followed after `bandeau-logout`, unless a listener cancels that event.",
        default: None,
        elements: USER,
    },
    Attribute {
        name: "brand",
        kind: Kind::Url,
        description: "URL of a brand document in openDesk's `theme.colors` keys, derived and contrast-checked in the browser; a refused brand keeps the default one and is reported.",
        default: Some("the element's own `data-brand`, else `<html data-brand>` (followed when it changes)"),
        elements: ALL,
    },
];

/// The names alone, computed at compile time so the bundle carries no
/// descriptions.
pub const ATTRIBUTE_NAMES: [&str; ATTRIBUTES.len()] = {
    let mut names = [""; ATTRIBUTES.len()];
    let mut i = 0;
    while i < ATTRIBUTES.len() {
        names[i] = ATTRIBUTES[i].name;
        i += 1;
    }
    names
};

const fn url_count() -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < ATTRIBUTES.len() {
        if matches!(ATTRIBUTES[i].kind, Kind::Url) {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The attributes of kind [`Kind::Url`]: checked when set, and read again
/// when `base` changes.
pub const URL_ATTRIBUTES: [&str; url_count()] = {
    let mut names = [""; url_count()];
    let (mut i, mut n) = (0, 0);
    while i < ATTRIBUTES.len() {
        if matches!(ATTRIBUTES[i].kind, Kind::Url) {
            names[n] = ATTRIBUTES[i].name;
            n += 1;
        }
        i += 1;
    }
    names
};
