//! The state every pane of the preview shares: which theme and language the
//! canvas shows, extra CSS the token tools inject, and the canvas itself.
//! Provided once by the app; any component reads it with
//! `use_context::<Workbench>()`.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Workbench {
    /// "light" | "dark" | "auto" | "high-contrast".
    pub theme: RwSignal<String>,
    pub lang: RwSignal<String>,
    /// CSS the canvas injects into its document after the bundle's own
    /// styles (live token edits, a derived brand).
    pub token_css: RwSignal<Option<String>>,
    /// The canvas iframe, and a counter bumped each time a story finished
    /// rendering in it.
    pub canvas: NodeRef<leptos::html::Iframe>,
    pub rendered: RwSignal<u32>,
}

impl Workbench {
    pub fn new() -> Self {
        Self {
            theme: RwSignal::new("light".to_owned()),
            lang: RwSignal::new("en".to_owned()),
            token_css: RwSignal::new(None),
            canvas: NodeRef::new(),
            rendered: RwSignal::new(0),
        }
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}
