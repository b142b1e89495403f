//! Nextcloud: the theming app's settings as a script of `occ` commands.
//! Keys that `occ theming:config` accepts go through it (it also clears
//! the theming caches); the rest, such as `background_color`, which
//! Nextcloud 31 refuses there (nextcloud/server#51182), are written with
//! `occ config:app:set theming`, before the `theming:config` calls so
//! those calls still clear the caches after them.

use super::{shell_quote, Kind, Rendered, Spec};
use crate::emit::OutputFile;

pub(super) static SPEC: Spec = Spec {
    name: "nextcloud",
    files: &["nextcloud-theming.sh"],
    kind,
    required: &["primary_color"],
    write,
    check: super::no_check,
};

/// What `occ theming:config` accepts in Nextcloud 30 and 31.
const THEMING_CONFIG: [&str; 8] = [
    "name",
    "url",
    "imprintUrl",
    "privacyUrl",
    "slogan",
    "color",
    "primary_color",
    "disable-user-theming",
];

fn kind(key: &str) -> Option<Kind> {
    match key {
        // The occ regex: `#rgb` or `#rrggbb`.
        "color" | "primary_color" | "background_color" => Some(Kind::Hex),
        "name"
        | "url"
        | "imprintUrl"
        | "privacyUrl"
        | "slogan"
        | "productName"
        | "disable-user-theming"
        | "backgroundMime" => Some(Kind::Text),
        _ => None,
    }
}

fn write(set: &Rendered) -> Vec<OutputFile> {
    let mut out = format!(
        "#!/bin/sh\n# {}\n# Nextcloud theming: run on the Nextcloud server, for example\n#   OCC='sudo -u www-data php /var/www/nextcloud/occ' sh nextcloud-theming.sh\nset -eu\nOCC=${{OCC:-php occ}}\n",
        set.header
    );
    let (direct, config): (Vec<_>, Vec<_>) = set
        .first_with("")
        .partition(|(key, _)| THEMING_CONFIG.contains(key));
    for (key, entry) in config {
        // `--value=…` in one word: a value that begins with `-` is still
        // the value, not an option.
        out.push_str(&format!(
            "$OCC config:app:set theming {key} {}\n",
            shell_quote(&format!("--value={}", entry.text))
        ));
    }
    for (key, entry) in direct {
        // After `--`, occ takes everything as arguments, so a slogan such
        // as `-q` is the slogan, not `--quiet`.
        out.push_str(&format!(
            "$OCC theming:config -- {key} {}\n",
            shell_quote(&entry.text)
        ));
    }
    vec![set.file("nextcloud-theming.sh", out)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_survive_the_shell() {
        assert_eq!(super::shell_quote("it's $HOME"), r"'it'\''s $HOME'");
    }
}
