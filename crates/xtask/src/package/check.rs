//! The `npm package` step of `cargo xtask test`: `pkg/` packed by `npm
//! pack` must hold exactly its files and every file an export names; the
//! tarball, installed like a dependency, must type-check in a strict
//! TypeScript app with and without React (the `@ts-expect-error` lines in
//! `consumer/` fail the check if the types get looser), import in Node
//! without side effects, and define working elements in Chromium, Firefox
//! ESR and WebKitGTK (`tests/browser/engine.mjs`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::npm::{self, Package};
use crate::{setup, util};

use super::package_json::export_matches;
use super::EXPORTS;

/// React's types for the JSX check, at the release the React example uses.
const REACT_TYPES: Package = Package::exact("@types/react", "19.3.0");

const PLAIN_TS: &str = include_str!("consumer/plain.ts");
const REACT_TSX: &str = include_str!("consumer/react.tsx");
const NODE_TEST: &str = include_str!("consumer/node.mjs");
const BROWSER_TEST: &str = include_str!("consumer/browser.mjs");

/// Checks the package in `pkg/`, which the end-to-end step built.
pub fn run() -> Result<(), String> {
    let pkg = util::repo_root().join("pkg");
    if !pkg.join("package.json").is_file() {
        return Err("pkg/package.json is missing: run `cargo xtask build` first".into());
    }
    let tsc = setup::typescript()?;
    setup::browser()?;
    let tools = util::tools_dir();
    for line in npm::ensure(&tools, &[REACT_TYPES])? {
        println!("npm package: {line}");
    }
    let work = util::target_dir().join("package-check");
    fresh_dir(&work)?;

    let (tarball, packed) = pack(&pkg, &work)?;
    check_packed(&packed, &package_files(&pkg)?)?;
    println!(
        "npm package: {} packs {} files, every export among them",
        util::shown(&pkg),
        packed.len()
    );

    let plain = work.join("plain");
    install(&tarball, &plain)?;
    write(&plain.join("package.json"), "{ \"type\": \"module\" }\n")?;
    write(&plain.join("main.ts"), PLAIN_TS)?;
    for (config, resolution) in [
        ("tsconfig.json", "bundler"),
        ("tsconfig.node.json", "nodenext"),
    ] {
        let module = if resolution == "bundler" {
            "esnext"
        } else {
            "nodenext"
        };
        let options = serde_json::json!({
            "compilerOptions": compiler_options(module, resolution),
            "files": ["main.ts"],
        });
        write(&plain.join(config), &format!("{options:#}\n"))?;
        type_check(&tsc, &plain.join(config))?;
    }
    println!("npm package: types hold in a strict app without React (bundler and nodenext)");

    let react = work.join("react");
    install(&tarball, &react)?;
    link(
        &tools.join("node_modules/@types/react"),
        &react.join("node_modules/@types/react"),
    )?;
    link(
        &tools.join("node_modules/csstype"),
        &react.join("node_modules/csstype"),
    )?;
    write(&react.join("app.tsx"), REACT_TSX)?;
    let mut options = compiler_options("esnext", "bundler");
    options["jsx"] = "react-jsx".into();
    options["types"] = serde_json::json!([]);
    let config = serde_json::json!({ "compilerOptions": options, "files": ["app.tsx"] });
    write(&react.join("tsconfig.json"), &format!("{config:#}\n"))?;
    type_check(&tsc, &react.join("tsconfig.json"))?;
    println!("npm package: JSX types hold with React 19's types");

    write(&plain.join("node.test.mjs"), NODE_TEST)?;
    write(&plain.join("browser.test.mjs"), BROWSER_TEST)?;
    let package = plain.join("node_modules/bandeau");
    util::run(consumer_test(&plain, "node.test.mjs", 60).env("BANDEAU_PACKAGE", &package))?;
    let engine = util::repo_root().join("tests/browser/engine.mjs");
    for name in crate::test::engines() {
        println!("npm package: the entry in {name}");
        util::run(
            // A browser session per page: slower in Firefox and WebKit.
            consumer_test(&plain, "browser.test.mjs", 300)
                .env("BANDEAU_TOOLS", &tools)
                .env("BANDEAU_PACKAGE", &package)
                .env("BANDEAU_ENGINE", &name)
                .env("BANDEAU_ENGINE_MODULE", &engine),
        )
        .map_err(|e| format!("in {name}: {e}"))?;
    }
    Ok(())
}

/// `node --test` of one of the consumer's test files in `app`; a hang
/// fails the step after `seconds` instead of stalling CI.
fn consumer_test(app: &Path, file: &str, seconds: u32) -> std::process::Command {
    let mut command = util::command("node");
    command
        .current_dir(app)
        .args(["--test", "--test-reporter=spec"])
        .arg(format!("--test-timeout={}", seconds * 1000))
        .arg(file);
    command
}

/// What a careful consumer turns on: strict, and the package's own
/// declarations checked too (no `skipLibCheck`).
fn compiler_options(module: &str, resolution: &str) -> serde_json::Value {
    serde_json::json!({
        "strict": true,
        "exactOptionalPropertyTypes": true,
        "noUnusedLocals": true,
        "noUnusedParameters": true,
        "verbatimModuleSyntax": true,
        "noEmit": true,
        "skipLibCheck": false,
        "target": "es2022",
        "lib": ["es2022", "dom", "dom.iterable"],
        "module": module,
        "moduleResolution": resolution,
        "types": [],
    })
}

fn type_check(tsc: &Path, config: &Path) -> Result<(), String> {
    util::run(
        util::command("node")
            .arg(tsc)
            .args(["--pretty", "false", "-p"])
            .arg(config),
    )
    .map_err(|e| format!("the package's types fail {}: {e}", util::shown(config)))
}

/// `npm pack` of `pkg` into `into`; returns the tarball and the paths it
/// holds, as npm lists them.
pub(crate) fn pack(pkg: &Path, into: &Path) -> Result<(PathBuf, Vec<String>), String> {
    let mut command = util::command("npm");
    command
        .args(["pack", "--json", "--pack-destination"])
        .arg(into)
        .arg(pkg)
        .stderr(Stdio::inherit());
    let output = command
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&command)))?;
    if !output.status.success() {
        return Err(format!("`{}` failed", util::describe(&command)));
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("npm pack --json printed no JSON: {e}"))?;
    let entry = &report[0];
    let tarball = entry["filename"]
        .as_str()
        .map(|name| into.join(name))
        .ok_or("npm pack --json names no tarball")?;
    let files = entry["files"]
        .as_array()
        .ok_or("npm pack --json lists no files")?
        .iter()
        .filter_map(|f| f["path"].as_str().map(str::to_string))
        .collect();
    Ok((tarball, files))
}

/// Every file under `pkg` that belongs to the package, `/`-separated.
pub(super) fn package_files(pkg: &Path) -> Result<BTreeSet<String>, String> {
    let mut files = BTreeSet::new();
    let mut dirs = vec![pkg.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let relative = path.strip_prefix(pkg).unwrap_or(&path);
            let name: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.insert(name.join("/"));
        }
    }
    files.remove(".gitkeep");
    Ok(files)
}

/// The packed list must be the package's files, no more and no less, and
/// hold every file an export points at.
fn check_packed(packed: &[String], expected: &BTreeSet<String>) -> Result<(), String> {
    let packed: BTreeSet<String> = packed.iter().cloned().collect();
    for (subpath, types, file) in EXPORTS {
        for path in types.iter().chain([&file]) {
            if !packed.iter().any(|f| export_matches(path, f)) {
                let path = path.trim_start_matches("./");
                return Err(format!(
                    "npm pack: the export `{subpath}` points at {path}, which is not packed"
                ));
            }
        }
    }
    let missing: Vec<&String> = expected.difference(&packed).collect();
    let extra: Vec<&String> = packed.difference(expected).collect();
    if !missing.is_empty() || !extra.is_empty() {
        return Err(format!(
            "npm pack: the tarball differs from pkg/: left out {missing:?}, added {extra:?}"
        ));
    }
    Ok(())
}

/// The tarball unpacked as `node_modules/bandeau` of a fresh app in `app`.
fn install(tarball: &Path, app: &Path) -> Result<(), String> {
    let modules = app.join("node_modules");
    std::fs::create_dir_all(&modules)
        .map_err(|e| format!("creating {}: {e}", modules.display()))?;
    util::run(
        util::command("tar")
            .arg("-xzf")
            .arg(tarball)
            .arg("-C")
            .arg(&modules),
    )?;
    // npm tarballs hold one top-level directory, `package/`.
    let unpacked = modules.join("package");
    std::fs::rename(&unpacked, modules.join(super::package_json::NAME))
        .map_err(|e| format!("renaming {}: {e}", unpacked.display()))
}

fn link(target: &Path, at: &Path) -> Result<(), String> {
    if let Some(parent) = at.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    std::os::unix::fs::symlink(target, at)
        .map_err(|e| format!("linking {} to {}: {e}", at.display(), target.display()))
}

fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file for every export; a pattern's `*` stands for a file name.
    fn all_exports() -> Vec<String> {
        let mut files: BTreeSet<String> = BTreeSet::new();
        for (_, types, file) in EXPORTS {
            for path in types.iter().chain([&file]) {
                let path = path
                    .trim_start_matches("./")
                    .replace('*', "ocean/theme.css");
                files.insert(path);
            }
        }
        files.into_iter().collect()
    }

    #[test]
    fn a_packed_list_must_match_the_package_and_hold_every_export() {
        let mut packed = all_exports();
        packed.push("bandeau_embed_bg.wasm".into());
        let expected: BTreeSet<String> = packed.iter().cloned().collect();
        assert!(check_packed(&packed, &expected).is_ok());

        let without_tokens: Vec<String> = packed
            .iter()
            .filter(|p| *p != "tokens.d.ts")
            .cloned()
            .collect();
        let error = check_packed(&without_tokens, &expected).unwrap_err();
        assert!(
            error.contains("`./tokens`") && error.contains("tokens.d.ts"),
            "{error}"
        );

        let without_themes: Vec<String> = packed
            .iter()
            .filter(|p| !p.starts_with("themes/"))
            .cloned()
            .collect();
        let error = check_packed(&without_themes, &expected).unwrap_err();
        assert!(
            error.contains("`./themes/*`") && error.contains("themes/*"),
            "{error}"
        );

        let mut with_stale = packed.clone();
        with_stale.push("old.js".into());
        let error = check_packed(&with_stale, &expected).unwrap_err();
        assert!(error.contains("added [\"old.js\"]"), "{error}");

        let mut more = expected.clone();
        more.insert("snippets/x/src/elements.js".into());
        let error = check_packed(&packed, &more).unwrap_err();
        assert!(
            error.contains("left out [\"snippets/x/src/elements.js\"]"),
            "{error}"
        );
    }

    #[test]
    fn the_consumers_expect_errors_so_loose_types_fail() {
        // Each file has lines that must not compile; without them the
        // check could not notice declarations that accept anything.
        assert!(PLAIN_TS.matches("@ts-expect-error").count() >= 8);
        assert!(REACT_TSX.matches("@ts-expect-error").count() >= 2);
        assert!(PLAIN_TS.contains("from 'bandeau/tokens'"));
    }
}
