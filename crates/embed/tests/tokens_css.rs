//! The chrome's copy of the tokens (`TOKENS_CSS`, pruned by `build.rs`)
//! declares every custom property the component stylesheets read, and
//! nothing that no component can reach.

#![cfg(not(target_arch = "wasm32"))]

use bandeau_embed::TOKENS_CSS;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The `--name`s in `css` followed by `:` (declared) or not (read).
fn names(css: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut declared, mut read) = (BTreeSet::new(), BTreeSet::new());
    let mut rest = css;
    while let Some(at) = rest.find("--") {
        let tail = &rest[at + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(tail.len());
        let name = format!("--{}", &tail[..end]);
        if tail[end..].trim_start().starts_with(':') {
            declared.insert(name);
        } else {
            read.insert(name);
        }
        rest = &tail[end..];
    }
    (declared, read)
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

fn component_sheets(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            component_sheets(&path, out);
        } else if path.extension().is_some_and(|e| e == "css") {
            out.push(path);
        }
    }
}

fn read_by_components() -> BTreeSet<String> {
    let mut files = Vec::new();
    component_sheets(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../widgets/src"),
        &mut files,
    );
    assert!(!files.is_empty());
    files
        .iter()
        .flat_map(|file| names(&without_comments(&std::fs::read_to_string(file).unwrap())).1)
        .collect()
}

/// Tokens only: a component may also read a property the page sets on
/// the host (`--bandeau-…`, with a fallback).
#[test]
fn every_token_a_component_reads_is_declared() {
    let (declared, read_by_tokens) = names(TOKENS_CSS);
    for name in read_by_components().iter().chain(&read_by_tokens) {
        if name.starts_with("--bd-") {
            assert!(declared.contains(name), "{name} is read but not declared");
        }
    }
}

#[test]
fn every_declared_property_is_read_by_a_component_or_another_token() {
    let (declared, read_by_tokens) = names(TOKENS_CSS);
    let read = read_by_components();
    for name in &declared {
        assert!(
            read.contains(name) || read_by_tokens.contains(name),
            "{name} is declared but nothing reads it"
        );
    }
}
