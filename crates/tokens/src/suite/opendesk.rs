//! openDesk: the deployment's theme values (`theme.colors.*` and
//! `theme.texts.*` of `helmfile/environments/default/theme.yaml.gotmpl`)
//! as a Helm values file, and the stylesheet openDesk gives the Univention
//! portal and the Keycloak login (`styles.portal.main`), whose custom
//! properties the portal's and UCS's own stylesheets read.

use super::{is_custom_property, Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "opendesk",
    files: &["opendesk-theme.yaml", "portal.css"],
    kind,
    required: &COLOR_KEYS,
    write,
    check: super::no_check,
};

/// `theme.colors.<key>` for every colour key openDesk defines (the brand
/// derivation's `BRAND_KEYS`, which reads these values back).
const COLOR_KEYS: [&str; 13] = [
    "theme.colors.primary",
    "theme.colors.primary15",
    "theme.colors.primary35",
    "theme.colors.primary65",
    "theme.colors.black",
    "theme.colors.white",
    "theme.colors.secondaryGreyLight",
    "theme.colors.secondaryBlue",
    "theme.colors.secondaryBlueHighcontrast",
    "theme.colors.secondaryRed",
    "theme.colors.secondaryYellow",
    "theme.colors.secondaryGreen",
    "theme.colors.secondaryGrey",
];

const TEXT_KEYS: [&str; 2] = ["theme.texts.productName", "theme.texts.slogan"];

fn kind(key: &str) -> Option<Kind> {
    if COLOR_KEYS.contains(&key) {
        // openDesk's values are `#rrggbb` strings, and apps such as
        // OpenProject refuse anything else.
        Some(Kind::Hex)
    } else if TEXT_KEYS.contains(&key) {
        Some(Kind::Text)
    } else if is_custom_property(key) {
        Some(Kind::Css)
    } else {
        None
    }
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    vec![
        set.file("opendesk-theme.yaml", values(set)),
        set.file("portal.css", super::stylesheet(set, ":root")),
    ]
}

/// The values file, from the first variant: openDesk's colours are light
/// only. Every value is a double-quoted scalar; a bare `#` would start a
/// comment.
fn values(set: &Rendered) -> String {
    let mut out = format!(
        "# {}\n# openDesk theme values: pass with `helmfile … --state-values-file opendesk-theme.yaml`.\ntheme:\n",
        set.header
    );
    let mut groups: Vec<&str> = Vec::new();
    for (key, _) in set.first_with("theme.") {
        let group = key.split('.').next().unwrap_or(key);
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    for group in groups {
        out.push_str(&format!("  {group}:\n"));
        let prefix = format!("theme.{group}.");
        for (key, entry) in set.first_with(&prefix) {
            out.push_str(&format!("    {key}: {}\n", yaml_quote(&entry.text)));
        }
    }
    out
}

/// A YAML double-quoted scalar holding exactly `s`: besides `"` and `\\`,
/// everything YAML does not allow as it is (C0 and C1 controls, DEL,
/// U+FFFE/U+FFFF) or would fold (NEL, the line and paragraph separators)
/// is escaped.
fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_values_hold_the_keys_the_brand_derivation_reads() {
        let keys: Vec<String> = crate::brand::BRAND_KEYS
            .iter()
            .map(|k| format!("theme.colors.{k}"))
            .collect();
        assert_eq!(keys, super::COLOR_KEYS);
    }

    #[test]
    fn yaml_strings_hold_what_yaml_would_refuse_or_fold() {
        assert_eq!(
            super::yaml_quote("a\"b\\c\u{7f}\u{85}\u{2028}\u{ffff}é"),
            r#""a\"b\\c\x7f\x85\L\uffffé""#
        );
    }
}
