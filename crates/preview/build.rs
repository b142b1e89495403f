//! Reads the project's tokens once at build time for what the app shows
//! without compiling tokens itself: the theme surfaces a typed brand colour
//! is derived and checked against (as `bandeau-brand` does for the
//! `brand` attribute), and the component tokens the docs tab lists as each
//! element's CSS custom properties.

use bandeau_tokens::brand::{surfaces_to_json, theme_surfaces};
use bandeau_tokens::files::compile_resolver_file;
use std::path::PathBuf;
use std::{env, fs};

/// The token groups of `bandeau-elements`' `token_groups`.
const GROUPS: [&str; 4] = ["bar", "launcher", "user-menu", "login"];

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let resolver = manifest.join("../../tokens/bandeau.resolver.json");
    let (compiled, read) = compile_resolver_file(&resolver)
        .unwrap_or_else(|problems| panic!("the project's tokens do not compile:\n{problems}"));
    for path in read {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    let surfaces = surfaces_to_json(&theme_surfaces(&compiled));
    fs::write(out.join("surfaces.json"), surfaces.to_string()).expect("OUT_DIR is writable");

    let properties: Vec<serde_json::Value> = compiled
        .base()
        .tokens
        .tokens
        .iter()
        .filter(|t| GROUPS.iter().any(|g| t.path.split('.').next() == Some(g)))
        .map(|t| {
            serde_json::json!({
                "name": format!("--bd-{}", t.path.replace('.', "-")),
                "type": t.ty.name(),
                "description": t.description.clone().unwrap_or_default(),
            })
        })
        .collect();
    fs::write(
        out.join("css_properties.json"),
        serde_json::Value::from(properties).to_string(),
    )
    .expect("OUT_DIR is writable");
}
