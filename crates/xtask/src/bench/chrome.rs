//! `cargo xtask bench chrome`: the suite chrome's budgets, measured in one
//! run on one machine next to La Suite numérique's La Gaufre v2 where a
//! figure applies to it:
//!
//! 1. bytes on the wire of everything the script tag loads (brotli 11 and
//!    gzip 9 per file, total against the 70 KB brotli budget);
//! 2. script start to the bar painted with a cached navigation document
//!    (≤ 50 ms), median of `--runs` page loads in headless Chromium;
//! 3. keydown in the launcher search to the updated DOM with 240 apps
//!    (≤ 4 ms), median over `--keystrokes` characters.
//!
//! xtask builds the bundle, prepares a small site (icons, La Gaufre's data),
//! serves it with the preview server on a free loopback port, and runs
//! `crates/xtask/bench/chrome.mjs` (playwright-core); the pages are
//! `examples/bench/`. The size verdict is printed as PASS/OVER; timings are
//! reported, never asserted, and nothing here fails the command.

mod report;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::endpoints::Endpoints;
use crate::util::read_json;
use crate::{build, bundle, serve, setup, util};

pub const DEFAULT_RUNS: usize = 15;
pub const DEFAULT_KEYSTROKES: usize = 30;

const SCRIPT: &str = "crates/xtask/bench/chrome.mjs";

/// Why La Gaufre v2 is not in the table unless `--lagaufre-js` is given.
const LAGAUFRE_NOT_ON_NPM: &str = "its widget file `lagaufre.js` is not published on npm, \
    the only registry this bench may download from. The La Suite integration repository \
    builds it from the private (unpublished) package `@gouvfr-lasuite/widgets`; \
    `@gouvfr-lasuite/integration` (1.0.3) ships only the v1 button and its CSS, and \
    `@gouvfr-lasuite/ui-kit`'s `LaGaufreV2` loads the widget from La Suite's CDN at run time. \
    Give the file with `--lagaufre-js FILE` to measure it.";

pub struct Options {
    pub runs: usize,
    pub keystrokes: usize,
    /// Build `pkg/` first (`cargo xtask build`); off to measure it as it is.
    pub build: bool,
    /// La Gaufre v2's `lagaufre.js`, when someone has it.
    pub lagaufre_js: Option<PathBuf>,
}

/// A file the page loads, for the size table.
struct Shipped {
    product: &'static str,
    name: String,
    path: PathBuf,
}

pub fn run(options: &Options) -> Result<(), String> {
    if options.runs == 0 || options.keystrokes == 0 {
        return Err("--runs and --keystrokes must be at least 1".into());
    }
    let root = util::repo_root();
    if options.build {
        setup::run()?;
        let tokens = build::run()?;
        bundle::run(&tokens)?;
    } else {
        setup::browser()?;
    }
    let fixtures = root.join("../shared/fixtures/navigation");
    let documents: Vec<(&str, Value)> = [
        ("opendesk", "opendesk-de.json"),
        ("large", "large-240.json"),
    ]
    .into_iter()
    .map(|(nav, file)| Ok((nav, read_json(&fixtures.join(file))?)))
    .collect::<Result<_, String>>()?;

    let mut files = bandeau_files(&root.join("pkg"))?;
    files.extend(brand_files(&root.join("pkg")));
    if let Some(js) = &options.lagaufre_js {
        if !js.is_file() {
            return Err(format!("--lagaufre-js {}: no such file", js.display()));
        }
        files.push(Shipped {
            product: report::LAGAUFRE,
            name: "lagaufre.js".into(),
            path: js.clone(),
        });
    }
    let dir = util::target_dir().join("bench").join("chrome");
    let site = dir.join("site");
    prepare_site(&site, &documents, options.lagaufre_js.as_deref())?;

    let listener = serve::bind("127.0.0.1", 0)?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("reading the bound address: {e}"))?;
    let served = site.clone();
    // Lives until xtask exits; the pages only ever talk to it.
    std::thread::spawn(move || serve::serve(listener, &served, Endpoints::for_repo(&root)));
    println!("bench: serving the bench pages at http://{address}/examples/bench/");

    let out = dir.join("results.json");
    let _ = std::fs::remove_file(&out);
    let pins: serde_json::Map<String, Value> = documents
        .iter()
        .map(|(nav, document)| (nav.to_string(), Value::from(pins(document).join("\n"))))
        .collect();
    let config = json!({
        "tools": util::tools_dir(),
        "origin": format!("http://{address}"),
        "out": out,
        "runs": options.runs,
        "keystrokes": options.keystrokes,
        "lagaufre": options.lagaufre_js.is_some(),
        "pins": pins,
        "files": files.iter().map(|f| json!({
            "product": f.product,
            "name": f.name,
            "path": f.path,
        })).collect::<Vec<_>>(),
    });
    let config_file = dir.join("config.json");
    write(&config_file, &format!("{config:#}\n"))?;
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned));
    let browser_run = util::run(
        util::command("node")
            .arg(util::repo_root().join(SCRIPT))
            .env("BANDEAU_BENCH_CONFIG", &config_file),
    );
    // Whatever the script recorded before a failure is still worth a table.
    let results = match std::fs::read_to_string(&out) {
        Ok(text) => report::parse(&text)?,
        Err(e) => {
            browser_run?;
            return Err(format!("{}: {e}", out.display()));
        }
    };
    let context = report::Context {
        version: env!("CARGO_PKG_VERSION").to_string(),
        runs: options.runs,
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
        node: util::stdout_of(util::command("node").arg("--version")).unwrap_or_default(),
        load,
        lagaufre_missing: options
            .lagaufre_js
            .is_none()
            .then(|| LAGAUFRE_NOT_ON_NPM.to_string()),
    };
    let table = report::render(&results, &context);
    println!("\n{table}");
    let file = util::target_dir().join("bench").join("chrome.md");
    write(&file, &markdown(&table, options))?;
    println!("bench: table written to {}", util::shown(&file));
    browser_run
}

/// Everything a page with the script tag loads from `pkg/`, as `bundle.rs`
/// lists it: entry, glue, snippets, wasm.
fn bandeau_files(pkg: &Path) -> Result<Vec<Shipped>, String> {
    let names = crate::bundle::script_tag_files(pkg)
        .map_err(|e| format!("{e}: build the bundle (`cargo xtask build`, or drop --no-build)"))?;
    Ok(names
        .into_iter()
        .map(|name| Shipped {
            product: report::BANDEAU,
            path: pkg.join(&name),
            name,
        })
        .collect())
}

/// The brand module in `pkg/brand/`, which elements load only for a
/// `brand` attribute: reported beside the script tag, not in its total.
fn brand_files(pkg: &Path) -> Vec<Shipped> {
    ["bandeau_brand.js", "bandeau_brand_bg.wasm"]
        .into_iter()
        .map(|name| (name, pkg.join("brand").join(name)))
        .filter(|(_, path)| path.is_file())
        .map(|(name, path)| Shipped {
            product: report::BRAND_MODULE,
            name: format!("brand/{name}"),
            path,
        })
        .collect()
}

/// The bench's own site root, next to the preview routes (`/pkg/`,
/// `/examples/`, `/navigation*.json`): the icons the large fixture names
/// relative to the server, La Gaufre's data, and La Gaufre itself if given.
fn prepare_site(
    site: &Path,
    documents: &[(&str, Value)],
    lagaufre: Option<&Path>,
) -> Result<(), String> {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("clearing {}: {e}", site.display()))?;
    }
    let lagaufre_dir = site.join("lagaufre");
    create_dir(&lagaufre_dir)?;
    for (index, icon) in local_icons(documents).iter().enumerate() {
        let path = site.join(icon.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            create_dir(parent)?;
        }
        write(&path, &icon_svg(index))?;
    }
    let services: serde_json::Map<String, Value> = documents
        .iter()
        .map(|(nav, document)| (nav.to_string(), lagaufre_services(document)))
        .collect();
    write(
        &lagaufre_dir.join("services.js"),
        &format!(
            "// The bench's navigation fixtures in La Gaufre v2's format, written by `cargo xtask bench chrome`.\n\
             window.__lagaufreServices = {};\n",
            Value::Object(services)
        ),
    )?;
    if let Some(js) = lagaufre {
        std::fs::copy(js, lagaufre_dir.join("lagaufre.js"))
            .map_err(|e| format!("copying {}: {e}", js.display()))?;
    }
    Ok(())
}

fn entries(document: &Value) -> impl Iterator<Item = &Value> {
    document["categories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|category| category["entries"].as_array().into_iter().flatten())
}

/// A display name as German readers see it: plain, or from a locale map.
fn name(entry: &Value) -> Option<String> {
    match &entry["display_name"] {
        Value::String(name) => Some(name.clone()),
        Value::Object(names) => names
            .get("de")
            .or_else(|| names.values().next())
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

/// `{ services: [{ name, url, logo }] }`, La Gaufre's API answer: one
/// service per app with a link. It drops services without a logo; the
/// fixtures give every app an icon.
fn lagaufre_services(document: &Value) -> Value {
    let services: Vec<Value> = entries(document)
        .filter_map(|entry| {
            Some(json!({
                "name": name(entry)?,
                "url": entry["link"].as_str()?,
                "logo": entry["icon_url"].as_str()?,
            }))
        })
        .collect();
    json!({ "services": services })
}

/// Three apps spread over the document, pinned so the bar shows apps of
/// its own besides the launcher's.
fn pins(document: &Value) -> Vec<String> {
    let ids: Vec<&str> = entries(document)
        .filter_map(|entry| entry["identifier"].as_str())
        .collect();
    let mut picked: Vec<String> = Vec::new();
    if let Some(last) = ids.len().checked_sub(1) {
        for index in [0, ids.len() / 2, last] {
            if !picked.iter().any(|id| id == ids[index]) {
                picked.push(ids[index].to_owned());
            }
        }
    }
    picked
}

/// Icon paths relative to the server (`/icons/app0.svg`), which only the
/// bench can answer; absolute icons are left to fail like any unreachable host.
fn local_icons(documents: &[(&str, Value)]) -> Vec<String> {
    let mut icons: Vec<String> = documents
        .iter()
        .flat_map(|(_, document)| entries(document))
        .filter_map(|entry| entry["icon_url"].as_str())
        .filter(|url| {
            url.starts_with('/')
                && !url.starts_with("//")
                && !url.split('/').any(|segment| segment == "..")
        })
        .map(|url| url.split(['?', '#']).next().unwrap_or(url).to_owned())
        .collect();
    icons.sort();
    icons.dedup();
    icons
}

fn icon_svg(index: usize) -> String {
    let hue = (index * 47) % 360;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">\
         <rect width=\"24\" height=\"24\" rx=\"5\" fill=\"hsl({hue} 60% 45%)\"/></svg>\n"
    )
}

fn markdown(table: &str, options: &Options) -> String {
    let mut text = String::from("# Suite chrome benchmark\n\n");
    let _ = write!(
        text,
        "Written by `cargo xtask bench chrome --runs {} --keystrokes {}{}{}`. Bandeau is \
         `pkg/` as `cargo xtask build` writes it{}; both products run in the same headless \
         Chromium (playwright-core, `/usr/bin/chromium`) against the preview server on \
         loopback, pages in `examples/bench/`, driver in `{SCRIPT}`. The size verdict is \
         against the budget; timings are reported, never asserted.\n\n{table}\n",
        options.runs,
        options.keystrokes,
        if options.build { "" } else { " --no-build" },
        if options.lagaufre_js.is_some() {
            " --lagaufre-js FILE"
        } else {
            ""
        },
        if options.build {
            ""
        } else {
            " (here as it already was: not rebuilt)"
        },
    );
    text.push_str(
        "## How each figure is taken\n\n\
         - **Bytes on the wire**: every file the script tag makes the browser load \
         (`bandeau.js`, the wasm-bindgen glue, its snippets, the wasm; the token CSS is inside \
         the wasm, and `pkg/tokens.css` is for vendors' own pages), each \
         compressed alone with Node's zlib: brotli quality 11 with a 4 MiB window, gzip level 9. \
         La Gaufre v2 is one JavaScript file with its CSS inlined.\n\
         - **Script start → bar painted**: an inline script right before the script tag takes \
         `performance.now()`; a MutationObserver in the bar's shadow root (attached on \
         `bandeau-ready`) sees the apps arrive; the figure ends when a message posted from the \
         next `requestAnimationFrame` callback is handled, i.e. once that frame has been \
         styled, laid out and painted. \"DOM\" is the moment the apps were in the shadow tree. \
         Each product gets a fresh browser context and one unmeasured load first, which fills \
         Bandeau's `localStorage` cache of the navigation document and pins three apps, so the \
         measured loads show the cached document (the fresh one is fetched after) and the bar \
         shows pinned apps (a run where the bar had already stored the freshly fetched document \
         when the apps showed is counted in the notes). The preview server sends `Cache-Control: no-cache` without \
         validators, so every load fetches the files again over loopback and compiles the wasm \
         again: a real second visit with an HTTP cache and V8's code cache is faster. La \
         Gaufre is given the same documents as its `services` list inline (`data`), its fastest \
         path: it keeps no cache and otherwise fetches its API on every load; it renders its \
         list into a hidden dialog at start, as Bandeau renders its launcher's panel, so both \
         figures end with the apps in the DOM and the next frame painted.\n\
         - **Keystroke → DOM updated**: the bar's launcher is opened and its search focused, \
         with `large-240.json`'s 240 apps shown. Each measured character is typed into the \
         empty search with `page.keyboard.type` and erased again with Backspace (reported on \
         its own row). A capture-phase `keydown` listener on the shadow root takes the start, \
         before any of the launcher's handlers; the end is the last change a MutationObserver \
         (children, text, attributes) sees in the shadow tree before the next frame. Digits \
         narrow the list; the other characters match nothing in that fixture (names \
         \"Anwendung N-M\", keywords \"stichwortN\"). La Gaufre has no search.\n",
    );
    text
}

fn create_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Value {
        json!({"categories": [
            {"identifier": "a", "display_name": "A", "entries": [
                {"identifier": "mail", "display_name": "E-Mail", "link": "https://mail.example.org/",
                 "icon_url": "/icons/mail.svg"},
                {"identifier": "files", "display_name": {"en": "Files", "de": "Dateien"},
                 "link": "https://files.example.org/", "icon_url": "https://portal.example.org/f.svg"},
            ]},
            {"identifier": "b", "display_name": "B", "entries": [
                {"identifier": "nolink", "display_name": "Ohne Link", "icon_url": "/icons/x.svg"},
                {"identifier": "chat", "display_name": "Chat", "link": "https://chat.example.org/",
                 "icon_url": "/../secret.svg"},
            ]},
        ]})
    }

    #[test]
    fn la_gaufre_gets_every_linked_app_by_its_german_name() {
        let services = lagaufre_services(&document());
        assert_eq!(
            services,
            json!({"services": [
                {"name": "E-Mail", "url": "https://mail.example.org/", "logo": "/icons/mail.svg"},
                {"name": "Dateien", "url": "https://files.example.org/", "logo": "https://portal.example.org/f.svg"},
                {"name": "Chat", "url": "https://chat.example.org/", "logo": "/../secret.svg"},
            ]})
        );
    }

    #[test]
    fn pins_spread_over_the_document() {
        assert_eq!(pins(&document()), ["mail", "nolink", "chat"]);
        assert!(pins(&json!({"categories": []})).is_empty());
    }

    #[test]
    fn only_server_relative_icons_are_served() {
        let icons = local_icons(&[("x", document())]);
        assert_eq!(icons, ["/icons/mail.svg", "/icons/x.svg"]);
    }

    #[test]
    fn the_shared_fixtures_convert_whole() {
        let fixtures = util::repo_root().join("../shared/fixtures/navigation");
        let Ok(large) = read_json(&fixtures.join("large-240.json")) else {
            return; // No shared/ beside the repository.
        };
        let services = lagaufre_services(&large);
        assert_eq!(services["services"].as_array().map(Vec::len), Some(240));
        assert_eq!(pins(&large).len(), 3);
    }
}
