//! `bandeau-embed`: the suite chrome as custom elements — `<bandeau-bar>`,
//! `<bandeau-launcher>`, `<bandeau-user-menu>` and `<bandeau-login>`.
//!
//! The browser edge: this crate owns the shadow roots, the stylesheets,
//! attributes and properties, the page's storage and the events a vendor
//! listens to. The views themselves are `bandeau-widgets`; the navigation
//! model is `bandeau-navigation`.

mod brand;
pub mod element;
mod events;
pub mod loader;
mod sheets;
mod storage;

use wasm_bindgen::prelude::*;

/// The compiled design tokens (`tokens/bandeau.resolver.json`, aliases as
/// `var()` references), adopted by every shadow root.
pub const TOKENS_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/tokens.css"));

/// Defines the elements when the module loads. An element name that is
/// already taken (another copy of the bundle) is left alone.
#[wasm_bindgen(start)]
pub fn start() {
    element::define_all();
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
