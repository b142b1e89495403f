//! La Suite's Cunningham: a theme configuration (`cunningham.ts`) that the
//! Cunningham CLI deep-merges over its built-in themes, one theme per
//! variant (the first should be `default`, which the CLI puts on `:root`;
//! the others become `.cunningham-theme--<name>` classes), and the same
//! values as the custom properties that CLI writes (`cunningham.css`), for
//! a running app to load over its own (La Suite Docs' `FRONTEND_CSS_URL`)
//! with no rebuild.

use super::mapping::Mapping;
use super::tree::Tree;
use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;
use crate::json::Span;
use serde_json::Value;

pub(super) static SPEC: Spec = Spec {
    name: "cunningham",
    files: &["cunningham.ts", "cunningham.css"],
    kind,
    required: &[],
    write,
    check,
};

/// The CLI puts the theme named `default` on `:root` and every other on a
/// `.cunningham-theme--<name>` class, as the name is spelled: the first
/// variant must be `default`, and the names must be CSS identifiers.
fn check(mapping: &Mapping) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    if let Some(first) = mapping.variants.first().filter(|v| v.name != "default") {
        out.push((
            first.span,
            format!(
                "the first variant is Cunningham's `default` theme and must be named so, not `{}`",
                first.name
            ),
        ));
    }
    for v in &mapping.variants {
        let ident = !v.name.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            && v.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ident {
            out.push((
                v.span,
                format!(
                    "variant `{}` becomes the class .cunningham-theme--{}, so it takes only letters, digits, - and _",
                    v.name, v.name
                ),
            ));
        }
    }
    out
}

fn kind(key: &str) -> Option<Kind> {
    let segments: Vec<&str> = key.split('.').collect();
    // Segments become parts of custom-property names in `cunningham.css`.
    let name = |s: &&str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if !segments.iter().all(name) || segments.len() < 2 {
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
    vec![
        set.file("cunningham.ts", out),
        set.file("cunningham.css", stylesheet(set)),
    ]
}

/// The CLI's names: `--c--` and the path joined by `--`, lower-cased in the
/// default theme (the CLI lower-cases only there); the first variant on
/// `:root`, every other on its theme class.
fn stylesheet(set: &Rendered) -> String {
    let mut out = format!(
        "/* {} */\n/* Cunningham's custom properties with our values: load after the app's own CSS. */\n",
        set.header
    );
    for (i, v) in set.variants.iter().enumerate() {
        let selector = if i == 0 {
            ":root".to_string()
        } else {
            format!(".cunningham-theme--{}", v.name)
        };
        out.push_str(&format!("\n{selector} {{\n"));
        for e in &v.entries {
            let mut name = format!("--c--{}", e.key.replace('.', "--"));
            if i == 0 {
                name = name.to_lowercase();
            }
            out.push_str(&format!("  {name}: {};\n", e.text));
        }
        out.push_str("}\n");
    }
    out
}
