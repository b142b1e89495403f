//! The npm package as an app developer gets it: `pkg/` packed by `npm pack`,
//! installed from that tarball into copies of the Vite examples, type-checked
//! by each example's own TypeScript (with the docs' TypeScript and JavaScript
//! blocks), built by Vite with its default settings, and clicked through in
//! Chromium, Firefox ESR and WebKitGTK (`tests/browser/npm/`, through
//! `tests/browser/engine.mjs`). The vanilla example is also built by webpack
//! 5 and Rollup 4 (`examples/bundlers/`) and served by Vite's development
//! server, the other ways the docs say the package works.
//!
//! Everything happens under `target/`: the examples in the source tree stay
//! free of `node_modules`, and a developer's own install there is ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::docs::{self, Block};
use crate::endpoints::Endpoints;
use crate::util::{read_dir, read_json};
use crate::{serve, util};

mod bundlers;
mod docs_blocks;
mod install;
mod vite;

use bundlers::*;
use docs_blocks::*;
use install::*;
use vite::*;

/// The examples, as directories of `examples/`.
const EXAMPLES: [&str; 2] = ["vite-react", "vite-vanilla"];

/// The package name the examples depend on.
const PACKAGE: &str = "bandeau";

/// The stem of the suite chrome's wasm in the package.
const CHROME_WASM: &str = "bandeau_embed_bg";

/// Needs the `pkg/` that `bundle::run` built (the end-to-end step does).
pub fn run() -> Result<(), String> {
    let root = util::repo_root();
    let pkg = root.join("pkg");
    let build = util::target_dir().join("examples-build");
    let started = Instant::now();

    let tarball = timed("npm pack", || {
        pack(&pkg, &util::target_dir().join("npm-pack"))
    })?;
    let blocks = docs_blocks(&root)?;
    let mut env = Vec::new();
    for name in EXAMPLES {
        let dir = build.join(name);
        let docs = if name == DOCS_HOST { &blocks[..] } else { &[] };
        timed(&format!("{name}: copy and npm install"), || {
            copy_example(&root.join("examples").join(name), &dir)?;
            install(&dir, &tarball, &needs(docs)?)?;
            same_files(&pkg, &dir.join("node_modules").join(PACKAGE))
        })?;
        timed(&format!("{name}: tsc"), || tsc(&dir))?;
        if !docs.is_empty() {
            timed(
                &format!("{name}: tsc of {} docs blocks", docs.len()),
                || check_docs(&dir, docs),
            )?;
        }
        timed(&format!("{name}: vite build"), || vite_build(&dir))?;
        let dist = dir.join("dist");
        with_event_log(&root, &dist.join("index.html"))?;
        let wasm = built_wasm(&dist)?;
        let base = serve_in_background(&dist)?;
        println!("examples: {name} serves {base}/ with {wasm}");
        let key = name.to_uppercase().replace('-', "_");
        env.push((format!("BANDEAU_{key}_URL"), base));
        env.push((format!("BANDEAU_{key}_WASM"), wasm));
    }
    env.extend(bundlers(&root, &pkg, &build, &tarball)?);
    // Vite's development server serves the copy that was just built: its
    // page gets the event log now, after the build took the page as it is.
    with_event_log(&root, &build.join(BUNDLED).join("index.html"))?;
    env.push((
        "BANDEAU_VITE_VANILLA_DIR".into(),
        build.join(BUNDLED).display().to_string(),
    ));
    for engine in crate::test::engines() {
        timed(&format!("browser tests in {engine}"), || {
            util::run(
                util::command("node")
                    .args(["--test", "--test-reporter=spec", "--test-timeout=300000"])
                    .arg(root.join("tests/browser/npm/"))
                    .env("BANDEAU_TOOLS", util::tools_dir())
                    .env("BANDEAU_ENGINE", &engine)
                    .envs(env.iter().cloned()),
            )
        })?;
    }
    println!("examples: done in {:.0?}", started.elapsed());
    Ok(())
}

fn timed<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let started = Instant::now();
    let result = f().map_err(|e| format!("{what}: {e}"))?;
    println!("examples: {what} took {:.1?}", started.elapsed());
    Ok(result)
}

/// The start of the page's `<script>` that `with_event_log` adds.
const EVENT_LOG_TAG: &str = "<script data-test=\"event-log\">";

/// Adds `examples/shared/event-log.js` to the page at `html`, inline at the
/// end of its head, so that the browser tests can read what the page
/// logged: WebDriver does not hear the console or uncaught errors. The
/// classic script runs while the page is parsed, before the page's module
/// or deferred scripts, and loads nothing: the files the page asks for stay
/// the ones its bundler emitted.
fn with_event_log(root: &Path, html: &Path) -> Result<(), String> {
    let log = root.join("examples/shared/event-log.js");
    let script =
        std::fs::read_to_string(&log).map_err(|e| format!("reading {}: {e}", log.display()))?;
    let page =
        std::fs::read_to_string(html).map_err(|e| format!("reading {}: {e}", html.display()))?;
    std::fs::write(html, event_logged(&page, &script)?)
        .map_err(|e| format!("writing {}: {e}", html.display()))
}

fn event_logged(page: &str, script: &str) -> Result<String, String> {
    if page.contains(EVENT_LOG_TAG) {
        return Err("the page has an event log already".into());
    }
    if script.contains("</script") {
        return Err("examples/shared/event-log.js cannot be inlined: it says `</script`".into());
    }
    let head_end = page.find("</head>").ok_or("the page has no </head>")?;
    Ok(format!(
        "{}{EVENT_LOG_TAG}\n{script}</script>\n{}",
        &page[..head_end],
        &page[head_end..]
    ))
}

/// Serves `dist` on a free loopback port until the process ends; returns
/// the base URL without a trailing slash.
fn serve_in_background(dist: &Path) -> Result<String, String> {
    let listener = serve::bind("127.0.0.1", 0)?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("reading the bound address: {e}"))?;
    let dist = dist.to_path_buf();
    std::thread::spawn(move || {
        if let Err(e) = serve::serve(listener, &dist, Endpoints::default()) {
            eprintln!("examples server: {e}");
        }
    });
    Ok(format!("http://{address}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(file: &str, line: usize, info: &str) -> Block {
        let root = util::repo_root();
        let mut blocks = docs::parse(
            &root.join(file),
            &format!("{}```{info}\nlet x = 1;\n```\n", "\n".repeat(line - 1)),
        )
        .unwrap();
        assert_eq!(blocks.len(), 1);
        blocks.remove(0)
    }

    #[test]
    fn the_event_log_goes_at_the_end_of_the_head_once() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body></body></html>";
        let logged = event_logged(page, "window.x = 1;\n").unwrap();
        assert_eq!(
            logged,
            "<html><head><meta charset=\"utf-8\"><script data-test=\"event-log\">\n\
             window.x = 1;\n</script>\n</head><body></body></html>"
        );
        assert!(event_logged(&logged, "window.x = 1;\n").is_err());
        assert!(event_logged("<body></body>", "").is_err());
        assert!(event_logged(page, "'</script>'").is_err());
    }

    #[test]
    fn blocks_get_files_named_after_their_place() {
        assert_eq!(
            block_file(&block("docs/integration.md", 118, "js")),
            "docs_integration-118.js"
        );
        assert_eq!(block_file(&block("README.md", 3, "tsx")), "README-3.tsx");
        assert_ne!(
            block_file(&block("docs/README.md", 3, "tsx")),
            block_file(&block("README.md", 3, "tsx"))
        );
    }

    #[test]
    fn tsc_errors_are_told_at_the_markdown_line() {
        let blocks = [block("docs/integration.md", 118, "js")];
        assert_eq!(
            in_markdown(
                "docs-blocks/docs_integration-118.js(4,5): error TS2304: Cannot find name 'router'.",
                &blocks
            ),
            "docs/integration.md:122:5: error TS2304: Cannot find name 'router'."
        );
        let other = "tsconfig.docs.json(1,1): error TS5023: Unknown option.";
        assert_eq!(in_markdown(other, &blocks), other);
    }

    #[test]
    fn needs_flags_install_pinned_packages_and_refuse_others() {
        let vue = block("docs/frameworks.md", 10, "ts needs=vue,@vitejs/plugin-vue");
        let plain = block("docs/frameworks.md", 20, "ts");
        assert_eq!(
            needs(&[vue, plain.clone()]).unwrap(),
            [("@vitejs/plugin-vue", "6.0.11"), ("vue", "3.5.45")]
        );
        assert!(needs(&[plain]).unwrap().is_empty());
        let unknown = needs(&[block("docs/frameworks.md", 30, "ts needs=left-pad")]).unwrap_err();
        assert!(
            unknown.contains("docs/frameworks.md:30") && unknown.contains("left-pad"),
            "{unknown}"
        );
        let flag = needs(&[block("docs/x.md", 1, "ts fragment")]).unwrap_err();
        assert!(flag.contains("unknown flag `fragment`"), "{flag}");
    }

    #[test]
    fn the_docs_pin_the_bundlers_example_versions() {
        let path = util::repo_root()
            .join("examples")
            .join(BUNDLERS)
            .join("package.json");
        let manifest = read_json(&path).unwrap();
        let pinned = manifest["devDependencies"].as_object().unwrap();
        let shared: Vec<_> = DOCS_PACKAGES
            .iter()
            .filter_map(|(name, version)| Some((*name, *version, pinned.get(*name)?.as_str()?)))
            .collect();
        assert_eq!(shared.len(), 3, "rollup and its two plugins: {shared:?}");
        for (name, docs, example) in shared {
            assert_eq!(
                docs, example,
                "{name}: the docs and examples/bundlers differ"
            );
        }
    }

    #[test]
    fn other_bundlers_wasm_is_told_apart_by_content() {
        let work = std::env::temp_dir().join(format!("xtask-bundled-{}", std::process::id()));
        let (pkg, dist) = (work.join("pkg"), work.join("dist"));
        std::fs::create_dir_all(pkg.join("brand")).unwrap();
        std::fs::create_dir_all(dist.join("assets")).unwrap();
        std::fs::write(pkg.join("bandeau_embed_bg.wasm"), b"chrome").unwrap();
        std::fs::write(pkg.join("brand/bandeau_brand_bg.wasm"), b"brand").unwrap();
        std::fs::write(dist.join("d4f34900d5b777c12236.wasm"), b"brand").unwrap();
        let missing = emitted_wasm(&pkg, &dist).unwrap_err();
        assert!(missing.contains("once each"), "{missing}");
        std::fs::write(dist.join("assets/3a0032ca3e18375506a5.wasm"), b"chrome").unwrap();
        assert_eq!(
            emitted_wasm(&pkg, &dist).unwrap(),
            (
                "/assets/3a0032ca3e18375506a5.wasm".to_string(),
                "/d4f34900d5b777c12236.wasm".to_string()
            )
        );
        std::fs::write(dist.join("copy.wasm"), b"chrome").unwrap();
        assert!(emitted_wasm(&pkg, &dist).unwrap_err().contains("once each"));
        std::fs::write(dist.join("copy.wasm"), b"stale chrome").unwrap();
        let stale = emitted_wasm(&pkg, &dist).unwrap_err();
        assert!(stale.contains("copy.wasm, which is neither"), "{stale}");
        std::fs::remove_dir_all(&work).unwrap();
    }

    #[test]
    fn the_wasm_counts_as_bundled_only_hashed_in_assets() {
        let dist = std::env::temp_dir().join(format!("xtask-examples-{}", std::process::id()));
        let assets = dist.join("assets");
        std::fs::create_dir_all(&assets).unwrap();
        assert!(built_wasm(&dist).unwrap_err().contains("holds 0 files"));
        std::fs::write(assets.join("bandeau_embed_bg.wasm"), b"").unwrap();
        assert!(built_wasm(&dist).unwrap_err().contains("not a hashed file"));
        std::fs::remove_file(assets.join("bandeau_embed_bg.wasm")).unwrap();
        std::fs::write(assets.join("bandeau_embed_bg-DgE3x1aQ.wasm"), b"").unwrap();
        std::fs::write(assets.join("bandeau_brand_bg-Ck8c7-1x.wasm"), b"").unwrap();
        assert_eq!(
            built_wasm(&dist).unwrap(),
            "/assets/bandeau_embed_bg-DgE3x1aQ.wasm"
        );
        std::fs::write(assets.join("bandeau_brand_bg-1x.wasm"), b"").unwrap();
        assert!(built_wasm(&dist).unwrap_err().contains("not a hashed file"));
        std::fs::remove_file(assets.join("bandeau_brand_bg-1x.wasm")).unwrap();
        std::fs::write(dist.join("bandeau_brand_bg.wasm"), b"").unwrap();
        assert!(built_wasm(&dist).unwrap_err().contains("not a hashed file"));
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
