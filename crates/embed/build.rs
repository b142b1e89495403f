//! Compiles the project's tokens into the stylesheet every shadow root
//! adopts, with the token compiler's library: no ordering with `cargo
//! xtask build` and no generated file to go stale.

use bandeau_tokens::emit::{css, Options};
use bandeau_tokens::resolver::{compile_resolver, Loader};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use std::path::PathBuf;
use std::{env, fs};

struct Files(PathBuf);

impl Loader for Files {
    fn load(&mut self, reference: &str) -> Result<(String, String), String> {
        let path = self.0.join(reference);
        println!("cargo:rerun-if-changed={}", path.display());
        fs::read_to_string(&path)
            .map(|text| (path.display().to_string(), text))
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Whitespace and comments only: rules are not merged or reordered, so
/// the cascade the token emitter planned stays exactly as emitted.
fn minified(css: &str) -> String {
    let sheet = StyleSheet::parse(css, ParserOptions::default())
        .unwrap_or_else(|e| panic!("the token compiler emitted CSS that does not parse: {e}"));
    sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .expect("printing parsed CSS cannot fail")
        .code
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
    let tokens = manifest.join("../../tokens");
    let resolver = tokens.join("bandeau.resolver.json");
    println!("cargo:rerun-if-changed={}", resolver.display());
    let text =
        fs::read_to_string(&resolver).unwrap_or_else(|e| panic!("{}: {e}", resolver.display()));
    let compiled =
        match compile_resolver(&resolver.display().to_string(), &text, &mut Files(tokens)) {
            Ok(compiled) => compiled,
            Err(failure) => {
                for problem in &failure.diagnostics {
                    eprintln!("{problem}");
                }
                panic!("the project's tokens do not compile");
            }
        };
    let options = Options {
        output_references: true,
        source_name: "tokens/bandeau.resolver.json".into(),
        ..Options::default()
    };
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    fs::write(
        out.join("tokens.css"),
        minified(&rem_to_px(&css::stylesheet(&compiled, &options))),
    )
    .expect("OUT_DIR is writable");
}
