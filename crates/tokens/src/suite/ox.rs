//! OX App Suite 8: the dynamic theme's settings
//! (`io.ox/dynamic-theme//<variable>`) as the properties file a plain
//! install reads from `/opt/open-xchange/etc/settings/`.

use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "ox",
    files: &["open-xchange-dynamic-theme.properties"],
    kind,
    required: &["mainColor"],
    write,
    check: super::no_check,
};

const COLORS: [&str; 14] = [
    "mainColor",
    "linkColor",
    "toolbarColor",
    "topbarBackground",
    "topbarColor",
    "topbarHover",
    "topbarHoverColor",
    "listSelected",
    "listHover",
    "listSelectedFocus",
    "folderBackground",
    "folderSelected",
    "folderHover",
    "folderSelectedFocus",
];

fn kind(key: &str) -> Option<Kind> {
    if COLORS.contains(&key) {
        Some(Kind::CssColor)
    } else if matches!(
        key,
        "logoURL" | "logoURL/light" | "logoURL/dark" | "logoWidth" | "logoHeight"
    ) {
        Some(Kind::Text)
    } else {
        None
    }
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut out = format!(
        "# {}\n# OX App Suite dynamic theme (needs com.openexchange.capability.dynamic-theme=true).\n",
        set.header
    );
    for (key, entry) in set.first_with("") {
        out.push_str(&format!(
            "io.ox/dynamic-theme//{key}={}\n",
            escape(&entry.text)
        ));
    }
    vec![set.file("open-xchange-dynamic-theme.properties", out)]
}

/// Java properties escapes for a value; leading blanks are escaped too,
/// or `Properties.load` would drop them.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            ' ' | '\t' | '\u{c}'
                if s.chars().take(i).all(|p| matches!(p, ' ' | '\t' | '\u{c}')) =>
            {
                out.push_str(match c {
                    ' ' => "\\ ",
                    '\t' => "\\t",
                    _ => "\\f",
                })
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || !c.is_ascii() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn leading_blanks_survive_properties_loading() {
        assert_eq!(super::escape("  a b\\"), "\\ \\ a b\\\\");
    }
}
