//! The surfaces of the project's themes, computed once from `tokens/` so
//! the browser derives brands against them without the compiler.

use bandeau_tokens::brand::{surfaces_to_json, theme_surfaces};
use bandeau_tokens::files::compile_in_build_script;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let resolver = manifest.join("../../tokens/bandeau.resolver.json");
    let compiled = compile_in_build_script(&resolver);
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    let json = surfaces_to_json(&theme_surfaces(&compiled));
    fs::write(out.join("surfaces.json"), json.to_string()).expect("OUT_DIR is writable");
}
