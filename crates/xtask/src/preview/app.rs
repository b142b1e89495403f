//! The designers' workbench (`crates/preview`): built for wasm32 and put
//! through the pinned wasm-bindgen CLI, then laid out with its static
//! files into the preview site.

use std::path::{Path, PathBuf};

use crate::util::{self, copy_file, read_dir};

const CRATE: &str = "bandeau-preview";
/// The workspace profile the app is built with (Cargo.toml explains it).
const PROFILE: &str = "preview";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// What `static/preview.js` imports: `app/bandeau_preview.js`.
const OUT_NAME: &str = "bandeau_preview";

/// The app's files (`app/*.js`, `app/*_bg.wasm`), freshly built into
/// `target/preview-app/`. Returns that folder.
pub fn build() -> Result<PathBuf, String> {
    util::run(util::cargo().args([
        "build",
        "-p",
        CRATE,
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
    ]))?;
    let wasm = util::target_dir()
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(format!("{CRATE}.wasm"));
    let out = util::target_dir().join("preview-app");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("clearing {}: {e}", out.display()))?;
    }
    util::run(
        util::command("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                OUT_NAME,
                "--out-dir",
            ])
            .arg(&out)
            .arg(&wasm),
    )?;
    Ok(out)
}

/// Copies the app, its static files, the bundle's brand sample, the story
/// assets, the token sources the live editor loads and axe-core into
/// `site`. `pkg` is the script-tag bundle to copy along, for a site that
/// is served without our server (the server maps `/pkg/` itself).
pub fn install(site: &Path, app: &Path, pkg: Option<&Path>) -> Result<(), String> {
    let repo = util::repo_root();
    let krate = repo.join("crates/preview/static");
    copy_tree(&krate, site)?;
    copy_tree(app, &site.join("app"))?;
    let copies = [
        ("examples/brand/green.json", "brands/green.json"),
        ("examples/shared/avatar.svg", "assets/avatar.svg"),
        ("examples/shared/favicon.svg", "assets/favicon.svg"),
        ("examples/login/logo.svg", "assets/logo.svg"),
        ("examples/login/background.svg", "assets/background.svg"),
    ];
    for (from, to) in copies {
        copy_file(&repo.join(from), &site.join(to))?;
    }
    token_sources(&repo.join("tokens"), &site.join("token-sources"))?;
    let axe = util::tools_dir().join("node_modules/axe-core/axe.min.js");
    copy_file(&axe, &site.join("vendor/axe.min.js"))
        .map_err(|e| format!("{e} (axe-core is installed by `cargo xtask setup`)"))?;
    if let Some(pkg) = pkg {
        if !pkg.join("bandeau.js").is_file() {
            return Err(format!(
                "{} has no bandeau.js; `cargo xtask build` makes it",
                pkg.display()
            ));
        }
        copy_tree(pkg, &site.join("pkg"))?;
    }
    Ok(())
}

/// Every file of `tokens/` under `out`, and `out/index.json` listing them
/// ('/'-separated, relative to `tokens/`) for the editor to fetch.
fn token_sources(tokens: &Path, out: &Path) -> Result<(), String> {
    copy_tree(tokens, out)?;
    let mut files = Vec::new();
    list(tokens, tokens, &mut files)?;
    files.sort();
    let index = serde_json::Value::from(files).to_string();
    write(&out.join("index.json"), &index)
}

fn list(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    for entry in read_dir(dir)? {
        let path = entry.path();
        if path.is_dir() {
            list(root, &path, out)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

pub fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    for entry in read_dir(from)? {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            copy_file(&path, &target)?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_sources_are_listed_with_forward_slashes() {
        let scratch = std::env::temp_dir().join(format!("xtask-sources-{}", std::process::id()));
        let tokens = scratch.join("tokens");
        std::fs::create_dir_all(tokens.join("themes")).unwrap();
        std::fs::write(tokens.join("a.resolver.json"), "{}").unwrap();
        std::fs::write(tokens.join("themes/dark.tokens.json"), "{}").unwrap();
        let out = scratch.join("out");
        token_sources(&tokens, &out).unwrap();
        let index = std::fs::read_to_string(out.join("index.json")).unwrap();
        assert_eq!(index, r#"["a.resolver.json","themes/dark.tokens.json"]"#);
        assert!(out.join("themes/dark.tokens.json").is_file());
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
