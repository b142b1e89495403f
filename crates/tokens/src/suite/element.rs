//! Element Web: `custom_themes` entries of `setting_defaults` in its
//! `config.json`, one per variant, and `default_theme` naming the first.

use super::tree::{Node, Tree};
use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;
use serde_json::Value;

pub(super) static SPEC: Spec = Spec {
    name: "element",
    files: &["element-config.json"],
    kind,
    required: &[],
    write,
    check: super::no_check,
};

/// Element's legacy theme variables; its colour maths need hex.
const COLORS: [&str; 12] = [
    "accent-color",
    "primary-color",
    "warning-color",
    "sidebar-color",
    "roomlist-background-color",
    "roomlist-text-color",
    "roomlist-text-secondary-color",
    "roomlist-highlights-color",
    "roomlist-separator-color",
    "timeline-background-color",
    "timeline-text-color",
    "timeline-text-secondary-color",
];

fn kind(key: &str) -> Option<Kind> {
    if let Some(name) = key.strip_prefix("colors.") {
        return (COLORS.contains(&name) || name == "timeline-highlights-color")
            .then_some(Kind::HexAlpha);
    }
    if let Some(name) = key.strip_prefix("compound.") {
        // Element injects only keys matching ^--cpd-[a-z0-9-]+$.
        let ok = name.strip_prefix("--cpd-").is_some_and(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
        return ok.then_some(Kind::CssColor);
    }
    matches!(key, "fonts.general" | "fonts.monospace").then_some(Kind::FontFamily)
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut themes = Vec::new();
    for v in &set.variants {
        let mut theme = Tree::default();
        theme.set(&["name"], Value::from(v.name.as_str()));
        theme.set(&["is_dark"], Value::from(v.dark));
        for e in &v.entries {
            let (group, key) = e.key.split_once('.').unwrap_or(("", &e.key));
            theme.set(&[group, key], Value::from(e.text.as_str()));
        }
        themes.push(theme);
    }
    let mut root = Tree::default();
    root.insert(
        "$comment",
        Node::Leaf(Value::from(format!(
            "{} Merge into Element Web's config.json.",
            set.header
        ))),
    );
    if let Some(first) = set.variants.first() {
        root.set(
            &["default_theme"],
            Value::from(format!("custom-{}", first.name)),
        );
    }
    let defaults = root.branch("setting_defaults");
    // Element follows the system's light or dark (its built-in themes)
    // unless told not to, and would never show `default_theme`.
    defaults.set(&["use_system_theme"], Value::from(false));
    defaults.insert("custom_themes", Node::List(themes));
    let mut out = String::new();
    root.write(0, &mut out);
    out.push('\n');
    vec![set.file("element-config.json", out)]
}
