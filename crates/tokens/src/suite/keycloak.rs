//! Keycloak's login pages (`keycloak.v2`): PatternFly 5's global custom
//! properties, which its form is drawn with, set from the tokens. Only
//! custom properties, no selectors on Keycloak's markup, so the sheet
//! survives Keycloak upgrades; it loads after keycloak.v2's own styles.
//! Dark goes on the class keycloak.v2 puts on `<html>` (`kcDarkModeClass`,
//! `pf-v5-theme-dark`), which the mapping's dark variant names.

use super::{is_custom_property, Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "keycloak",
    files: &["keycloak-patternfly.css"],
    kind,
    required: &["--pf-v5-global--primary-color--100"],
    write,
    check: super::no_check,
};

/// PatternFly 5's globals, which its components read, and keycloak.v2's
/// own properties. A component's variables (`--pf-v5-c-button--…`) are
/// declared on the component itself, so a value on `:root` would never
/// reach it: those keys are refused.
fn kind(key: &str) -> Option<Kind> {
    let global = key.starts_with("--pf-v5-global--") || key.starts_with("--keycloak-");
    (global && is_custom_property(key)).then_some(Kind::Css)
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    vec![set.file("keycloak-patternfly.css", super::stylesheet(set, ":root"))]
}
