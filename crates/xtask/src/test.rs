//! `cargo xtask test`: every check CI runs, in order, stopping at the first
//! failure. Cheap checks come first so a formatting slip fails in seconds.

use std::sync::OnceLock;

use crate::{build, bundle, preview, setup, util};

/// The browser engines the cross-engine steps run in, as
/// `tests/browser/engine.mjs` names them.
pub const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

/// What `cargo xtask test` was asked to run: by default every step in
/// every engine, as CI does.
pub struct Selection {
    pub engines: Vec<String>,
    /// Only the steps whose name contains this (later steps may need what
    /// earlier ones write into target/).
    pub step: Option<String>,
}

static SELECTION: OnceLock<Selection> = OnceLock::new();

/// The engines this run covers.
pub fn engines() -> Vec<String> {
    SELECTION
        .get()
        .map(|s| s.engines.clone())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| ENGINES.iter().map(|e| e.to_string()).collect())
}

struct Step {
    name: &'static str,
    run: fn() -> Result<(), String>,
}

const STEPS: &[Step] = &[
    Step {
        name: "setup",
        run: setup::run,
    },
    Step {
        name: "cargo fmt",
        run: || util::run(util::cargo().args(["fmt", "--all", "--check"])),
    },
    Step {
        name: "cargo clippy",
        run: || {
            util::run(util::cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        },
    },
    Step {
        // Licences, banned crates and sources of every dependency
        // (deny.toml); the advisories check needs a database from GitHub.
        name: "licences and bans",
        run: || {
            util::run(util::cargo().args(["deny", "check", "licenses", "bans", "sources"]))?;
            single_versions_in_wasm()
        },
    },
    Step {
        name: "cargo test",
        run: || util::run(util::cargo().args(["test", "--workspace"])),
    },
    Step {
        // The token core and the navigation model must stay free of file-system
        // and process code so that they run in the browser; this build proves it.
        name: "pure crates for wasm32",
        run: || {
            util::run(util::cargo().args([
                "build",
                "-p",
                "bandeau-tokens",
                "-p",
                "bandeau-navigation",
                "--lib",
                "--no-default-features",
                "--target",
                "wasm32-unknown-unknown",
            ]))
        },
    },
    Step {
        // The same core compiled to wasm and run in the three engines, as
        // the preview's live token editor runs it.
        name: "token core in three engines",
        run: || {
            in_browsers(&[
                "-p",
                "bandeau-tokens",
                "--no-default-features",
                "--features",
                "wasm",
                "--test",
                "browser",
            ])
        },
    },
    Step {
        // The suite chrome in Chromium, Firefox ESR and WebKitGTK: the
        // views story by story and the custom elements, each inside a
        // shadow root as in a page.
        name: "widgets in three engines",
        run: || in_browsers(&["-p", "bandeau-widgets", "-p", "bandeau-embed"]),
    },
    Step {
        // The real tokens must compile and pass the compiler's accessibility lint.
        name: "project tokens",
        run: || build::run().map(drop),
    },
    Step {
        // The suite's apps' files read by what reads them: the Cunningham
        // CLI, a YAML parser, sh with a stand-in occ, Element's
        // `custom_themes` shape. Needs the outputs of the previous step.
        name: "suite apps' theme files",
        run: suite_apps,
    },
    Step {
        // Every code block of README.md and docs/*.md checked or run, so the
        // guides cannot rot (TypeScript blocks: the npm package step).
        name: "docs",
        run: crate::docs::run,
    },
    Step {
        // What the compiled CSS does in a real browser: themes, `auto`,
        // brands, shadow roots. Needs the outputs of the previous step.
        name: "token CSS in Chromium",
        run: || {
            let root = util::repo_root();
            util::run(
                util::command("node")
                    .args(["--test", "--test-reporter=spec"])
                    .arg(root.join("tests/browser/tokens_css.test.mjs"))
                    .env("BANDEAU_TOOLS", util::tools_dir())
                    .env("BANDEAU_TOKENS_DIR", util::target_dir().join("tokens"))
                    .env("BANDEAU_TOKENS_CLI", build::token_cli_path())
                    .env("BANDEAU_RESOLVER", root.join(build::RESOLVER)),
            )
        },
    },
    Step {
        // The suite chrome as vendors get it: the script-tag bundle on the
        // example pages, served by the preview server with its navigation
        // endpoints, driven by real key presses and clicks in Chromium,
        // Firefox ESR and WebKitGTK (WebDriver, tests/browser/engine.mjs).
        name: "chrome end to end in three engines",
        run: end_to_end,
    },
    Step {
        // The designers' workbench (crates/preview) served, then exported as
        // a static site and served by a plain static server: every story,
        // axe-core per theme, toolbar, controls, URLs, token tools.
        name: "preview workbench in Chromium",
        run: workbench,
    },
    Step {
        // The npm package itself: packed files against its exports, its
        // types under `tsc --strict` with and without React, its entry in
        // Node and in the three engines. Needs the `pkg/` the previous step
        // built.
        name: "npm package",
        run: crate::package::check::run,
    },
    Step {
        // The npm package as app developers get it: packed, installed from
        // the tarball into the Vite examples, type-checked together with the
        // docs' code blocks, built, and clicked through in the three
        // engines. Needs the `pkg/` the end-to-end step built.
        name: "npm package in Vite apps",
        run: crate::examples::run,
    },
];

/// Runs `tests/suite/` on the apps' files in `target/tokens`, with the
/// tools it reads them with (`cargo xtask setup` installs them).
fn suite_apps() -> Result<(), String> {
    let root = util::repo_root();
    setup::suite_apps()?;
    util::run(
        util::command("node")
            .args(["--test", "--test-reporter=spec", "--test-timeout=120000"])
            .arg(root.join("tests/suite/"))
            .env("BANDEAU_TOOLS", util::tools_dir())
            .env("BANDEAU_TOKENS_DIR", util::target_dir().join("tokens"))
            .env("BANDEAU_RESOLVER", root.join(build::RESOLVER)),
    )
}

/// Builds `pkg/` as `cargo xtask build` does (which writes and checks the
/// SBOMs the package ships: `cargo xtask sbom`), serves it with the
/// examples on a free loopback port, and runs `tests/browser/e2e/` against
/// it.
/// Needs the compiled tokens of the `project tokens` step.
fn end_to_end() -> Result<(), String> {
    let root = util::repo_root();
    let tokens = util::target_dir().join("tokens");
    bundle::run(&tokens)?;
    let base = preview::spawn(&util::target_dir().join("e2e-site"), &tokens, None)?;
    println!("end to end: serving the examples at {base}/");
    for engine in engines() {
        println!("end to end: in {engine}");
        util::run(
            util::command("node")
                .args(["--test", "--test-reporter=spec", "--test-timeout=300000"])
                .arg(root.join("tests/browser/e2e/"))
                .env("BANDEAU_TOOLS", util::tools_dir())
                .env("BANDEAU_ENGINE", &engine)
                .env("BANDEAU_URL", &base),
        )
        .map_err(|e| format!("in {engine}: {e}"))?;
    }
    Ok(())
}

/// Builds the workbench app and runs `tests/browser/preview/` against the
/// served preview and against its static export. Needs `pkg/` and the
/// compiled tokens of the earlier steps.
fn workbench() -> Result<(), String> {
    let root = util::repo_root();
    let tokens = util::target_dir().join("tokens");
    let app = preview::build_app()?;
    let served = preview::spawn(
        &util::target_dir().join("preview-test-site"),
        &tokens,
        Some(&app),
    )?;
    let exported = preview::spawn_export(
        &util::target_dir().join("preview-test-export"),
        &tokens,
        &app,
    )?;
    for (what, base) in [("served", served), ("static export", exported)] {
        println!("preview workbench: the {what} site at {base}/");
        util::run(
            util::command("node")
                .args(["--test", "--test-reporter=spec"])
                .arg(root.join("tests/browser/preview/"))
                .env("BANDEAU_TOOLS", util::tools_dir())
                .env("BANDEAU_URL", base),
        )?;
    }
    Ok(())
}

/// `cargo test` of wasm32 test targets in each engine: wasm-bindgen-test's
/// runner serves the tests' page and `tests/browser/wasm-test.mjs` opens it
/// in the engine through the same WebDriver runner as the other browser
/// tests, and reports what the page printed.
fn in_browsers(args: &[&str]) -> Result<(), String> {
    let runner = util::repo_root().join("tests/browser/wasm-test.mjs");
    for engine in engines() {
        println!("wasm tests: in {engine}");
        util::run(
            util::cargo()
                .arg("test")
                .args(args)
                .args(["--target", "wasm32-unknown-unknown"])
                .env("BANDEAU_ENGINE", &engine)
                .env("BANDEAU_TOOLS", util::tools_dir())
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    format!("node {}", runner.display()),
                ),
        )
        .map_err(|e| format!("in {engine}: {e}"))?;
    }
    Ok(())
}

pub fn run(selection: Selection) -> Result<(), String> {
    for engine in &selection.engines {
        if !ENGINES.contains(&engine.as_str()) {
            return Err(format!(
                "--engine {engine}: expected one of {}",
                ENGINES.join(", ")
            ));
        }
    }
    let only = selection.step.clone();
    let _ = SELECTION.set(selection);
    // A step's full name picks that step alone, even when it is part of
    // another's (`npm package` and `npm package in Vite apps`).
    let exact: Vec<&Step> = STEPS
        .iter()
        .filter(|s| only.as_deref() == Some(s.name))
        .collect();
    let chosen: Vec<&Step> = if exact.is_empty() {
        STEPS
            .iter()
            .filter(|s| only.as_deref().is_none_or(|o| s.name.contains(o)))
            .collect()
    } else {
        exact
    };
    if chosen.is_empty() {
        return Err(format!(
            "no step's name contains {:?}",
            only.unwrap_or_default()
        ));
    }
    for (index, step) in chosen.iter().enumerate() {
        println!("xtask test: [{}/{}] {}", index + 1, chosen.len(), step.name);
        (step.run)().map_err(|e| format!("xtask test: step `{}` failed: {e}", step.name))?;
    }
    // The line CI reads to count what ran.
    println!("xtask: {} passed, 0 failed", chosen.len());
    Ok(())
}

/// No crate compiled into the shipped wasm (the chrome and the brand
/// module) twice in two versions: each copy costs bytes in a budgeted
/// bundle. Build and dev dependencies do not ship, so only normal edges
/// count, which cargo-deny's graph cannot express.
fn single_versions_in_wasm() -> Result<(), String> {
    let output = util::cargo()
        .args(["tree", "--quiet", "--duplicates", "--edges", "normal"])
        .args(["--target", "wasm32-unknown-unknown"])
        .args(["-p", "bandeau-embed", "-p", "bandeau-brand"])
        .output()
        .map_err(|e| format!("running cargo tree: {e}"))?;
    let tree = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if !tree.trim().is_empty() {
        return Err(format!(
            "crates compiled into the wasm in more than one version:\n{tree}"
        ));
    }
    println!("licences and bans: every crate in the wasm comes in one version");
    Ok(())
}
