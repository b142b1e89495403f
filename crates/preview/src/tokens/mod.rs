//! The token tools: pages that show every token as what it is (swatches per
//! theme, type scale, spacing, radii, shadows, motion, the contrast matrix)
//! and an editor whose edits the token core, compiled into this wasm,
//! turns into CSS for the canvas as the designer types.
//!
//! The app themes page shows what the suite's apps receive from the same
//! tokens (`targets`).
//!
//! One state for all of them ([`Tokens`], provided by [`provide_tokens`]
//! at the app's root): an edit re-themes the canvas and updates the pages
//! and the matrix alike.

mod contrast;
mod editor;
pub mod live;
mod scale;
mod sources;
mod swatches;
mod targets;

pub use editor::TokenEditor;
pub use targets::{brands, TargetPages};

use crate::workbench::Workbench;
use bandeau_tokens::project::Project;
use bandeau_tokens::Diagnostic;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Shared by the token pages, the editor and the canvas.
#[derive(Clone, Copy)]
pub struct Tokens {
    /// The project's token files as shipped, keyed `tokens/<path>`.
    pub original: RwSignal<BTreeMap<String, String>>,
    /// The same files with the designer's edits (and pasted tokens).
    pub files: RwSignal<BTreeMap<String, String>>,
    /// Why the sources could not be loaded.
    pub load_error: RwSignal<Option<String>>,
    /// The last project that compiled: what the pages show and the canvas
    /// wears. A broken edit leaves it in place.
    pub project: RwSignal<Option<Arc<Project>>>,
    /// Problems of the latest compile: its errors when it failed (then
    /// `project` is the one before), else its warnings and contrast lint.
    pub problems: RwSignal<Vec<Diagnostic>>,
    /// Whether the latest edit compiled.
    pub compiled: RwSignal<bool>,
}

pub fn use_tokens() -> Tokens {
    use_context::<Tokens>().expect("provide_tokens() runs in the app's root")
}

/// Loads the token sources, compiles them on every change of
/// [`Tokens::files`] and hands the canvas CSS for edited tokens. Call once,
/// in the app's root component, after the workbench is provided.
pub fn provide_tokens() {
    let workbench = use_context::<Workbench>().expect("the workbench is provided first");
    let tokens = Tokens {
        original: RwSignal::new(BTreeMap::new()),
        files: RwSignal::new(BTreeMap::new()),
        load_error: RwSignal::new(None),
        project: RwSignal::new(None),
        problems: RwSignal::new(Vec::new()),
        compiled: RwSignal::new(true),
    };
    provide_context(tokens);
    add_stylesheet();
    leptos::task::spawn_local(async move {
        match sources::load().await {
            Ok(files) => {
                tokens.original.set(files.clone());
                tokens.files.set(files);
            }
            Err(e) => tokens.load_error.set(Some(e)),
        }
    });
    // Whether the canvas CSS is this editor's, so a revert takes back only
    // what it set.
    let ours = StoredValue::new(false);
    Effect::new(move |_| {
        let files = tokens.files.get();
        if files.is_empty() {
            return;
        }
        match live::compile(&files) {
            Ok(project) => {
                let mut problems = project.compiled.warnings.clone();
                problems.extend(project.lint());
                let edited = tokens.original.with_untracked(|o| live::edited(o, &files));
                if edited {
                    workbench.token_css.set(Some(live::canvas_css(&project)));
                    ours.set_value(true);
                } else if ours.get_value() {
                    workbench.token_css.set(None);
                    ours.set_value(false);
                }
                tokens.project.set(Some(Arc::new(project)));
                tokens.problems.set(problems);
                tokens.compiled.set(true);
            }
            Err(failure) => {
                let mut problems = failure.diagnostics;
                // Errors first: they are why nothing changed.
                problems.sort_by_key(|d| !d.is_error());
                tokens.problems.set(problems);
                tokens.compiled.set(false);
            }
        }
    });
}

/// The pages' own look, added to the preview's document once.
fn add_stylesheet() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    const ID: &str = "bandeau-preview-token-pages";
    if document.get_element_by_id(ID).is_some() {
        return;
    }
    let (Some(head), Ok(style)) = (document.head(), document.create_element("style")) else {
        return;
    };
    style.set_id(ID);
    style.set_text_content(Some(include_str!("tokens.css")));
    let _ = head.append_child(&style);
}

/// Every token as what it is, and the contrast matrix.
#[component]
pub fn TokenPages() -> impl IntoView {
    let tokens = use_tokens();
    view! {
        <div class="token-pages">
            {move || {
                tokens
                    .load_error
                    .get()
                    .map(|e| view! { <p class="token-error" role="alert">{e}</p> })
            }}
            {move || match tokens.project.get() {
                None => {
                    view! { <p class="token-loading">"Compiling the tokens…"</p> }.into_any()
                }
                Some(project) => {
                    view! {
                        <swatches::Swatches project=project.clone() />
                        <scale::Scales project=project.clone() />
                        <contrast::Matrix project=project />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
