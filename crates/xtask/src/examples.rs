//! The npm package as an app developer gets it: `pkg/` packed by `npm pack`,
//! installed from that tarball into copies of the Vite examples, type-checked
//! by each example's own TypeScript (with the docs' TypeScript and JavaScript
//! blocks), built by Vite with its default settings, and clicked through in
//! headless Chromium (`tests/browser/npm/`). The vanilla example is also
//! built by webpack 5 and Rollup 4 (`examples/bundlers/`) and served by
//! Vite's development server, the other ways the docs say the package works.
//!
//! Everything happens under `target/`: the examples in the source tree stay
//! free of `node_modules`, and a developer's own install there is ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::docs::{self, Block};
use crate::endpoints::Endpoints;
use crate::{serve, util};

/// The examples, as directories of `examples/`.
const EXAMPLES: [&str; 2] = ["vite-react", "vite-vanilla"];

/// The example whose project also type-checks the docs' code blocks: it has
/// `bandeau`, React and Vite installed, which is what the blocks assume.
const DOCS_HOST: &str = "vite-react";

/// Where the docs' blocks are written inside [`DOCS_HOST`]'s copy, outside
/// its `src/` so that the app's own check does not see them.
const DOCS_DIR: &str = "docs-blocks";

/// Packages a block may ask for with a `needs=a,b` flag, pinned exactly as
/// the examples pin theirs, so a new release cannot break the docs overnight.
/// Node's types follow the Node major CI runs (Vite's config runs in Node).
/// Rollup and its plugins are the versions `examples/bundlers/` builds with.
const DOCS_PACKAGES: [(&str, &str); 7] = [
    ("vue", "3.5.45"),
    ("@vitejs/plugin-vue", "6.0.11"),
    ("@angular/core", "22.2.6"),
    ("@types/node", "20.19.43"),
    ("rollup", "4.68.7"),
    ("@rollup/plugin-node-resolve", "16.0.3"),
    ("@web/rollup-plugin-import-meta-assets", "2.3.3"),
];

/// The example that webpack and Rollup build too, with the configurations
/// of [`BUNDLERS`] copied over it, and that Vite's development server serves.
const BUNDLED: &str = "vite-vanilla";

/// The directory of `examples/` with the webpack and Rollup setups.
const BUNDLERS: &str = "bundlers";

/// `examples/bundlers/rollup.config.mjs` minus `importMetaAssets()`: the
/// build the docs warn about, which the browser test expects to fail.
const ROLLUP_WITHOUT_ASSETS: &str = "\
import config from './rollup.config.mjs';
const plugins = config.plugins.filter((p) => p.name !== 'rollup-plugin-import-meta-assets');
if (plugins.length !== config.plugins.length - 1) {
  throw new Error('rollup.config.mjs has no importMetaAssets() to leave out');
}
export default { ...config, output: { ...config.output, dir: 'dist-rollup-no-assets' }, plugins };
";

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
        let wasm = built_wasm(&dist)?;
        let base = serve_in_background(&dist)?;
        println!("examples: {name} serves {base}/ with {wasm}");
        let key = name.to_uppercase().replace('-', "_");
        env.push((format!("BANDEAU_{key}_URL"), base));
        env.push((format!("BANDEAU_{key}_WASM"), wasm));
    }
    env.extend(bundlers(&root, &pkg, &build, &tarball)?);
    env.push((
        "BANDEAU_VITE_VANILLA_DIR".into(),
        build.join(BUNDLED).display().to_string(),
    ));
    timed("Chromium", || {
        util::run(
            util::command("node")
                .args(["--test", "--test-reporter=spec"])
                .arg(root.join("tests/browser/npm/"))
                .env("BANDEAU_TOOLS", util::tools_dir())
                .envs(env),
        )
    })?;
    println!("examples: done in {:.0?}", started.elapsed());
    Ok(())
}

/// Builds [`BUNDLED`] with webpack and with Rollup (with and without the
/// plugin that emits the wasm), serves each output, and returns what
/// `tests/browser/npm/bundlers.test.mjs` needs to know about them.
fn bundlers(
    root: &Path,
    pkg: &Path,
    build: &Path,
    tarball: &Path,
) -> Result<Vec<(String, String)>, String> {
    let dir = build.join(BUNDLERS);
    timed("bundlers: copy and npm install", || {
        copy_example(&root.join("examples").join(BUNDLED), &dir)?;
        copy_tree(&root.join("examples").join(BUNDLERS), &dir)?;
        install(&dir, tarball, &[])?;
        same_files(pkg, &dir.join("node_modules").join(PACKAGE))
    })?;
    // Writes src/main.js next to src/main.ts, for the bundlers to take.
    timed("bundlers: tsc", || {
        util::run(local_bin(&dir, "tsc").args(["-p", "tsconfig.json"]))
    })?;
    std::fs::write(dir.join("rollup.no-assets.mjs"), ROLLUP_WITHOUT_ASSETS)
        .map_err(|e| format!("writing rollup.no-assets.mjs: {e}"))?;
    let builds: [(&str, &str, Command, &str); 3] = [
        (
            "webpack",
            "dist-webpack",
            bin_with(
                &dir,
                "webpack",
                &["--fail-on-warnings", "--stats", "errors-warnings"],
            ),
            r#"<script defer src="/main.js"></script>"#,
        ),
        (
            "rollup",
            "dist-rollup",
            bin_with(&dir, "rollup", &["-c", "--failAfterWarnings"]),
            r#"<script type="module" src="/main.js"></script>"#,
        ),
        (
            "rollup-no-assets",
            "dist-rollup-no-assets",
            bin_with(
                &dir,
                "rollup",
                &["-c", "rollup.no-assets.mjs", "--failAfterWarnings"],
            ),
            r#"<script type="module" src="/main.js"></script>"#,
        ),
    ];
    let mut env = Vec::new();
    for (name, out, mut cmd, script) in builds {
        let dist = dir.join(out);
        timed(&format!("bundlers: {name}"), || {
            if dist.exists() {
                std::fs::remove_dir_all(&dist)
                    .map_err(|e| format!("clearing {}: {e}", dist.display()))?;
            }
            util::run(&mut cmd)?;
            page_for(&dir, &dist, script)
        })?;
        let key = name.to_uppercase().replace('-', "_");
        if name != "rollup-no-assets" {
            no_build_paths(&dist, &dir)?;
            let (chrome, brand) = emitted_wasm(pkg, &dist)?;
            println!("examples: {name} emitted {chrome} and {brand}");
            env.push((format!("BANDEAU_{key}_WASM"), chrome));
            env.push((format!("BANDEAU_{key}_BRAND_WASM"), brand));
        }
        let base = serve_in_background(&dist)?;
        println!("examples: {name} serves {base}/");
        env.push((format!("BANDEAU_{key}_URL"), base));
    }
    Ok(env)
}

/// A bundle must not carry the machine it was built on: a bundler that
/// turns the package's `import.meta.url` (or anything else) into a file
/// path would ship it to every user.
fn no_build_paths(dist: &Path, build_dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    crate::bundle::all_files(dist, &mut files);
    let build_dir = build_dir.display().to_string();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
    {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("reading {}: {e}", file.display()))?;
        if text.contains("file://") || text.contains(&build_dir) {
            return Err(format!(
                "{} contains a path of the build machine (`file://` or {build_dir})",
                file.display()
            ));
        }
    }
    Ok(())
}

fn bin_with(dir: &Path, name: &str, args: &[&str]) -> Command {
    let mut cmd = local_bin(dir, name);
    cmd.args(args);
    cmd
}

/// The Vite example's `index.html` loading the bundle by `script` instead
/// of `src/main.ts`, and its `public/` files, in `dist`: what Vite's build
/// does for them and the other bundlers leave to the app.
fn page_for(dir: &Path, dist: &Path, script: &str) -> Result<(), String> {
    const VITE_ENTRY: &str = r#"<script type="module" src="/src/main.ts"></script>"#;
    let html = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("reading {}/index.html: {e}", dir.display()))?;
    if !html.contains(VITE_ENTRY) {
        return Err(format!(
            "examples/{BUNDLED}/index.html no longer loads its code with `{VITE_ENTRY}`, \
             which the other bundlers' pages replace"
        ));
    }
    std::fs::write(dist.join("index.html"), html.replace(VITE_ENTRY, script))
        .map_err(|e| format!("writing {}/index.html: {e}", dist.display()))?;
    copy_tree(&dir.join("public"), dist)
}

/// The site paths of the package's two wasm files as a bundler emitted
/// them, told apart by content since each bundler names them its own way:
/// the suite chrome's and the brand module's. Any other wasm in the output,
/// or either of them missing or twice, is an error.
fn emitted_wasm(pkg: &Path, dist: &Path) -> Result<(String, String), String> {
    let read =
        |path: &Path| std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()));
    let chrome = read(&pkg.join(format!("{CHROME_WASM}.wasm")))?;
    let brand = read(&pkg.join("brand/bandeau_brand_bg.wasm"))?;
    let mut files = Vec::new();
    list_files(dist, Path::new(""), &mut files)?;
    let (mut chromes, mut brands) = (Vec::new(), Vec::new());
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let bytes = read(&dist.join(file))?;
        let site_path = format!("/{}", file.display());
        if bytes == chrome {
            chromes.push(site_path);
        } else if bytes == brand {
            brands.push(site_path);
        } else {
            return Err(format!(
                "{} holds {}, which is neither of the package's wasm files",
                dist.display(),
                file.display()
            ));
        }
    }
    match (
        <[String; 1]>::try_from(chromes),
        <[String; 1]>::try_from(brands),
    ) {
        (Ok([chrome]), Ok([brand])) => Ok((chrome, brand)),
        (chromes, brands) => Err(format!(
            "{} should hold the suite chrome's wasm and the brand module's once each; \
             it holds {:?} and {:?}",
            dist.display(),
            chromes.map_or_else(|v| v, Vec::from),
            brands.map_or_else(|v| v, Vec::from)
        )),
    }
}

fn timed<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let started = Instant::now();
    let result = f().map_err(|e| format!("{what}: {e}"))?;
    println!("examples: {what} took {:.1?}", started.elapsed());
    Ok(result)
}

/// Packs `pkg` into a fresh `into` and returns the tarball.
fn pack(pkg: &Path, into: &Path) -> Result<PathBuf, String> {
    let manifest = read_json(&pkg.join("package.json"))?;
    let name = manifest.get("name").and_then(|n| n.as_str());
    if name != Some(PACKAGE) {
        return Err(format!(
            "{}/package.json names the package {name:?}; the examples depend on `{PACKAGE}` \
             (run `cargo xtask build`)",
            util::shown(pkg)
        ));
    }
    if into.exists() {
        std::fs::remove_dir_all(into).map_err(|e| format!("clearing {}: {e}", into.display()))?;
    }
    std::fs::create_dir_all(into).map_err(|e| format!("creating {}: {e}", into.display()))?;
    let mut cmd = util::command("npm");
    cmd.arg("pack")
        .arg(pkg)
        .arg("--pack-destination")
        .arg(into)
        .args(["--json", "--loglevel=error"]);
    let output = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&cmd)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({}): {}",
            util::describe(&cmd),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("reading `npm pack --json`'s report: {e}"))?;
    let file = report
        .get(0)
        .and_then(|r| r.get("filename"))
        .and_then(|f| f.as_str())
        .ok_or("`npm pack --json` reported no file name")?;
    let tarball = into.join(file);
    if !tarball.is_file() {
        return Err(format!(
            "npm pack reported {file}, but it is not in {}",
            into.display()
        ));
    }
    println!("examples: packed {}", util::shown(&tarball));
    Ok(tarball)
}

/// Copies the example's sources over the last copy, keeping only its
/// `node_modules` (so npm reinstalls only what changed) minus the package
/// under test, which must come from this run's tarball.
fn copy_example(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    for entry in read_dir(to)? {
        let path = entry.path();
        if entry.file_name() == "node_modules" {
            continue;
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("clearing {}: {e}", path.display()))?;
    }
    let installed = to.join("node_modules").join(PACKAGE);
    if installed.exists() {
        std::fs::remove_dir_all(&installed)
            .map_err(|e| format!("removing {}: {e}", installed.display()))?;
    }
    copy_tree(from, to)
}

/// What a developer's own `npm install` or `vite build` left in the example.
const NOT_SOURCES: [&str; 3] = ["node_modules", "dist", "package-lock.json"];

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in read_dir(from)? {
        let name = entry.file_name();
        if NOT_SOURCES.iter().any(|n| name == *n) {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        if source.is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| format!("creating {}: {e}", target.display()))?;
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("copying {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// Points the copy's `bandeau` dependency at the tarball, adds `extra`
/// packages, and installs. `--prefer-offline` reuses npm's cache but still
/// fetches what is missing, so a fresh CI machine works too.
fn install(dir: &Path, tarball: &Path, extra: &[(&str, &str)]) -> Result<(), String> {
    let manifest_path = dir.join("package.json");
    let mut manifest = read_json(&manifest_path)?;
    let dependencies = manifest
        .get_mut("dependencies")
        .and_then(|d| d.as_object_mut())
        .ok_or_else(|| format!("{} has no dependencies", manifest_path.display()))?;
    if !dependencies.contains_key(PACKAGE) {
        return Err(format!(
            "{} does not depend on `{PACKAGE}`",
            manifest_path.display()
        ));
    }
    dependencies.insert(PACKAGE.into(), format!("file:{}", tarball.display()).into());
    for (name, version) in extra {
        dependencies.insert((*name).into(), (*version).into());
    }
    let text = serde_json::to_string_pretty(&manifest).expect("JSON values serialize");
    std::fs::write(&manifest_path, text + "\n")
        .map_err(|e| format!("writing {}: {e}", manifest_path.display()))?;
    util::run(util::command("npm").current_dir(dir).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
    ]))
}

/// Fails unless every file npm installed as the package is byte for byte
/// the one in `pkg/`: a stale install would test yesterday's package.
fn same_files(pkg: &Path, installed: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    list_files(installed, Path::new(""), &mut files)?;
    if !files
        .iter()
        .any(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        return Err(format!("{} holds no .wasm file", installed.display()));
    }
    for file in files {
        let read = |root: &Path| std::fs::read(root.join(&file)).ok();
        if read(installed) != read(pkg) {
            return Err(format!(
                "the installed {} differs from {} in pkg/",
                installed.join(&file).display(),
                file.display()
            ));
        }
    }
    Ok(())
}

fn list_files(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in read_dir(&root.join(relative))? {
        let path = relative.join(entry.file_name());
        if entry.path().is_dir() {
            list_files(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// A command of the example's own `node_modules/.bin`, so the versions its
/// `package.json` pins are the ones that run.
fn local_bin(dir: &Path, name: &str) -> Command {
    let mut cmd = util::command(dir.join("node_modules/.bin").join(name));
    cmd.current_dir(dir);
    cmd
}

fn tsc(dir: &Path) -> Result<(), String> {
    util::run(local_bin(dir, "tsc").args(["--noEmit", "-p", "tsconfig.json"]))
}

/// The docs' blocks in the languages the docs step leaves to this one.
fn docs_blocks(root: &Path) -> Result<Vec<Block>, String> {
    Ok(docs::blocks(root)?
        .into_iter()
        .filter(|b| docs::COMPILED_ELSEWHERE.contains(&b.lang.as_str()))
        .collect())
}

/// The pinned packages the blocks' `needs=` flags ask for.
fn needs(blocks: &[Block]) -> Result<Vec<(&'static str, &'static str)>, String> {
    let mut wanted = BTreeSet::new();
    for block in blocks {
        for flag in block.info.split_whitespace().skip(1) {
            let Some(names) = flag.strip_prefix("needs=") else {
                return Err(format!(
                    "{}: unknown flag `{flag}` (the only one is `needs=package,…`)",
                    block.place()
                ));
            };
            for name in names.split(',') {
                let pinned = DOCS_PACKAGES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| {
                        format!(
                            "{}: needs `{name}`, which is not among the packages the docs may \
                             use ({}); pin it in DOCS_PACKAGES in crates/xtask/src/examples.rs",
                            block.place(),
                            DOCS_PACKAGES.map(|(n, _)| n).join(", ")
                        )
                    })?;
                wanted.insert(*pinned);
            }
        }
    }
    Ok(wanted.into_iter().collect())
}

/// The file a block is written to: `docs_integration-118.js` for the
/// `js` block at line 118 of `docs/integration.md`.
fn block_file(block: &Block) -> String {
    let shown = util::shown(&block.file);
    let stem = shown
        .strip_suffix(".md")
        .unwrap_or(&shown)
        .replace(['/', '.'], "_");
    format!("{stem}-{}.{}", block.line, block.lang)
}

/// Type-checks each block as its own module, with the example's strict
/// settings plus what the docs' conventions say (`docs/README.md`): every file a
/// module, JavaScript checked too, `bandeau`'s global types visible to
/// script-tag snippets that import nothing, and decorators as Angular
/// projects set them. Errors name the Markdown file and line.
fn check_docs(dir: &Path, blocks: &[Block]) -> Result<(), String> {
    let out = dir.join(DOCS_DIR);
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    for block in blocks {
        let file = out.join(block_file(block));
        std::fs::write(&file, &block.text)
            .map_err(|e| format!("writing {}: {e}", file.display()))?;
    }
    let config = serde_json::json!({
        "extends": "./tsconfig.json",
        "compilerOptions": {
            "moduleDetection": "force",
            "allowJs": true,
            "checkJs": true,
            "types": ["vite/client", PACKAGE],
            "experimentalDecorators": true,
            // A snippet may show a declaration without using it.
            "noUnusedLocals": false,
            "noUnusedParameters": false,
            // The examples' own check reads every declaration file; here a
            // Vite config snippet would need Node's types for Vite's.
            "skipLibCheck": true
        },
        "include": [DOCS_DIR]
    });
    std::fs::write(dir.join("tsconfig.docs.json"), config.to_string())
        .map_err(|e| format!("writing tsconfig.docs.json: {e}"))?;
    let mut cmd = local_bin(dir, "tsc");
    cmd.args(["--noEmit", "--pretty", "false", "-p", "tsconfig.docs.json"]);
    let output = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&cmd)))?;
    if output.status.success() {
        return Ok(());
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let mut errors = String::new();
    for line in report
        .lines()
        .chain(String::from_utf8_lossy(&output.stderr).lines())
    {
        errors.push_str(&in_markdown(line, blocks));
        errors.push('\n');
    }
    Err(format!(
        "the docs' code blocks do not type-check:\n{errors}"
    ))
}

/// Rewrites tsc's `docs-blocks/docs_x-12.ts(3,7): error …` as
/// `docs/x.md:15:7: error …`; other lines stay as they are.
fn in_markdown(line: &str, blocks: &[Block]) -> String {
    let rewritten = (|| {
        let rest = line.strip_prefix(DOCS_DIR)?.strip_prefix('/')?;
        let (file, rest) = rest.split_once('(')?;
        let (position, message) = rest.split_once(')')?;
        let (row, column) = position.split_once(',')?;
        let row: usize = row.parse().ok()?;
        let block = blocks.iter().find(|b| block_file(b) == file)?;
        // Row 1 of the block is the line after its opening fence.
        Some(format!(
            "{}:{}:{column}{message}",
            util::shown(&block.file),
            block.line + row
        ))
    })();
    rewritten.unwrap_or_else(|| line.to_string())
}

/// `vite build` with the example's own configuration. With `--logLevel
/// warn` Vite prints only warnings and errors, and a package that makes a
/// default build warn (an asset it cannot find, say) fails here.
fn vite_build(dir: &Path) -> Result<(), String> {
    let mut cmd = local_bin(dir, "vite");
    cmd.args(["build", "--logLevel", "warn"]);
    let output = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&cmd)))?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({}):\n{said}",
            util::describe(&cmd),
            output.status
        ));
    }
    if !said.trim().is_empty() {
        return Err(format!("`{}` warned:\n{said}", util::describe(&cmd)));
    }
    Ok(())
}

/// The suite chrome's wasm as Vite emitted it, as a path on the site. Every
/// wasm file must sit in `assets/` under a hashed name, which proves that
/// Vite found the package's `new URL('….wasm', import.meta.url)` and took
/// the file in; an unhashed copy would be one the build did not handle.
fn built_wasm(dist: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    list_files(dist, Path::new(""), &mut files)?;
    let mut chrome = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.strip_suffix(".wasm").unwrap_or(name);
        let hashed = stem
            .rsplit_once('-')
            .is_some_and(|(_, hash)| hash.len() >= 8);
        if file.parent() != Some(Path::new("assets")) || !hashed {
            return Err(format!(
                "Vite emitted {}, not a hashed file in assets/",
                file.display()
            ));
        }
        if stem.starts_with(CHROME_WASM) {
            chrome.push(format!("/assets/{name}"));
        }
    }
    match <[String; 1]>::try_from(chrome) {
        Ok([only]) => Ok(only),
        Err(found) => Err(format!(
            "{} holds {} files named {CHROME_WASM}-*.wasm ({found:?}); the build should emit one",
            dist.display(),
            found.len()
        )),
    }
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

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, String> {
    std::fs::read_dir(dir)
        .and_then(|entries| entries.collect())
        .map_err(|e| format!("reading {}: {e}", dir.display()))
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))
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
        std::fs::write(assets.join("bandeau_brand_bg-Xy12ab34.wasm"), b"").unwrap();
        assert_eq!(
            built_wasm(&dist).unwrap(),
            "/assets/bandeau_embed_bg-DgE3x1aQ.wasm"
        );
        std::fs::write(dist.join("bandeau_brand_bg.wasm"), b"").unwrap();
        assert!(built_wasm(&dist).unwrap_err().contains("not a hashed file"));
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
