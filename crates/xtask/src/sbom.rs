//! `cargo xtask sbom`: CycloneDX SBOMs of what Bandeau ships, for openDesk's
//! supply-chain records, written to `target/sbom/`:
//!
//! - `bandeau-npm.cdx.json`: the npm package and the script-tag bundle. Its
//!   JavaScript is our own, so its components are the Rust crates compiled
//!   into the wasm (`crates/embed` for wasm32, without build-time crates);
//! - `bandeau-brand.cdx.json`: the brand module in `pkg/brand/`;
//! - `bandeau-tokens-cli.cdx.json`: the token compiler's command line.
//!
//! cargo-cyclonedx writes next to every workspace manifest; the files are
//! moved out, so the source tree stays clean.

use crate::{setup, util};
use std::path::{Path, PathBuf};

/// Which crate, built for which target, under which name.
const BOMS: [(&str, &str, Target); 3] = [
    ("embed", "bandeau-npm", Target::Wasm),
    ("brand", "bandeau-brand", Target::Wasm),
    ("tokens", "bandeau-tokens-cli", Target::Host),
];

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Wasm,
    Host,
}

pub fn run() -> Result<Vec<PathBuf>, String> {
    setup::cargo_cyclonedx()?;
    let root = util::repo_root();
    let out = util::target_dir().join("sbom");
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    let mut written = Vec::new();
    for target in [Target::Wasm, Target::Host] {
        generate(&root, target)?;
        for (krate, name, wanted) in BOMS {
            let made = root
                .join("crates")
                .join(krate)
                .join(format!("bandeau-{krate}.cdx.json"));
            if wanted == target {
                let to = out.join(format!("{name}.cdx.json"));
                std::fs::copy(&made, &to)
                    .map_err(|e| format!("copying {}: {e}", made.display()))?;
                check(&to, krate)?;
                written.push(to);
            }
        }
        remove_generated(&root)?;
    }
    for path in &written {
        println!("sbom: {}", util::shown(path));
    }
    Ok(written)
}

fn generate(root: &Path, target: Target) -> Result<(), String> {
    let mut command = util::cargo();
    command
        .current_dir(root)
        // Reproducible: the same sources give the same files.
        .env("SOURCE_DATE_EPOCH", "0")
        .args([
            "cyclonedx",
            "-f",
            "json",
            "--spec-version",
            "1.5",
            "--no-build-deps",
            "-q",
        ]);
    if target == Target::Wasm {
        command.args(["--target", "wasm32-unknown-unknown"]);
    }
    util::run(&mut command)
}

/// A file the tool wrote is valid JSON with components, and names the
/// crate it describes.
fn check(path: &Path, krate: &str) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let bom: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    let named = bom["metadata"]["component"]["name"].as_str() == Some(&format!("bandeau-{krate}"));
    let components = bom["components"].as_array().map_or(0, Vec::len);
    if bom["bomFormat"] != "CycloneDX" || !named || components == 0 {
        return Err(format!(
            "{}: not a CycloneDX SBOM of bandeau-{krate}",
            path.display()
        ));
    }
    Ok(())
}

/// The per-crate files cargo-cyclonedx leaves beside each manifest.
fn remove_generated(root: &Path) -> Result<(), String> {
    let crates = root.join("crates");
    let entries =
        std::fs::read_dir(&crates).map_err(|e| format!("reading {}: {e}", crates.display()))?;
    for entry in entries.flatten() {
        let Ok(files) = std::fs::read_dir(entry.path()) else {
            continue;
        };
        for file in files.flatten() {
            if file.file_name().to_string_lossy().ends_with(".cdx.json") {
                std::fs::remove_file(file.path())
                    .map_err(|e| format!("removing {}: {e}", file.path().display()))?;
            }
        }
    }
    Ok(())
}
