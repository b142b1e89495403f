//! La Suite's Cunningham: a theme configuration (`cunningham.ts`) that the
//! Cunningham CLI deep-merges over its built-in themes, one theme per
//! variant (the first should be `default`, which the CLI puts on `:root`;
//! the others become `.cunningham-theme--<name>` classes).

use super::tree::Tree;
use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;
use serde_json::Value;

pub(super) static SPEC: Spec = Spec {
    name: "cunningham",
    files: &["cunningham.ts"],
    kind,
    required: &[],
    write,
};

fn kind(key: &str) -> Option<Kind> {
    let segments: Vec<&str> = key.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) || segments.len() < 2 {
        return None;
    }
    match segments.as_slice() {
        ["globals", "colors", _] => Some(Kind::HexAlpha),
        ["globals", "font", "families", _] => Some(Kind::FontFamily),
        ["globals", "font", "sizes" | "weights", _] => Some(Kind::Css),
        ["globals", "spacings" | "transitions" | "breakpoints", ..] => Some(Kind::Css),
        ["contextuals", "background" | "content" | "border", ..] => Some(Kind::HexAlpha),
        ["components", _, ..] => Some(Kind::Css),
        _ => None,
    }
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut themes = Tree::default();
    for v in &set.variants {
        for e in &v.entries {
            let mut path = vec![v.name.as_str()];
            path.extend(e.key.split('.'));
            themes.set(&path, Value::from(e.text.as_str()));
        }
    }
    let mut body = String::new();
    themes.write(1, &mut body);
    let out = format!(
        "// {}\n// Cunningham theme configuration: put it in the app's front-end folder as cunningham.ts\n// and run `cunningham -g css,ts -o src/cunningham`.\nexport default {{\n  themes: {body},\n}};\n",
        set.header
    );
    vec![set.file("cunningham.ts", out)]
}
