//! `cargo xtask setup`: brings a fresh machine to what the other commands
//! need. Each step first looks for what it would install and says in one line
//! what it did, so running it again is cheap and quiet.

use std::path::{Path, PathBuf};

use crate::npm::{self, Package};
use crate::util;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// 132 is the first release known to keep wasm-bindgen's output valid; the
/// npm build runs on Node, so no native binary has to be downloaded.
const BINARYEN: Package = Package::new("binaryen", 132);
/// Minifies the bundle's JavaScript (`bundle.rs`). One exact release: 0.x
/// minors of esbuild may change its output. npm installs the native binary
/// from the matching `@esbuild/<platform>` optional dependency, so nothing
/// is fetched from outside the npm registry.
const ESBUILD: Package = Package::exact("esbuild", "0.28.2");
/// Writes the package's `tokens.js` and `tokens.d.ts` (`cargo xtask
/// build`) and type-checks the package as a consumer would. One exact
/// release: declaration output may change between minors.
const TYPESCRIPT: Package = Package::exact("typescript", "5.9.3");
/// La Suite's Cunningham CLI, which the suite-apps check (`cargo xtask
/// test`) runs on our `cunningham.ts` as a La Suite app's build does; it
/// loads the file with ts-node, which takes TypeScript from beside it
/// (the release above). One exact release: its output is what we check.
const CUNNINGHAM: Package = Package::exact("@gouvfr-lasuite/cunningham-tokens", "3.1.0");
/// A YAML 1.2 parser for the same check, to read `opendesk-theme.yaml` as
/// helmfile's parser would rather than by pattern.
const YAML: Package = Package::exact("yaml", "2.9.1");
const PLAYWRIGHT_CORE: Package = Package::new("playwright-core", 1);
/// PatternFly 5's CSS, which Keycloak's `keycloak.v2` login theme loads
/// (its `stylesCommon`, from `common/keycloak`'s `vendor/patternfly-v5/`;
/// Keycloak's `themes/package.json` asks for `^5.4.1`). The stand-in parent
/// theme of the Keycloak tests and the preview serves it, so Keycloak's
/// form is drawn as Keycloak draws it (`keycloak.rs`). One exact release:
/// the tests read the colours it gives the form.
pub const PATTERNFLY: Package = Package::exact("@patternfly/patternfly", "5.4.2");
/// The WebDriver client that drives Chromium, Firefox ESR and WebKitGTK
/// through their own drivers for every cross-engine browser test
/// (`tests/browser/engine.mjs`). One exact release: the tests lean on its
/// actions and script calls.
const SELENIUM: Package = Package::exact("selenium-webdriver", "4.54.0");
const BROWSER_TEST_LIBS: [Package; 4] = [
    PLAYWRIGHT_CORE,
    SELENIUM,
    Package::new("axe-core", 4),
    PATTERNFLY,
];

pub fn run() -> Result<(), String> {
    wasm_target()?;
    wasm_bindgen_cli()?;
    wasm_pack()?;
    cargo_deny()?;
    cargo_cyclonedx()?;
    wasm_opt()?;
    esbuild()?;
    typescript()?;
    suite_apps()?;
    engines()?;
    for line in npm::ensure(&util::tools_dir(), &BROWSER_TEST_LIBS)? {
        say(&line);
    }
    Ok(())
}

/// What the suite-apps check reads their files with: the Cunningham CLI
/// (with TypeScript for its ts-node) and a YAML parser.
pub fn suite_apps() -> Result<(), String> {
    for line in npm::ensure(&util::tools_dir(), &[TYPESCRIPT, CUNNINGHAM, YAML])? {
        say(&line);
    }
    Ok(())
}

/// Only what the browser checks and benches need: the three engines,
/// selenium-webdriver, and playwright-core for the Chromium-only tools.
pub fn browser() -> Result<(), String> {
    engines()?;
    for line in npm::ensure(&util::tools_dir(), &[PLAYWRIGHT_CORE, SELENIUM])? {
        say(&line);
    }
    Ok(())
}

fn say(line: &str) {
    println!("setup: {line}");
}

fn wasm_target() -> Result<(), String> {
    let installed =
        util::stdout_of(util::command("rustup").args(["target", "list", "--installed"]))
            .ok_or("`rustup target list --installed` failed; is rustup on PATH?")?;
    if installed.lines().any(|t| t.trim() == WASM_TARGET) {
        say(&format!("already present: rust target {WASM_TARGET}"));
        return Ok(());
    }
    say(&format!("installing rust target {WASM_TARGET}"));
    util::run(util::command("rustup").args(["target", "add", WASM_TARGET]))
}

/// The CLI must match the library exactly: wasm-bindgen refuses to process
/// modules built against another version of itself.
fn wasm_bindgen_cli() -> Result<(), String> {
    let lock = util::repo_root().join("Cargo.lock");
    let wanted = match wasm_bindgen_version(&lock)? {
        Some(version) => version,
        None => {
            say("skipped wasm-bindgen-cli: no wasm-bindgen in Cargo.lock yet");
            return Ok(());
        }
    };
    let found = util::stdout_of(util::command("wasm-bindgen").arg("--version"));
    let found = found.as_deref().and_then(|v| v.split_whitespace().nth(1));
    if found == Some(wanted.as_str()) {
        say(&format!("already present: wasm-bindgen-cli {wanted}"));
        return Ok(());
    }
    say(&format!("installing wasm-bindgen-cli {wanted}"));
    // No --locked: the registry mirror lacks one of the CLI's pinned dependencies.
    util::run(util::cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn wasm_bindgen_version(lock: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(lock) {
        Ok(text) => locked_wasm_bindgen(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("reading {}: {e}", lock.display())),
    }
}

/// Reads the lock file's `[[package]]` entries by hand; the format is stable
/// and this is the only thing we need from it.
fn locked_wasm_bindgen(lock: &str) -> Result<Option<String>, String> {
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() != r#"name = "wasm-bindgen""# {
            continue;
        }
        let version = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("version = "))
            .map(|v| v.trim_matches('"').to_string())
            .ok_or("Cargo.lock: the wasm-bindgen entry has no version")?;
        if !versions.contains(&version) {
            versions.push(version);
        }
    }
    match versions.len() {
        0 => Ok(None),
        1 => Ok(versions.pop()),
        _ => Err(format!(
            "Cargo.lock holds several wasm-bindgen versions ({}); one CLI cannot serve them all",
            versions.join(", ")
        )),
    }
}

fn wasm_pack() -> Result<(), String> {
    if let Some(version) = util::stdout_of(util::command("wasm-pack").arg("--version")) {
        say(&format!("already present: {version}"));
        return Ok(());
    }
    say("installing wasm-pack");
    util::run(util::cargo().args(["install", "wasm-pack", "--locked"]))
}

/// cargo-deny checks licences, bans and sources against `deny.toml`. Its
/// configuration format changes between minor versions, so it is pinned.
const CARGO_DENY_VERSION: &str = "0.20.2";

fn cargo_deny() -> Result<(), String> {
    let found = util::stdout_of(util::cargo().args(["deny", "--version"]));
    if let Some(version) = found.filter(|v| v.trim().ends_with(CARGO_DENY_VERSION)) {
        say(&format!("already present: {}", version.trim()));
        return Ok(());
    }
    say(&format!("installing cargo-deny {CARGO_DENY_VERSION}"));
    util::run(util::cargo().args([
        "install",
        "cargo-deny",
        "--locked",
        "--version",
        CARGO_DENY_VERSION,
    ]))
}

/// cargo-cyclonedx writes the SBOMs (`cargo xtask sbom`); pinned like
/// cargo-deny, its output format follows its version.
const CARGO_CYCLONEDX_VERSION: &str = "0.5.9";

pub fn cargo_cyclonedx() -> Result<(), String> {
    let found = util::stdout_of(util::cargo().args(["cyclonedx", "--version"]));
    if let Some(version) = found.filter(|v| v.trim().ends_with(CARGO_CYCLONEDX_VERSION)) {
        say(&format!("already present: {}", version.trim()));
        return Ok(());
    }
    say(&format!(
        "installing cargo-cyclonedx {CARGO_CYCLONEDX_VERSION}"
    ));
    util::run(util::cargo().args([
        "install",
        "cargo-cyclonedx",
        "--locked",
        "--version",
        CARGO_CYCLONEDX_VERSION,
    ]))
}

fn wasm_opt() -> Result<(), String> {
    let tools = util::tools_dir();
    for line in npm::ensure(&tools, &[BINARYEN])? {
        say(&format!("{line} (wasm-opt)"));
    }
    let wasm_opt = tools.join("node_modules/.bin/wasm-opt");
    if wasm_opt.exists() {
        Ok(())
    } else {
        Err(format!(
            "binaryen installed but {} is missing",
            wasm_opt.display()
        ))
    }
}

/// Installs esbuild when missing (`cargo xtask build` runs without the
/// other set-up steps) and returns its command.
pub fn esbuild() -> Result<PathBuf, String> {
    let tools = util::tools_dir();
    for line in npm::ensure(&tools, &[ESBUILD])? {
        say(&line);
    }
    ESBUILD.bin(&tools, "esbuild")
}

/// Installs TypeScript when missing and returns the `tsc` script, run
/// with `node`.
pub fn typescript() -> Result<PathBuf, String> {
    let tools = util::tools_dir();
    for line in npm::ensure(&tools, &[TYPESCRIPT])? {
        say(&line);
    }
    TYPESCRIPT.bin(&tools, "tsc")
}

fn chromium() -> Result<(), String> {
    apt(&[
        ("chromium", "/usr/bin/chromium"),
        ("chromium-driver", "/usr/bin/chromedriver"),
    ])
}

/// geckodriver is not packaged by Debian; crates.io has it. Pinned: its
/// capabilities handling is what `tests/browser/engine.mjs` speaks to.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// The three engines the browser tests run in, with their WebDriver
/// servers, all from Debian but geckodriver; and an X server for WebKitGTK,
/// whose MiniBrowser has no headless mode.
fn engines() -> Result<(), String> {
    chromium()?;
    apt(&[
        ("firefox-esr", "/usr/bin/firefox-esr"),
        ("webkit2gtk-driver", "/usr/bin/WebKitWebDriver"),
        (
            "libwebkit2gtk-4.1-0",
            "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        ),
        ("xvfb", "/usr/bin/Xvfb"),
    ])?;
    let found = util::stdout_of(util::command("geckodriver").arg("--version"));
    let found = found.as_deref().and_then(|v| v.split_whitespace().nth(1));
    if found == Some(GECKODRIVER_VERSION) {
        say(&format!(
            "already present: geckodriver {GECKODRIVER_VERSION}"
        ));
        return Ok(());
    }
    say(&format!("installing geckodriver {GECKODRIVER_VERSION}"));
    util::run(util::cargo().args([
        "install",
        "geckodriver",
        "--locked",
        "--version",
        GECKODRIVER_VERSION,
    ]))
}

/// Installs the Debian packages whose marker file is missing, in one call.
fn apt(packages: &[(&str, &str)]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, marker)| !Path::new(marker).exists())
        .map(|(name, _)| *name)
        .collect();
    let names = |list: &[&str]| list.join(", ");
    if missing.is_empty() {
        let all: Vec<&str> = packages.iter().map(|(name, _)| *name).collect();
        say(&format!("already present: {}", names(&all)));
        return Ok(());
    }
    say(&format!("installing {} (apt)", names(&missing)));
    util::run(util::command("apt-get").arg("update").arg("-q"))?;
    util::run(
        util::command("apt-get")
            .args(["install", "-y", "-q"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_wasm_bindgen_and_not_its_helper_crates() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.99"

[[package]]
name = "wasm-bindgen"
version = "0.2.100"
dependencies = [
 "cfg-if",
]
"#;
        assert_eq!(locked_wasm_bindgen(lock), Ok(Some("0.2.100".to_string())));
    }

    #[test]
    fn a_lock_without_wasm_bindgen_means_nothing_to_install() {
        let lock = "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\n";
        assert_eq!(locked_wasm_bindgen(lock), Ok(None));
    }

    #[test]
    fn a_missing_lock_means_nothing_to_install() {
        assert_eq!(
            wasm_bindgen_version(Path::new("/nonexistent/Cargo.lock")),
            Ok(None)
        );
    }

    #[test]
    fn two_wasm_bindgen_versions_are_refused() {
        let lock = "name = \"wasm-bindgen\"\nversion = \"0.2.99\"\n\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n";
        assert!(locked_wasm_bindgen(lock)
            .unwrap_err()
            .contains("0.2.99, 0.2.100"));
    }
}
