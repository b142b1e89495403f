//! Golden tests: a small but rich fixture (`tests/golden/input`) compiled to
//! every format and compared byte for byte with `tests/golden/expected`.
//!
//! After an intended change to an output, regenerate the expected files with
//!
//!     BLESS=1 cargo test -p bandeau-tokens --test golden
//!
//! and read the diff before committing it: these files are the review copy
//! of what users get.

mod common;

use bandeau_tokens::emit::{emit, Format, Options, OutputFile};
use bandeau_tokens::lint;
use bandeau_tokens::resolver::{compile_files, compile_resolver, Compiled};
use bandeau_tokens::Source;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn input(name: &str) -> String {
    std::fs::read_to_string(golden().join("input").join(name))
        .unwrap_or_else(|e| panic!("input {name}: {e}"))
}

/// Compares `files` with `expected/<case>/` (see [`common::check_golden`]).
fn check(case: &str, files: &[OutputFile]) {
    common::check_golden(&golden().join("expected"), case, files);
}

fn emitted(c: &Compiled, formats: &[Format], options: &Options) -> Vec<OutputFile> {
    emit(c, formats, options).unwrap_or_else(|d| panic!("{d:?}"))
}

fn options(source_name: &str) -> Options {
    Options {
        source_name: source_name.into(),
        ..Options::default()
    }
}

fn files_case() -> Compiled {
    let sources: Vec<Source> = ["base.tokens.json", "semantic.tokens.json"]
        .into_iter()
        .map(|n| Source::new(n, input(n)))
        .collect();
    compile_files(&sources).unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
}

fn resolver_case() -> Compiled {
    let mut loader: HashMap<String, String> = [
        "base.tokens.json",
        "semantic.tokens.json",
        "dark.tokens.json",
        "compact.tokens.json",
    ]
    .into_iter()
    .map(|n| (n.to_string(), input(n)))
    .collect();
    compile_resolver(
        "tokens.resolver.json",
        &input("tokens.resolver.json"),
        &mut loader,
    )
    .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
}

fn lint_report(c: &Compiled) -> OutputFile {
    let (results, problems) = lint::check(c);
    assert!(problems.is_empty(), "{problems:?}");
    let mut contents = format!("{} pair(s) checked\n", results.len());
    contents.push_str(&lint::table(&results));
    for d in lint::failures(c, &results) {
        contents.push_str(&format!("{d}\n"));
    }
    OutputFile {
        name: "lint.txt".into(),
        contents,
    }
}

#[test]
fn golden_token_files_in_every_format() {
    let c = files_case();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let mut files = emitted(
        &c,
        &Format::ALL,
        &options("base.tokens.json, semantic.tokens.json"),
    );
    files.push(lint_report(&c));
    check("files", &files);
}

#[test]
fn golden_resolver_in_every_format() {
    let c = resolver_case();
    assert_eq!(c.permutations.len(), 4);
    let mut files = emitted(&c, &Format::ALL, &options("tokens.resolver.json"));
    files.push(lint_report(&c));
    check("resolver", &files);
}

#[test]
fn golden_resolver_css_with_references() {
    let c = resolver_case();
    let options = Options {
        output_references: true,
        ..options("tokens.resolver.json")
    };
    check(
        "resolver-references",
        &emitted(&c, &[Format::Css], &options),
    );
}

#[test]
fn golden_outputs_are_deterministic() {
    let a = emitted(&resolver_case(), &Format::ALL, &Options::default());
    let b = emitted(&resolver_case(), &Format::ALL, &Options::default());
    assert_eq!(a, b);
}
