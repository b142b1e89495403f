//! `bandeau-preview`: the designers' workbench, a Leptos CSR app served by
//! `cargo xtask preview` (and written as a static site by its `--export`).
//! The canvas is a frame with the real script-tag bundle; everything else
//! (stories, controls, docs, tokens, brand checks) is this app.

mod app;
mod axe;
mod brand;
mod canvas;
mod catalogue;
mod controls;
mod docs;
mod state;
mod tokens;
mod workbench;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
