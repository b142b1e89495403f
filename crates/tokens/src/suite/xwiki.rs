//! XWiki: one Flamingo colour theme per variant (a page in the
//! `FlamingoThemes` space holding a `FlamingoThemesCode.ThemeClass`
//! object, whose properties are Bootstrap 3 LESS variables), written
//! through XWiki's REST API by a `curl` script; the first variant becomes
//! the wiki's colour theme. XWiki has no automatic dark mode: a dark
//! variant is a second theme users can pick.

use super::{shell_quote, Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "xwiki",
    files: &["xwiki-colortheme.sh"],
    kind,
    required: &["brand-primary"],
    write,
    check: super::no_check,
};

/// The colour properties of `FlamingoThemesCode.ThemeClass`, as the
/// Iceberg theme defines them.
const COLORS: [&str; 49] = [
    "body-bg",
    "text-color",
    "link-color",
    "headings-color",
    "brand-primary",
    "brand-success",
    "brand-info",
    "brand-warning",
    "brand-danger",
    "breadcrumb-bg",
    "breadcrumb-color",
    "btn-default-bg",
    "btn-default-color",
    "btn-default-border",
    "btn-primary-bg",
    "btn-primary-color",
    "btn-success-bg",
    "btn-success-color",
    "btn-info-bg",
    "btn-info-color",
    "btn-warning-bg",
    "btn-warning-color",
    "btn-danger-bg",
    "btn-danger-color",
    "component-active-bg",
    "component-active-color",
    "dropdown-bg",
    "dropdown-border",
    "dropdown-divider-bg",
    "dropdown-link-color",
    "dropdown-link-hover-bg",
    "dropdown-link-hover-color",
    "input-bg",
    "input-border",
    "input-border-focus",
    "input-color",
    "input-color-placeholder",
    "legend-border-color",
    "legend-color",
    "navbar-default-bg",
    "navbar-default-color",
    "navbar-default-link-color",
    "navbar-default-link-hover-color",
    "navbar-default-link-hover-bg",
    "navbar-default-link-active-color",
    "navbar-default-link-active-bg",
    "panel-bg",
    "table-bg",
    "xwiki-page-content-bg",
];

fn kind(key: &str) -> Option<Kind> {
    if COLORS.contains(&key) {
        Some(Kind::CssColor)
    } else if matches!(
        key,
        "font-family-base"
            | "font-family-sans-serif"
            | "font-family-serif"
            | "font-family-monospace"
    ) {
        Some(Kind::FontFamily)
    } else if matches!(key, "font-size-base" | "navbar-height") {
        Some(Kind::Length)
    } else {
        None
    }
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut out = format!(
        r#"#!/bin/sh
# {header}
# XWiki colour themes through the REST API: one page per theme in the
# FlamingoThemes space, created or updated; the first becomes the wiki's
# colour theme. Run it anywhere curl reaches the wiki, for example
#   XWIKI_URL=https://wiki.example.org/xwiki XWIKI_AUTH=Admin:secret sh xwiki-colortheme.sh
set -eu
: "${{XWIKI_URL:?set XWIKI_URL to the base URL of the wiki, e.g. https://wiki.example.org/xwiki}}"
: "${{XWIKI_AUTH:?set XWIKI_AUTH to user:password of a wiki administrator}}"
rest="$XWIKI_URL/rest/wikis/${{XWIKI_WIKI:-xwiki}}"
# Form posts need the CSRF token XWiki sends in every response.
token=$(curl -sS -u "$XWIKI_AUTH" -o /dev/null -D - "$rest" | sed -n 's/^[Xx][Ww]iki-[Ff]orm-[Tt]oken: *//p' | tr -d '\r')
xw() {{
  curl --fail -sS -o /dev/null -u "$XWIKI_AUTH" -H "XWiki-Form-Token: $token" "$@"
}}
theme() {{
  page="$rest/spaces/FlamingoThemes/pages/$1"
  title=$2
  shift 2
  xw -X PUT --data-urlencode "title=$title" "$page"
  xw -X PUT "$@" "$page/objects/FlamingoThemesCode.ThemeClass/0" ||
    xw -X POST --data-urlencode 'className=FlamingoThemesCode.ThemeClass' "$@" "$page/objects"
}}
"#,
        header = set.header
    );
    for v in &set.variants {
        out.push_str(&format!(
            "\n# {}\ntheme {} {}",
            super::comment_text(&format!("{} ({})", v.name, v.permutation)),
            shell_quote(&page_segment(&v.name)),
            shell_quote(&v.name)
        ));
        for e in &v.entries {
            out.push_str(&format!(
                " \\\n  --data-urlencode {}",
                shell_quote(&format!("property#{}={}", e.key, e.text))
            ));
        }
        out.push('\n');
    }
    if let Some(first) = set.variants.first() {
        out.push_str(&format!(
            "\n# The wiki's colour theme.\nxw -X PUT -H 'Content-Type: text/plain' --data-binary {} \"$rest/spaces/XWiki/pages/XWikiPreferences/objects/XWiki.XWikiPreferences/0/properties/colorTheme\"\n",
            shell_quote(&format!("FlamingoThemes.{}", reference_name(&first.name)))
        ));
    }
    vec![set.file("xwiki-colortheme.sh", out)]
}

/// A page name inside an XWiki reference, where `.` and `\\` separate and
/// escape.
fn reference_name(name: &str) -> String {
    name.replace('\\', "\\\\").replace('.', "\\.")
}

/// A page name as one URL path segment.
fn page_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
