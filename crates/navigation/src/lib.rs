//! `bandeau-navigation`: the suite chrome's model of a Univention portal
//! `navigation.json`, the list of apps in the launcher.
//!
//! Pure: no I/O and no browser APIs, so the same code runs in native tests
//! and inside the widgets' WebAssembly. The widgets fetch the document,
//! [`parse`] it, render [`NavigationDocument`] and log the [`Problem`]s.
//!
//! Everything that leaves this crate is safe to show as text and to put in
//! an `href`: names are plain cleaned text (the view escapes them) and links
//! are `http(s)` or relative ([`link`]); icons may also be `data:image/…`,
//! since they only ever go into an `<img src>`.

mod case;
pub mod document;
pub mod link;
pub mod monogram;
pub mod problem;
pub mod search;
mod text;

pub use document::{
    parse, parse_value, Category, Entry, NavigationDocument, Target, MAX_KEYWORDS, MAX_PROBLEMS,
};
pub use link::{safe_icon, safe_link, MAX_ICON_DATA_BYTES, MAX_LINK_BYTES};
pub use monogram::monogram;
pub use problem::Problem;
pub use search::{filter, fold, matches};
pub use text::{display_text, MAX_CHARS};
