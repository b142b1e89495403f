//! OpenProject: the design colours as `OPENPROJECT_SEED_DESIGN_*`
//! environment variables. Its seeder deletes the override of every design
//! variable missing from the environment, so all fourteen are required.

use super::{Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "openproject",
    files: &["openproject.env"],
    kind,
    required: &VARIABLES,
    write,
    check: super::no_check,
};

/// `OpenProject::CustomStyles::Design.customizable_variables`.
const VARIABLES: [&str; 14] = [
    "primary-button-color",
    "accent-color",
    "header-bg-color",
    "header-item-bg-hover-color",
    "header-item-font-color",
    "header-item-font-hover-color",
    "header-border-bottom-color",
    "main-menu-bg-color",
    "main-menu-bg-selected-background",
    "main-menu-bg-hover-background",
    "main-menu-font-color",
    "main-menu-selected-font-color",
    "main-menu-hover-font-color",
    "main-menu-border-color",
];

fn kind(key: &str) -> Option<Kind> {
    (VARIABLES.contains(&key) || key == "export-cover-text-color").then_some(Kind::Hex)
}

/// `primary-button-color` → `OPENPROJECT_SEED_DESIGN_PRIMARY__BUTTON__COLOR`:
/// the seed key is `primary_button_color`, and an underscore inside a key
/// is doubled because a single one nests.
fn variable(key: &str) -> String {
    format!(
        "OPENPROJECT_SEED_DESIGN_{}",
        key.to_ascii_uppercase().replace('-', "__")
    )
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut out = format!(
        "# {}\n# OpenProject design colours: an env file for docker compose, systemd or the Helm chart's environment.\n",
        set.header
    );
    for (key, entry) in set.first_with("") {
        // DesignColor stores upper-case `#RRGGBB`.
        out.push_str(&format!(
            "{}={}\n",
            variable(key),
            entry.text.to_ascii_uppercase()
        ));
    }
    vec![set.file("openproject.env", out)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_become_seed_variables() {
        assert_eq!(
            super::variable("main-menu-bg-selected-background"),
            "OPENPROJECT_SEED_DESIGN_MAIN__MENU__BG__SELECTED__BACKGROUND"
        );
    }
}
