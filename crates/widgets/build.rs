//! Checks and minifies each component's `style.css` into `OUT_DIR`.
//!
//! The components may colour things only through `var(--bd-…)` token
//! variables, so that themes and brands reach every pixel; a colour literal
//! fails the build here, with the file and line, instead of being found in
//! review. A literal inside a `var()` fallback is allowed: it only shows
//! when the token stylesheet is missing.

#[path = "build/css_check.rs"]
mod css_check;

use css_check::check_colours;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use std::path::{Path, PathBuf};
use std::{env, fs};

/// (output name, source) per stylesheet the crate exposes.
const SHEETS: &[(&str, &str)] = &[
    ("shared.css", "src/shared.css"),
    ("launcher.css", "src/launcher/style.css"),
    ("bar.css", "src/bar/style.css"),
    ("user_menu.css", "src/user_menu/style.css"),
    ("login.css", "src/login/style.css"),
];

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut failures = Vec::new();
    for (name, source) in SHEETS {
        let path = root.join(source);
        println!("cargo:rerun-if-changed={}", path.display());
        match compile(&path, source) {
            Ok(css) => fs::write(out.join(name), css).expect("OUT_DIR is writable"),
            Err(mut problems) => failures.append(&mut problems),
        }
    }
    if !failures.is_empty() {
        for failure in &failures {
            // One `cargo:warning` per problem so cargo shows each line even
            // when it elides the build script's output.
            println!("cargo:warning={failure}");
        }
        eprintln!("{}", failures.join("\n"));
        std::process::exit(1);
    }
}

fn compile(path: &Path, shown: &str) -> Result<String, Vec<String>> {
    let text = fs::read_to_string(path).map_err(|e| vec![format!("{shown}: {e}")])?;
    let options = ParserOptions {
        filename: shown.to_owned(),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(&text, options).map_err(|e| {
        let place = e
            .loc
            .as_ref()
            .map(|l| format!("{shown}:{}:{}", l.line + 1, l.column))
            .unwrap_or_else(|| shown.to_owned());
        vec![format!("{place}: {}", e.kind)]
    })?;
    let problems = check_colours(&text, shown);
    if !problems.is_empty() {
        return Err(problems);
    }
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| vec![format!("{shown}: {e}")])?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| vec![format!("{shown}: {e}")])?;
    Ok(printed.code)
}
