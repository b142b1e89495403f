//! The script-tag bundle: `crates/embed` built with wasm-pack into `pkg/`,
//! plus the entry `pkg/bandeau.js`, the token CSS, and the SRI hashes an
//! operator puts beside the `<script>` tag.
//!
//! Everything in `pkg/` is loaded relative to `bandeau.js`, so an operator
//! copies the directory onto the portal and vendors load it from there: no
//! third-party CDN, which is a sovereignty requirement of the suite.
//!
//! The same directory is the npm package `bandeau` (`package.rs` writes its
//! entry for bundlers, types, manifest and token files).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::Digest as _;

use crate::{package, setup, util};

/// What the wasm-bindgen glue and the wasm are called inside `pkg/`.
const OUT_NAME: &str = "bandeau_embed";
/// The brand module's directory inside `pkg/` and its file names; the
/// embed crate's `elements.js` imports `../../../brand/bandeau_brand.js`
/// from `pkg/snippets/<crate>/src/`.
const BRAND_DIR: &str = "brand";
const BRAND_NAME: &str = "bandeau_brand";
/// The workspace's size-bound profile (opt-level "z", fat LTO, one codegen
/// unit, panic=abort). Plain `--release` would use the host-oriented release
/// profile and ship a wasm about 30 % larger.
const PROFILE: &str = "wasm-release";
/// Where wasm-pack reads its settings for a `--profile` build.
const METADATA_SECTION: &str = "package.metadata.wasm-pack.profile.custom";
/// Where a build is put together before it replaces `pkg/`, in the target
/// directory.
const STAGING: &str = "bundle-staging";
/// Bytes on the wire the issue allows for the whole script tag, brotli.
const BUDGET_BYTES: usize = 70 * 1000;

/// How the embed crate defines its elements once the wasm is instantiated.
#[derive(Debug, PartialEq, Eq)]
enum Start {
    /// `#[wasm_bindgen(start)]`: the glue's init runs it by itself.
    Auto,
    /// An exported function the entry calls after init, by its JS name.
    Export(String),
}

/// Builds the bundle when `crates/embed` is ready for it; otherwise says why
/// not and succeeds, because the crate is written alongside this task.
pub fn run(tokens: &Path) -> Result<(), String> {
    let root = util::repo_root();
    let embed = root.join("crates/embed");
    let start = if embed.join("Cargo.toml").is_file() {
        start_function(&embed.join("src"))
    } else {
        None
    };
    let Some(start) = start else {
        println!("bundle: skipped, crates/embed does not export a start function yet");
        return Ok(());
    };
    // The bundle is put together in a staging folder and replaces `pkg/`
    // only once every step succeeded: a failed build leaves the last good
    // bundle where a running preview or bench finds it.
    let staging = util::target_dir().join(STAGING);
    fresh_dir(&staging)?;
    let wasm_integrity = build_embed(&embed, &start, &staging)?;
    brand_module(&root.join("crates/brand"), &staging.join(BRAND_DIR))?;
    copy_tokens_css(tokens, &staging)?;
    let glue = format!("{OUT_NAME}.js");
    let wasm = format!("{OUT_NAME}_bg.wasm");
    let package_scripts = package::write(&package::Bundle {
        dir: &staging,
        tokens,
        glue: &glue,
        wasm: &wasm,
        wasm_integrity: &wasm_integrity,
        start: match &start {
            Start::Auto => None,
            Start::Export(name) => Some(name),
        },
    })?;
    let files = shipped_files(&staging)?;
    let scripts: Vec<String> = files.iter().cloned().chain(package_scripts).collect();
    minify_scripts(&staging, &scripts)?;
    // After minifying: the hashes are those of the files that ship.
    write_integrity(&staging, &files)?;
    package::finish(&staging)?;
    let pkg = root.join("pkg");
    publish(&staging, &pkg)?;
    print_sizes(&pkg, &files)?;
    println!(
        "bundle: script-tag entry {}",
        util::shown(&pkg.join("bandeau.js"))
    );
    Ok(())
}

/// The embed crate's module: wasm-pack into `out`, `wasm-opt` when the
/// manifest turns wasm-pack's own off, and the script-tag entry, which
/// carries the final wasm's hash. Returns that hash.
fn build_embed(embed: &Path, start: &Start, out: &Path) -> Result<String, String> {
    wasm_pack(embed, out, OUT_NAME)?;
    let wasm = out.join(format!("{OUT_NAME}_bg.wasm"));
    if wasm_opt_disabled(&read(&embed.join("Cargo.toml"))?) {
        wasm_opt(&wasm)?;
    }
    let glue = read(&out.join(format!("{OUT_NAME}.js")))?;
    check_start(start, &glue)?;
    let wasm_integrity = integrity(&read_bytes(&wasm)?);
    write(
        &out.join("bandeau.js"),
        &entry_script(start, &wasm_integrity),
    )?;
    Ok(wasm_integrity)
}

/// `tokens.css` for vendors' own pages, beside the bundle.
fn copy_tokens_css(tokens: &Path, out: &Path) -> Result<(), String> {
    let css = tokens.join("tokens.css");
    std::fs::copy(&css, out.join("tokens.css"))
        .map(drop)
        .map_err(|e| format!("copying {}: {e}", css.display()))
}

/// Minifies the JavaScript among `files` in place with esbuild (see
/// docs/decisions.md): whitespace, syntax and local names only. The files
/// stay ES modules that import each other by relative path and find the
/// wasm through `import.meta.url`, so esbuild's metafile is checked for
/// exactly that before anything is hashed.
fn minify_scripts(dir: &Path, files: &[String]) -> Result<(), String> {
    let scripts: Vec<&String> = files.iter().filter(|f| f.ends_with(".js")).collect();
    let sources = scripts
        .iter()
        .map(|file| Ok((file.as_str(), read(&dir.join(file))?)))
        .collect::<Result<Vec<_>, String>>()?;
    let metafile = dir.with_file_name(format!("{STAGING}-esbuild.json"));
    let mut esbuild = util::command(setup::esbuild()?);
    esbuild
        .current_dir(dir)
        .args([
            "--minify",
            "--format=esm",
            "--log-level=warning",
            "--allow-overwrite",
            "--outdir=.",
            "--outbase=.",
        ])
        .arg(format!("--metafile={}", metafile.display()))
        .args(&scripts);
    util::run(&mut esbuild)?;
    let meta: serde_json::Value = serde_json::from_str(&read(&metafile)?)
        .map_err(|e| format!("parsing {}: {e}", metafile.display()))?;
    for (file, source) in &sources {
        let minified = read(&dir.join(file))?;
        check_minified(file, source, &minified, &meta, |path| {
            dir.join(path).is_file()
        })?;
    }
    Ok(())
}

/// What the minified `file` must still do: export every name its source
/// exported, import only relative paths that its source spelled the same
/// way and that lead to a file of the bundle (`exists`), and use
/// `import.meta.url` if its source did.
fn check_minified(
    file: &str,
    source: &str,
    minified: &str,
    meta: &serde_json::Value,
    exists: impl Fn(&str) -> bool,
) -> Result<(), String> {
    let output = &meta["outputs"][file];
    let fail = |what: String| Err(format!("minified {file}: {what}"));
    let Some(imports) = output["imports"].as_array() else {
        return fail("not in esbuild's metafile".into());
    };
    for import in imports {
        let path = import["path"].as_str().unwrap_or_default();
        if !source.contains(path) {
            return fail(format!("imports `{path}`, which the source does not spell"));
        }
        match resolve(file, path) {
            Some(target) if exists(&target) => {}
            _ => {
                return fail(format!(
                    "imports `{path}`, which is not a file of the bundle"
                ))
            }
        }
    }
    let exported: Vec<&str> = output["exports"]
        .as_array()
        .map(|names| names.iter().filter_map(|n| n.as_str()).collect())
        .unwrap_or_default();
    for name in declared_exports(source) {
        if !exported.contains(&name.as_str()) {
            return fail(format!("no longer exports `{name}`"));
        }
    }
    if source.contains("import.meta.url") && !minified.contains("import.meta.url") {
        return fail("lost `import.meta.url`".into());
    }
    Ok(())
}

/// `specifier` imported from the bundle file `from`, as a path relative to
/// the bundle directory; `None` unless it is `./…` or `../…` inside it.
fn resolve(from: &str, specifier: &str) -> Option<String> {
    if !(specifier.starts_with("./") || specifier.starts_with("../")) {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in specifier.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" => return None,
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

/// The names a generated module exports, read from its `export` lines:
/// `export function f`, `export class C`, `export const c`,
/// `export { a, b as default }`.
fn declared_exports(js: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in js.lines().map(str::trim_start) {
        let Some(rest) = line.strip_prefix("export ") else {
            continue;
        };
        let rest = rest.trim_start();
        if let Some(list) = rest.strip_prefix('{') {
            let list = list.split('}').next().unwrap_or("");
            for item in list.split(',') {
                let name = item.rsplit(" as ").next().unwrap_or("").trim();
                if !name.is_empty() {
                    names.push(name.to_string());
                }
            }
            continue;
        }
        if rest.starts_with("default") {
            names.push("default".into());
            continue;
        }
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        let mut words = rest.split_whitespace();
        if let (Some("function" | "function*" | "class" | "const" | "let" | "var"), Some(name)) =
            (words.next(), words.next())
        {
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(name.len());
            if end > 0 {
                names.push(name[..end].to_string());
            }
        }
    }
    names
}

/// Finds how the embed crate starts by reading its sources: building it just
/// to learn that it is not ready would cost a release build each time.
fn start_function(src: &Path) -> Option<Start> {
    let mut sources = Vec::new();
    rust_files(src, &mut sources);
    sources.sort();
    let texts: Vec<String> = sources
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    if texts
        .iter()
        .any(|text| text.contains("#[wasm_bindgen(start)]"))
    {
        return Some(Start::Auto);
    }
    texts.iter().find_map(|text| exported_start(text))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A `#[wasm_bindgen]` function without parameters whose JS name says it
/// defines or starts something (`define`, `defineElements`, `start`…).
fn exported_start(text: &str) -> Option<Start> {
    let mut js_name = None;
    let mut exported = false;
    for line in text.lines().map(str::trim) {
        if let Some(attribute) = line.strip_prefix("#[wasm_bindgen") {
            exported = true;
            js_name = attribute
                .split_once("js_name")
                .and_then(|(_, rest)| rest.split('"').nth(1).or_else(|| name_after_eq(rest)))
                .map(str::to_string);
            continue;
        }
        if line.starts_with("#[") || line.starts_with("///") || line.is_empty() {
            continue;
        }
        if exported {
            if let Some(rest) = line.strip_prefix("pub fn ") {
                let (name, params) = rest.split_once('(').unwrap_or((rest, ""));
                let name = js_name.take().unwrap_or_else(|| name.trim().to_string());
                let lower = name.to_ascii_lowercase();
                let starts = ["define", "start", "register"]
                    .iter()
                    .any(|word| lower.contains(word));
                if starts && params.trim_start().starts_with(')') {
                    return Some(Start::Export(name));
                }
            }
        }
        exported = false;
        js_name = None;
    }
    None
}

/// `js_name = defineElements)` → `defineElements`.
fn name_after_eq(rest: &str) -> Option<&str> {
    let value = rest.trim_start().strip_prefix('=')?.trim_start();
    let end = value
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

/// The generated glue must agree with what the sources promised.
fn check_start(start: &Start, glue: &str) -> Result<(), String> {
    let found = match start {
        Start::Auto => glue.contains("__wbindgen_start"),
        Start::Export(name) => glue.contains(&format!("export function {name}(")),
    };
    if found {
        Ok(())
    } else {
        Err(format!(
            "pkg/{OUT_NAME}.js does not have the start function {start:?} found in crates/embed"
        ))
    }
}

/// An empty directory at `dir`, whatever an earlier (failed) build left
/// there: a snippet of a removed `inline_js` block must not live on and be
/// hashed as if it shipped.
fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

/// Replaces `pkg` by the finished `staged` directory. The old `pkg` steps
/// aside (beside it, so on the same file system) until the new one is in
/// place and comes back if that fails. `.gitkeep`, the one committed file,
/// moves along.
fn publish(staged: &Path, pkg: &Path) -> Result<(), String> {
    let keep = pkg.join(".gitkeep");
    if keep.is_file() {
        std::fs::copy(&keep, staged.join(".gitkeep"))
            .map_err(|e| format!("copying {}: {e}", keep.display()))?;
    }
    let previous = pkg.with_extension("previous");
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .map_err(|e| format!("removing {}: {e}", previous.display()))?;
    }
    if pkg.exists() {
        std::fs::rename(pkg, &previous).map_err(|e| {
            format!(
                "moving {} aside to {}: {e}",
                pkg.display(),
                previous.display()
            )
        })?;
    }
    if let Err(e) = move_dir(staged, pkg) {
        if previous.exists() {
            let _ = std::fs::remove_dir_all(pkg);
            let _ = std::fs::rename(&previous, pkg);
        }
        return Err(format!(
            "replacing {} by {}: {e}",
            pkg.display(),
            staged.display()
        ));
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .map_err(|e| format!("removing {}: {e}", previous.display()))?;
    }
    Ok(())
}

/// A rename, or a copy where `CARGO_TARGET_DIR` is on another file system.
fn move_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    copy_dir(from, to)?;
    std::fs::remove_dir_all(from)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// binaryen's `wasm-opt` from `target/tools` goes first, ahead of anything
/// else called `wasm-opt`: Debian's binaryen corrupts current wasm-bindgen
/// output, and wasm-pack runs whichever `wasm-opt` it finds first.
fn bundle_path() -> std::ffi::OsString {
    let mut dirs = vec![util::tools_dir().join("node_modules").join(".bin")];
    dirs.extend(std::env::split_paths(&util::tools_path()));
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// The brand module (`crates/brand`) in `pkg/brand/`: elements import it
/// relative to the bundle, and only for a `brand` attribute, so it is not
/// part of what the script tag loads.
fn brand_module(krate: &Path, out: &Path) -> Result<(), String> {
    wasm_pack(krate, out, BRAND_NAME)?;
    // wasm-pack writes an npm package around it; only the module ships.
    for extra in ["package.json", ".gitignore", "README.md", "LICENSE"] {
        let path = out.join(extra);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| format!("removing {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn wasm_pack(krate: &Path, pkg: &Path, out_name: &str) -> Result<(), String> {
    let mut build = util::command("wasm-pack");
    build
        .env("PATH", bundle_path())
        .arg("build")
        .arg(krate)
        .args([
            "--target",
            "web",
            "--profile",
            PROFILE,
            "--mode",
            "no-install",
        ])
        .arg("--out-dir")
        .arg(pkg)
        .args(["--out-name", out_name]);
    util::run(&mut build)
}

/// Whether the crate's manifest turns wasm-pack's own `wasm-opt` step off
/// (`wasm-opt = false` under `[package.metadata.wasm-pack.profile.custom]`,
/// the section for `--profile` builds), in which case we run it: the bundle
/// must never ship unoptimised.
fn wasm_opt_disabled(manifest: &str) -> bool {
    let mut section = String::new();
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = header.trim().to_string();
        } else if let Some((key, value)) = line.split_once('=') {
            let key = key.trim().trim_matches('"');
            let in_section = section == METADATA_SECTION;
            let dotted =
                section == "package.metadata.wasm-pack.profile" && key == "custom.wasm-opt";
            if ((in_section && key == "wasm-opt") || dotted) && value.trim() == "false" {
                return true;
            }
        }
    }
    false
}

/// `wasm-opt` for size with exactly the features the module declares in its
/// `target_features` section: rustc enables bulk memory, non-trapping
/// float-to-int and more by default, and binaryen refuses (or, when told to
/// assume fewer, mis-optimises) instructions of features it is not given.
fn wasm_opt(wasm: &Path) -> Result<(), String> {
    let mut probe = util::command("wasm-opt");
    probe
        .env("PATH", bundle_path())
        .arg("--print-features")
        .arg(wasm);
    let printed = util::stdout_of(&mut probe)
        .ok_or_else(|| format!("`wasm-opt --print-features {}` failed", wasm.display()))?;
    let mut features: Vec<&str> = printed
        .split_whitespace()
        .filter(|f| f.starts_with("--enable-"))
        .collect();
    for needed in ["--enable-bulk-memory", "--enable-nontrapping-float-to-int"] {
        if !features.contains(&needed) {
            features.push(needed);
        }
    }
    let mut optimise = util::command("wasm-opt");
    // Flattening and re-looping before two -Oz rounds: 0.6 KB less on the
    // wire than one -Oz (docs/decisions.md, the 70 KB bundle budget).
    optimise
        .env("PATH", bundle_path())
        .args(["--flatten", "--rereloop", "-Oz", "-Oz"])
        .args(&features)
        .args(["--strip-debug", "--strip-producers"])
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    util::run(&mut optimise)
}

/// The file a vendor's `<script type="module">` points at. It carries the
/// wasm's hash, so an `integrity` attribute on the script tag extends to the
/// wasm, which holds nearly all of the code.
fn entry_script(start: &Start, wasm_integrity: &str) -> String {
    let (import, call) = match start {
        Start::Auto => ("init".to_string(), String::new()),
        Start::Export(name) => (
            format!("init, {{ {name} }}"),
            format!(".then(() => {name}())"),
        ),
    };
    let version = env!("CARGO_PKG_VERSION");
    format!(
        r#"// Bandeau's script-tag entry, written by `cargo xtask build`:
//   <script type="module" src="https://portal.example.org/bandeau/bandeau.js"></script>
// The wasm is fetched relative to this file's own URL, so an operator serves
// this directory from the portal and nothing comes from a third party. The
// fetch checks the wasm against its hash, so a script tag with `integrity`
// vouches for the wasm too.
// It runs once per page: a second tag, or another version of Bandeau, finds
// `globalThis.__bandeau` and leaves the elements the first one defined.
import {import} from './{OUT_NAME}.js';

if (!globalThis.__bandeau) {{
  const wasm = fetch(new URL('./{OUT_NAME}_bg.wasm', import.meta.url), {{
    integrity: '{wasm_integrity}',
  }});
  globalThis.__bandeau = {{
    version: '{version}',
    src: import.meta.url,
    // Resolves to true once the elements are defined. A failure (no
    // WebAssembly, a blocked fetch, a hash mismatch) is reported once and
    // leaves the page as it was, so it resolves to false rather than
    // rejecting unhandled.
    ready: init({{ module_or_path: wasm }}){call}
      .then(() => true, (error) => {{
        console.warn('bandeau: the suite chrome could not start:', error);
        return false;
      }}),
  }};
}}
"#
    )
}

/// Every file a page loads, relative to the bundle directory `dir` with `/`
/// separators, sorted.
fn shipped_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut files: Vec<String> = [
        "bandeau.js".to_string(),
        format!("{OUT_NAME}.js"),
        format!("{OUT_NAME}_bg.wasm"),
        "tokens.css".to_string(),
    ]
    .into();
    let mut snippets = Vec::new();
    all_files(&dir.join("snippets"), &mut snippets);
    for path in snippets {
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        let parts: Vec<_> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push(parts.join("/"));
    }
    files.sort();
    for file in &files {
        if !dir.join(file).is_file() {
            return Err(format!(
                "{file} is missing after the build, in {}",
                dir.display()
            ));
        }
    }
    Ok(files)
}

/// What the script tag makes a page load: every shipped file but
/// `tokens.css`, which is for vendors' own pages (the elements carry their
/// tokens inside the wasm). The bench measures the same list.
pub(crate) fn script_tag_files(pkg: &Path) -> Result<Vec<String>, String> {
    let mut files = shipped_files(pkg)?;
    files.retain(|f| f != "tokens.css");
    Ok(files)
}

pub(crate) fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `sha384-<base64>`, the form of the `integrity` attribute.
fn integrity(bytes: &[u8]) -> String {
    let digest = sha2::Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn write_integrity(pkg: &Path, files: &[String]) -> Result<(), String> {
    let mut hashes = BTreeMap::new();
    let mut text = String::new();
    for file in files {
        let hash = integrity(&read_bytes(&pkg.join(file))?);
        let _ = writeln!(text, "{hash}  {file}");
        hashes.insert(file.clone(), hash);
    }
    let json = serde_json::to_string_pretty(&hashes).expect("a map of strings serialises");
    write(&pkg.join("sri.json"), &format!("{json}\n"))?;
    write(&pkg.join("SRI.txt"), &text)
}

fn brotli_size(bytes: &[u8]) -> Result<usize, String> {
    // Quality 11 and a 4 MiB window: what a server pre-compressing static
    // files sends, and the setting the budget is stated in.
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    writer
        .write_all(bytes)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(writer.into_inner().len())
}

/// Printed for people; the bench is what holds the line on the budget.
fn print_sizes(pkg: &Path, files: &[String]) -> Result<(), String> {
    let kb = |bytes: usize| format!("{:.1} KB", bytes as f64 / 1000.0);
    println!("bundle: bytes on the wire (1 KB = 1000 bytes, brotli quality 11)");
    let (mut raw_total, mut brotli_total) = (0, 0);
    // `tokens.css` is for vendors' own pages; the elements carry their
    // copy of the tokens inside the wasm, so the script tag never loads it.
    let (beside, loaded): (Vec<&String>, Vec<&String>) =
        files.iter().partition(|f| f.as_str() == "tokens.css");
    for file in loaded {
        let bytes = read_bytes(&pkg.join(file))?;
        let compressed = brotli_size(&bytes)?;
        raw_total += bytes.len();
        brotli_total += compressed;
        println!(
            "  {file:<56} {:>10} {:>10}",
            kb(bytes.len()),
            kb(compressed)
        );
    }
    for file in beside {
        let bytes = read_bytes(&pkg.join(file))?;
        println!(
            "  {:<56} {:>10} {:>10}  (beside, not loaded by the script tag)",
            file,
            kb(bytes.len()),
            kb(brotli_size(&bytes)?)
        );
    }
    let verdict = if brotli_total <= BUDGET_BYTES {
        "within"
    } else {
        "OVER"
    };
    println!(
        "  {:<56} {:>10} {:>10}  ({verdict} the {} budget)",
        "total",
        kb(raw_total),
        kb(brotli_total),
        kb(BUDGET_BYTES)
    );
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_base64_of_sha384() {
        // SHA-384 of "abc" from FIPS 180-2, appendix D.
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn finds_an_exported_define_function() {
        let source = "use x;\n#[wasm_bindgen]\npub fn version() -> String { todo!() }\n\
                      /// Defines the elements.\n#[wasm_bindgen]\npub fn define() {}\n";
        assert_eq!(exported_start(source), Some(Start::Export("define".into())));
        let renamed = "#[wasm_bindgen(js_name = \"defineElements\")]\npub fn define_all() {}";
        assert_eq!(
            exported_start(renamed),
            Some(Start::Export("defineElements".into()))
        );
        let bare = "#[wasm_bindgen(js_name = startBandeau)]\npub fn start() {}";
        assert_eq!(
            exported_start(bare),
            Some(Start::Export("startBandeau".into()))
        );
    }

    #[test]
    fn ignores_functions_that_are_not_exported_or_take_arguments() {
        assert_eq!(exported_start("pub fn define() {}"), None);
        assert_eq!(
            exported_start("#[wasm_bindgen]\npub fn define(name: &str) {}"),
            None
        );
        assert_eq!(exported_start("#[wasm_bindgen]\npub fn refresh() {}"), None);
        assert_eq!(exported_start(""), None);
    }

    #[test]
    fn a_missing_crate_or_source_folder_is_not_ready() {
        assert_eq!(start_function(Path::new("/nonexistent/src")), None);
    }

    #[test]
    fn reads_the_wasm_opt_switch_from_the_manifest() {
        let off = "[package]\nname = \"e\"\n\n[package.metadata.wasm-pack.profile.custom]\n\
                   wasm-opt = false # we run it ourselves\n";
        assert!(wasm_opt_disabled(off));
        let dotted = "[package.metadata.wasm-pack.profile]\ncustom.wasm-opt = false\n";
        assert!(wasm_opt_disabled(dotted));
        let flags = "[package.metadata.wasm-pack.profile.custom]\nwasm-opt = [\"-Oz\"]\n";
        assert!(!wasm_opt_disabled(flags));
        // `--release` settings do not apply to our `--profile` build.
        let release = "[package.metadata.wasm-pack.profile.release]\nwasm-opt = false\n";
        assert!(!wasm_opt_disabled(release));
    }

    #[test]
    fn the_entry_loads_wasm_beside_itself_once_and_without_eval() {
        let entry = entry_script(&Start::Export("define".into()), "sha384-abc");
        assert!(entry.contains("import init, { define } from './bandeau_embed.js';"));
        assert!(entry.contains("fetch(new URL('./bandeau_embed_bg.wasm', import.meta.url), {"));
        assert!(entry.contains("integrity: 'sha384-abc',"));
        assert!(entry.contains("if (!globalThis.__bandeau) {"));
        assert!(entry.contains(".then(() => define())"));
        for forbidden in ["eval(", "new Function", "http://", "https://cdn"] {
            assert!(!entry.contains(forbidden), "{forbidden}");
        }
        let auto = entry_script(&Start::Auto, "sha384-abc");
        assert!(auto.contains("import init from './bandeau_embed.js';"));
        assert!(auto.contains("init({ module_or_path: wasm })\n"));
    }

    #[test]
    fn the_glue_must_have_the_start_function() {
        let glue = "export function define() {\n    wasm.define();\n}\nwasm.__wbindgen_start();";
        assert!(check_start(&Start::Export("define".into()), glue).is_ok());
        assert!(check_start(&Start::Auto, glue).is_ok());
        assert!(check_start(&Start::Export("start".into()), glue).is_err());
    }

    #[test]
    fn brotli_shrinks_repetitive_text() {
        let text = "bandeau ".repeat(1000);
        let size = brotli_size(text.as_bytes()).unwrap();
        assert!(size > 0 && size < 100, "{size}");
    }

    /// A scratch directory of its own per test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{name}-{}", std::process::id()));
        fresh_dir(&dir).unwrap();
        dir
    }

    fn put(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn publishing_replaces_the_whole_bundle_and_keeps_gitkeep() {
        let dir = scratch("publish");
        let (pkg, staged) = (dir.join("pkg"), dir.join("staging"));
        put(&pkg.join(".gitkeep"), "");
        put(&pkg.join("bandeau.js"), "old");
        put(&pkg.join("snippets/old-crate/src/gone.js"), "old");
        put(&staged.join("bandeau.js"), "new");
        put(&staged.join("snippets/new-crate/src/elements.js"), "new");
        publish(&staged, &pkg).unwrap();
        assert_eq!(
            std::fs::read_to_string(pkg.join("bandeau.js")).unwrap(),
            "new"
        );
        assert!(pkg.join(".gitkeep").is_file());
        assert!(pkg.join("snippets/new-crate/src/elements.js").is_file());
        assert!(!pkg.join("snippets/old-crate").exists());
        assert!(!staged.exists());
        assert!(!dir.join("pkg.previous").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_publish_leaves_the_previous_bundle() {
        let dir = scratch("rollback");
        let pkg = dir.join("pkg");
        put(&pkg.join("bandeau.js"), "old");
        assert!(publish(&dir.join("never-built"), &pkg).is_err());
        assert_eq!(
            std::fs::read_to_string(pkg.join("bandeau.js")).unwrap(),
            "old"
        );
        assert!(!dir.join("pkg.previous").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resolves_relative_imports_inside_the_bundle_only() {
        let glue = "bandeau_embed.js";
        let snippet = "snippets/c/src/elements.js";
        assert_eq!(
            resolve(glue, "./snippets/c/src/elements.js").as_deref(),
            Some(snippet)
        );
        assert_eq!(
            resolve(snippet, "../../../brand/b.js").as_deref(),
            Some("brand/b.js")
        );
        assert_eq!(resolve(glue, "../outside.js"), None);
        assert_eq!(resolve(glue, "elements.js"), None);
        assert_eq!(resolve(glue, "https://cdn.example/x.js"), None);
    }

    #[test]
    fn reads_the_exports_of_generated_modules() {
        let glue = "export class Handle {\n}\nexport function start() {}\n\
                    export async function load() {}\nfunction private() {}\n\
                    export { initSync, __wbg_init as default };\n";
        assert_eq!(
            declared_exports(glue),
            ["Handle", "start", "load", "initSync", "default"]
        );
    }

    #[test]
    fn minified_modules_must_keep_exports_import_paths_and_import_meta() {
        let source = "import { define } from './snippets/c/src/elements.js';\n\
                      export function start() {}\n\
                      export { __wbg_init as default };\n\
                      new URL('bandeau_embed_bg.wasm', import.meta.url);\n";
        let minified = r#"import{define as d}from"./snippets/c/src/elements.js";new URL("bandeau_embed_bg.wasm",import.meta.url);export{s as start,i as default}"#;
        let meta = |path: &str, exports: &[&str]| {
            serde_json::json!({ "outputs": { "bandeau_embed.js": {
                "imports": [{ "path": path, "kind": "import-statement", "external": true }],
                "exports": exports,
            }}})
        };
        let good = meta("./snippets/c/src/elements.js", &["start", "default"]);
        let exists = |path: &str| path == "snippets/c/src/elements.js";
        assert!(check_minified("bandeau_embed.js", source, minified, &good, exists).is_ok());

        let renamed = meta("./snippets/c/src/elements.js", &["s", "default"]);
        let error = check_minified("bandeau_embed.js", source, minified, &renamed, exists);
        assert!(error.unwrap_err().contains("no longer exports `start`"));

        let moved = meta("./elements.js", &["start", "default"]);
        let error = check_minified("bandeau_embed.js", source, minified, &moved, exists);
        assert!(error.unwrap_err().contains("`./elements.js`"));

        let lost = minified.replace("import.meta.url", "document.baseURI");
        let error = check_minified("bandeau_embed.js", source, &lost, &good, exists);
        assert!(error.unwrap_err().contains("import.meta.url"));

        let missing = check_minified("bandeau.js", source, minified, &good, exists);
        assert!(missing.unwrap_err().contains("not in esbuild's metafile"));
    }
}
