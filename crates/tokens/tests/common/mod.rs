//! Helpers shared by the integration tests: compile small inline sources
//! and look at the tokens or the problems that come out.
#![allow(dead_code)] // each test file uses its own subset

use bandeau_tokens::emit::OutputFile;
use bandeau_tokens::{compile, Diagnostic, Failure, Source, TokenSet};
use std::collections::BTreeSet;
use std::path::Path;

/// The file name every single-source test compiles under.
pub const FILE: &str = "t.tokens.json";

pub fn compile_one(text: &str) -> Result<(TokenSet, Vec<Diagnostic>), Failure> {
    compile(&[Source::new(FILE, text)])
}

fn listing(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compiles and expects success without warnings.
pub fn ok(text: &str) -> TokenSet {
    let (set, warnings) = ok_with_warnings(text);
    assert!(
        warnings.is_empty(),
        "unexpected warnings:\n{}",
        listing(&warnings)
    );
    set
}

/// Compiles and expects success; returns the warnings too.
pub fn ok_with_warnings(text: &str) -> (TokenSet, Vec<Diagnostic>) {
    match compile_one(text) {
        Ok(r) => r,
        Err(f) => panic!(
            "expected the source to compile, got:\n{}\nsource:\n{text}",
            listing(&f.diagnostics)
        ),
    }
}

/// Compiles sources and expects failure; returns the errors only.
pub fn fail_all(sources: &[Source]) -> Vec<Diagnostic> {
    match compile(sources) {
        Ok((set, _)) => panic!(
            "expected errors, but it compiled to {} token(s): {:?}",
            set.len(),
            set.tokens.iter().map(|t| &t.path).collect::<Vec<_>>()
        ),
        Err(f) => f.errors().cloned().collect(),
    }
}

/// Compiles one source and expects failure; returns the errors only.
pub fn fail(text: &str) -> Vec<Diagnostic> {
    fail_all(&[Source::new(FILE, text)])
}

/// Expects exactly one error, whose message contains `needle`.
pub fn only_error(text: &str, needle: &str) -> Diagnostic {
    let errors = fail(text);
    assert_eq!(
        errors.len(),
        1,
        "expected exactly one error containing {needle:?}, got:\n{}",
        listing(&errors)
    );
    let d = errors.into_iter().next().unwrap();
    assert!(
        d.message.contains(needle),
        "expected an error containing {needle:?}, got:\n  {d}"
    );
    d
}

/// Every diagnostic as displayed (`file:line:column: path: message`).
pub fn shown(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(ToString::to_string).collect()
}

/// A token's resolved value in DTCG JSON form.
pub fn value(set: &TokenSet, path: &str) -> serde_json::Value {
    let t = set
        .get(path)
        .unwrap_or_else(|| panic!("no token `{path}` among {:?}", paths(set)));
    bandeau_tokens::value::to_dtcg(&t.value)
}

pub fn paths(set: &TokenSet) -> Vec<&str> {
    set.tokens.iter().map(|t| t.path.as_str()).collect()
}

/// A document with one token `t` of type `ty` whose `$value` is `value`
/// (JSON text).
pub fn typed(ty: &str, value: &str) -> String {
    format!(r#"{{"t": {{"$type": "{ty}", "$value": {value}}}}}"#)
}

/// `{"colorSpace": "srgb", "components": [r, g, b]}` as JSON text.
pub fn srgb(r: f64, g: f64, b: f64) -> String {
    format!(r#"{{"colorSpace": "srgb", "components": [{r}, {g}, {b}]}}"#)
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// Every file below `dir`, as `a/b.txt` paths.
fn files_below(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1 to create it)", d.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"));
            }
        }
    }
    out
}

/// Compares `files` (names may hold folders) with `<expected>/<case>/`, or
/// rewrites that folder when `BLESS=1`. Every mismatch is listed before
/// failing.
pub fn check_golden(expected: &Path, case: &str, files: &[OutputFile]) {
    let dir = expected.join(case);
    if bless() {
        let _ = std::fs::remove_dir_all(&dir);
        for f in files {
            let path = dir.join(&f.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
        return;
    }
    let mut problems = Vec::new();
    let on_disk = files_below(&dir);
    let produced: BTreeSet<String> = files.iter().map(|f| f.name.clone()).collect();
    for missing in on_disk.difference(&produced) {
        problems.push(format!("{case}/{missing} is expected but was not produced"));
    }
    for f in files {
        let Ok(want) = std::fs::read_to_string(dir.join(&f.name)) else {
            problems.push(format!(
                "{case}/{} was produced but is not expected",
                f.name
            ));
            continue;
        };
        if want != f.contents {
            let (line, (w, g)) = want
                .lines()
                .zip(f.contents.lines())
                .enumerate()
                .find(|(_, (w, g))| w != g)
                .unwrap_or((
                    want.lines().count().min(f.contents.lines().count()),
                    ("<end of file>", "<end of file>"),
                ));
            problems.push(format!(
                "{case}/{} differs, first at line {}:\n  expected: {w}\n  produced: {g}",
                f.name,
                line + 1
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(if the change is intended, run with BLESS=1 and review the diff)",
        problems.join("\n")
    );
}
