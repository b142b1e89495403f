//! The npm package `bandeau`: the script-tag bundle in `pkg/` plus an entry
//! for bundlers, TypeScript declarations, the Custom Elements Manifest, the
//! design tokens and `package.json`, all written from the crates' data so
//! nothing in `pkg/` is edited by hand.
//!
//! The bundle step (`bundle.rs`) calls [`write`] on its staging directory
//! before it minifies, and [`finish`] once every file is in place.

pub mod check;
mod entry;
mod json;
mod manifest;
mod package_json;
mod tokens;
mod types;

use std::path::Path;

use crate::{build, util};

pub use package_json::EXPORTS;

/// What the bundle step knows about the module it built.
pub struct Bundle<'a> {
    /// The staging directory that becomes `pkg/`.
    pub dir: &'a Path,
    /// `cargo xtask build`'s compiled tokens (`target/tokens`).
    pub tokens: &'a Path,
    /// The wasm-bindgen glue and the wasm, file names inside `dir`.
    pub glue: &'a str,
    pub wasm: &'a str,
    pub wasm_integrity: &'a str,
    /// The export that defines the elements, when init does not.
    pub start: Option<&'a str>,
}

/// wasm-pack's own package files: the package is `bandeau`, not the crate,
/// and the glue's declarations describe internals no export reaches.
const WASM_PACK_FILES: [&str; 5] = [
    "package.json",
    "README.md",
    ".gitignore",
    "bandeau_embed.d.ts",
    "bandeau_embed_bg.wasm.d.ts",
];

/// Files in the staging directory that are not part of the package.
const NOT_SHIPPED: [&str; 3] = ["package.json", ".gitkeep", ".gitignore"];

/// Writes the package's files beside the bundle in `bundle.dir`; returns
/// the JavaScript among them, to be minified with the bundle's.
pub fn write(bundle: &Bundle) -> Result<Vec<String>, String> {
    let dir = bundle.dir;
    for leftover in WASM_PACK_FILES {
        let path = dir.join(leftover);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| format!("removing {}: {e}", path.display()))?;
        }
    }
    write_file(
        &dir.join("index.js"),
        &entry::index_js(
            bundle.glue,
            bundle.wasm,
            bundle.wasm_integrity,
            bundle.start,
        ),
    )?;
    write_file(&dir.join("index.d.ts"), &types::index_d_ts())?;
    write_file(&dir.join("bandeau.d.ts"), entry::SCRIPT_TAG_D_TS)?;
    tokens::write(bundle.tokens, dir)?;
    let css = tokens::css_properties(&util::repo_root().join(build::RESOLVER))?;
    let manifest = manifest::custom_elements_json(&css)?;
    write_file(&dir.join("custom-elements.json"), &manifest.pretty())?;
    sboms(dir)?;
    Ok(vec!["index.js".into(), "tokens.js".into()])
}

/// `cargo xtask sbom`'s CycloneDX SBOMs of the two wasm modules (the Rust
/// crates compiled into each; the JavaScript is our own), shipped in the
/// package so a consumer's supply-chain record can take them from there.
/// It takes a second or two once cargo-cyclonedx is installed.
fn sboms(dir: &Path) -> Result<(), String> {
    let written = crate::sbom::run()?;
    for (made, shipped) in SBOMS {
        let from = written
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n == made))
            .ok_or_else(|| format!("`cargo xtask sbom` wrote no {made}"))?;
        std::fs::copy(from, dir.join(shipped))
            .map_err(|e| format!("copying {}: {e}", from.display()))?;
    }
    Ok(())
}

/// `(written by cargo xtask sbom, name in the package)`.
const SBOMS: [(&str, &str); 2] = [
    ("bandeau-npm.cdx.json", "sbom.cdx.json"),
    ("bandeau-brand.cdx.json", "sbom.brand.cdx.json"),
];

/// Writes `package.json`, listing what `dir` holds by then.
pub fn finish(dir: &Path) -> Result<(), String> {
    let entries = entries(dir)?;
    let json = package_json::package_json(&entries);
    write_file(&dir.join("package.json"), &json.pretty())?;
    let written = check::package_files(dir)?;
    for (subpath, types, file) in EXPORTS {
        for path in types.iter().chain([&file]) {
            if !written
                .iter()
                .any(|f| package_json::export_matches(path, f))
            {
                return Err(format!(
                    "package export `{subpath}`: {path} was not written"
                ));
            }
        }
    }
    println!(
        "package: npm package `{}` in the bundle",
        package_json::NAME
    );
    Ok(())
}

/// The top-level files and directories (`/`-terminated) of the package,
/// sorted.
fn entries(dir: &Path) -> Result<Vec<String>, String> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| format!("reading {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if NOT_SHIPPED.contains(&name.as_str()) {
            continue;
        }
        if entry.path().is_dir() {
            entries.push(format!("{name}/"));
        } else {
            entries.push(name);
        }
    }
    entries.sort();
    Ok(entries)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}
