//! La Suite's Cunningham: a theme configuration (`cunningham.ts`) that the
//! Cunningham CLI deep-merges over its built-in themes, one theme per
//! variant (the first should be `default`, which the CLI puts on `:root`;
//! the others become `.cunningham-theme--<name>` classes), and the same
//! values as the custom properties that CLI writes (`cunningham.css`), for
//! a running app to load over its own (La Suite Docs' `FRONTEND_CSS_URL`)
//! with no rebuild.

use super::tree::Tree;
use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;
use serde_json::Value;

pub(super) static SPEC: Spec = Spec {
    name: "cunningham",
    files: &["cunningham.ts", "cunningham.css"],
    kind,
    required: &[],
    write,
};

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
            format!(".cunningham-theme--{}", css_class(&v.name))
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

/// A theme name as a class-name fragment: the CLI writes it as it is, so
/// only names that are CSS identifiers can be reached by a class.
fn css_class(name: &str) -> String {
    let mut out = String::new();
    crate::emit::css_ident_into(name, &mut out);
    out
}
