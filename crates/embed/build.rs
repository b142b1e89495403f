//! Compiles the project's tokens into the stylesheet every shadow root
//! adopts, with the token compiler's library: no ordering with `cargo
//! xtask build` and no generated file to go stale. The chrome's copy keeps
//! only the custom properties its component stylesheets can reach.

use bandeau_tokens::emit::{css, Options};
use bandeau_tokens::files::compile_in_build_script;
use lightningcss::properties::custom::CustomPropertyName;
use lightningcss::properties::Property;
use lightningcss::rules::CssRule;
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::traits::ToCss;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Whitespace and comments only, and the custom properties that none of
/// `used` reaches (directly or through other properties' values): rules are
/// not merged or reordered, so the cascade the token emitter planned stays
/// exactly as emitted.
fn minified(css: &str, used: &BTreeSet<String>) -> String {
    let mut sheet = StyleSheet::parse(css, ParserOptions::default())
        .unwrap_or_else(|e| panic!("the token compiler emitted CSS that does not parse: {e}"));
    prune(&mut sheet.rules.0, used);
    sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .expect("printing parsed CSS cannot fail")
        .code
}

/// Every `--name` written in `css`: the properties a stylesheet reads with
/// `var()` (and, harmlessly, any it sets).
fn dashed_names(css: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = css;
    while let Some(at) = rest.find("--") {
        let tail = &rest[at + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(tail.len());
        if end > 0 {
            names.insert(format!("--{}", &tail[..end]));
        }
        rest = &tail[end..];
    }
    names
}

fn custom_name<'a>(property: &'a Property) -> Option<&'a str> {
    match property {
        Property::Custom(custom) => match &custom.name {
            CustomPropertyName::Custom(name) => Some(name.0.as_ref()),
            CustomPropertyName::Unknown(_) => None,
        },
        _ => None,
    }
}

fn printed<T: ToCss>(value: &T) -> String {
    value
        .to_css_string(PrinterOptions::default())
        .expect("printing parsed CSS cannot fail")
}

/// Which custom properties each one's values (in any rule) refer to; the
/// names that rules this does not look into (anything but style and
/// `@media` rules) mention count as used.
fn references(
    rules: &[CssRule],
    graph: &mut BTreeMap<String, BTreeSet<String>>,
    used: &mut BTreeSet<String>,
) {
    for rule in rules {
        match rule {
            CssRule::Style(style) => {
                let block = &style.declarations;
                for property in block
                    .declarations
                    .iter()
                    .chain(&block.important_declarations)
                {
                    let value = property
                        .value_to_css_string(PrinterOptions::default())
                        .expect("printing parsed CSS cannot fail");
                    match custom_name(property) {
                        Some(name) => graph
                            .entry(name.to_owned())
                            .or_default()
                            .extend(dashed_names(&value)),
                        None => used.extend(dashed_names(&value)),
                    }
                }
                references(&style.rules.0, graph, used);
            }
            CssRule::Media(media) => references(&media.rules.0, graph, used),
            other => used.extend(dashed_names(&printed(other))),
        }
    }
}

/// Drops the declarations of custom properties that nothing reachable
/// from `used` reads, then the rules and `@media` blocks left empty.
/// Selectors, media queries and the order of what stays are untouched, so
/// no computed style changes.
fn prune(rules: &mut Vec<CssRule>, used: &BTreeSet<String>) {
    let mut graph = BTreeMap::new();
    let mut roots = used.clone();
    references(rules, &mut graph, &mut roots);
    let mut reachable = BTreeSet::new();
    let mut todo: Vec<String> = roots.into_iter().collect();
    while let Some(name) = todo.pop() {
        if let Some(next) = graph.get(&name) {
            if !reachable.contains(&name) {
                todo.extend(next.iter().cloned());
            }
        }
        reachable.insert(name);
    }
    retain(rules, &reachable);
}

fn retain(rules: &mut Vec<CssRule>, reachable: &BTreeSet<String>) {
    let keep = |property: &Property| custom_name(property).is_none_or(|n| reachable.contains(n));
    for rule in rules.iter_mut() {
        match rule {
            CssRule::Style(style) => {
                style.declarations.declarations.retain(keep);
                style.declarations.important_declarations.retain(keep);
                retain(&mut style.rules.0, reachable);
            }
            CssRule::Media(media) => retain(&mut media.rules.0, reachable),
            _ => {}
        }
    }
    rules.retain(|rule| match rule {
        CssRule::Style(style) => {
            !(style.declarations.declarations.is_empty()
                && style.declarations.important_declarations.is_empty()
                && style.rules.0.is_empty())
        }
        CssRule::Media(media) => !media.rules.0.is_empty(),
        _ => true,
    });
}

/// The custom properties the component stylesheets
/// (`crates/widgets/src/**/*.css`, shared ones included) read. Comments
/// are dropped first, so a name in prose keeps nothing alive.
fn component_references(widgets: &Path) -> BTreeSet<String> {
    // A new component's sheet is listed in the widgets' build script.
    println!(
        "cargo:rerun-if-changed={}",
        widgets.join("build.rs").display()
    );
    let mut files = Vec::new();
    css_files(&widgets.join("src"), &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // The widgets' build script reports CSS errors; here an unparsable
        // sheet is read as text, which can only keep more.
        let code = StyleSheet::parse(&text, ParserOptions::default())
            .ok()
            .and_then(|sheet| sheet.to_css(PrinterOptions::default()).ok())
            .map_or(text, |printed| printed.code);
        names.extend(dashed_names(&code));
    }
    names
}

fn css_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            css_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "css") {
            out.push(path);
        }
    }
}

/// `rem` is relative to the vendor page's `<html>` font size, which pages
/// change (`html { font-size: 62.5% }`, or a hostile `* { font: … }`); the
/// chrome must look the same on every page, so its copy of the tokens says
/// px at the browser default of 16 px. Zoom still scales it (WCAG 1.4.4).
fn rem_to_px(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("rem") {
        let before = &rest[..at];
        let number_start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| i + 1);
        let number = &before[number_start..];
        let next = rest[at + 3..].chars().next();
        let is_unit = !number.is_empty() && !next.is_some_and(|c| c.is_alphanumeric() || c == '-');
        match number.parse::<f64>() {
            Ok(value) if is_unit => {
                out.push_str(&before[..number_start]);
                out.push_str(&format!("{}px", value * 16.0));
            }
            _ => out.push_str(&rest[..at + 3]),
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let resolver = manifest.join("../../tokens/bandeau.resolver.json");
    let compiled = compile_in_build_script(&resolver);
    let options = Options {
        output_references: true,
        source_name: "tokens/bandeau.resolver.json".into(),
        ..Options::default()
    };
    let used = component_references(&manifest.join("../widgets"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    fs::write(
        out.join("tokens.css"),
        minified(&rem_to_px(&css::stylesheet(&compiled, &options)), &used),
    )
    .expect("OUT_DIR is writable");
}
