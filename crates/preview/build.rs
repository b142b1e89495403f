//! Reads the project's tokens once at build time for what the app shows
//! without compiling tokens itself: the component tokens the docs tab
//! lists as each element's CSS custom properties. (A typed brand colour is
//! derived by `bandeau-brand`, with the theme surfaces it computes.)

use bandeau_elements::ELEMENTS;
use bandeau_tokens::emit::properties::custom_properties;
use bandeau_tokens::emit::Options;
use bandeau_tokens::files::compile_in_build_script;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let resolver = manifest.join("../../tokens/bandeau.resolver.json");
    let compiled = compile_in_build_script(&resolver);
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));

    // Each element's token groups, in the light theme, as
    // `custom-elements.json` lists them (the same core function).
    let groups = custom_properties(&compiled, &[("theme", "light")], &Options::default());
    let used: std::collections::BTreeSet<&str> = ELEMENTS
        .iter()
        .flat_map(|e| e.token_groups.iter().copied())
        .collect();
    let properties: Vec<serde_json::Value> = used
        .into_iter()
        .flat_map(|g| groups.get(g).into_iter().flatten())
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "type": p.ty,
                "description": p.description.clone().unwrap_or_default(),
                "value": p.value,
            })
        })
        .collect();
    fs::write(
        out.join("css_properties.json"),
        serde_json::Value::from(properties).to_string(),
    )
    .expect("OUT_DIR is writable");
}
