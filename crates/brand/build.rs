//! The surfaces of the project's themes, computed once from `tokens/` so
//! the browser derives brands against them without the compiler.

use bandeau_tokens::brand::{surfaces_to_json, theme_surfaces};
use bandeau_tokens::files::compile_resolver_file;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let resolver = manifest.join("../../tokens/bandeau.resolver.json");
    let (compiled, read) = compile_resolver_file(&resolver)
        .unwrap_or_else(|problems| panic!("the project's tokens do not compile:\n{problems}"));
    for path in read {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    let json = surfaces_to_json(&theme_surfaces(&compiled));
    fs::write(out.join("surfaces.json"), json.to_string()).expect("OUT_DIR is writable");
}
