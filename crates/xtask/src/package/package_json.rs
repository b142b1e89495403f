//! `package.json` of the npm package `bandeau`, in place of the one
//! wasm-pack writes for the crate.

use super::json::{arr, obj, str, Json};

pub const NAME: &str = "bandeau";

/// `(subpath, types, file)`: what `import 'bandeau/…'` reaches. The
/// package check (`cargo xtask test`) makes sure each file is packed, and
/// that a pattern (`*`, which Node lets match across `/`) matches a
/// packed file.
pub const EXPORTS: [(&str, Option<&str>, &str); 9] = [
    (".", Some("./index.d.ts"), "./index.js"),
    ("./bandeau.js", Some("./bandeau.d.ts"), "./bandeau.js"),
    ("./tokens.css", None, "./tokens.css"),
    ("./tokens.json", None, "./tokens.json"),
    ("./tokens.scss", None, "./tokens.scss"),
    ("./tokens", Some("./tokens.d.ts"), "./tokens.js"),
    ("./custom-elements.json", None, "./custom-elements.json"),
    // The suite's apps' theme files: `bandeau/themes/cunningham.ts`,
    // `bandeau/themes/ocean/element-config.json`, …
    ("./themes/*", None, "./themes/*"),
    ("./package.json", None, "./package.json"),
];

/// Whether the package path `file` (`themes/ocean/portal.css`, no `./`)
/// is what the export target `target` (`./themes/*`) points at: equal,
/// or, for a pattern, the same text around its one `*`, which matches
/// one or more characters as in Node's resolution.
pub fn export_matches(target: &str, file: &str) -> bool {
    let target = target.trim_start_matches("./");
    match target.split_once('*') {
        None => target == file,
        Some((before, after)) => {
            file.len() > before.len() + after.len()
                && file.starts_with(before)
                && file.ends_with(after)
        }
    }
}

/// Files whose import does something by itself: the script-tag entry
/// defines the elements, and stylesheets apply. Everything else, `index.js`
/// first, may be dropped by a bundler when unused.
const SIDE_EFFECTS: [&str; 2] = ["./bandeau.js", "*.css"];

/// The manifest for the package whose top-level entries (files and
/// directories, `/`-terminated) are `entries`.
pub fn package_json(entries: &[String]) -> Json {
    let exports = EXPORTS.iter().map(|(subpath, types, file)| {
        let target = match types {
            // `types` first: conditions are matched in order.
            Some(types) => obj([("types", str(*types)), ("default", str(*file))]),
            None => str(*file),
        };
        (subpath.to_string(), target)
    });
    obj([
        ("name", str(NAME)),
        ("version", str(env!("CARGO_PKG_VERSION"))),
        (
            "description",
            str("openDesk's suite chrome as custom elements (<bandeau-bar>, <bandeau-launcher>, <bandeau-user-menu>, <bandeau-login>) in Rust and WebAssembly, with its design tokens"),
        ),
        (
            "keywords",
            arr([
                "opendesk",
                "custom-elements",
                "web-components",
                "webassembly",
                "design-tokens",
                "launcher",
                "suite-chrome",
            ]
            .map(str)),
        ),
        ("license", str(env!("CARGO_PKG_LICENSE"))),
        (
            "repository",
            obj([
                ("type", str("git")),
                ("url", str(env!("CARGO_PKG_REPOSITORY"))),
            ]),
        ),
        ("type", str("module")),
        ("main", str("./index.js")),
        ("module", str("./index.js")),
        ("types", str("./index.d.ts")),
        ("exports", Json::Obj(exports.collect())),
        ("files", arr(entries.iter().map(str))),
        ("sideEffects", arr(SIDE_EFFECTS.map(str))),
        ("customElements", str("custom-elements.json")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn names_the_package_and_maps_every_export_types_first() {
        let entries = vec!["index.js".to_string(), "snippets/".to_string()];
        let text = package_json(&entries).pretty();
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["name"], "bandeau");
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["type"], "module");
        assert_eq!(json["customElements"], "custom-elements.json");
        assert_eq!(json["files"], serde_json::json!(["index.js", "snippets/"]));
        assert_eq!(json["exports"]["."]["default"], "./index.js");
        assert_eq!(json["exports"]["./tokens"]["types"], "./tokens.d.ts");
        assert_eq!(json["exports"]["./tokens.css"], "./tokens.css");
        assert_eq!(json["exports"]["./themes/*"], "./themes/*");
        let root = text.find("\".\": {").unwrap();
        let types = root + text[root..].find("\"types\"").unwrap();
        let default = root + text[root..].find("\"default\"").unwrap();
        assert!(types < default, "types must come first");
        // Bundlers may drop the side-effect free entry, never the loader.
        let side_effects = json["sideEffects"].as_array().unwrap();
        assert!(side_effects.contains(&Value::from("./bandeau.js")));
        assert!(!side_effects
            .iter()
            .any(|s| s.as_str().unwrap().contains("index")));
    }

    #[test]
    fn an_export_pattern_matches_files_below_it_and_a_file_only_itself() {
        assert!(export_matches("./themes/*", "themes/cunningham.ts"));
        assert!(export_matches("./themes/*", "themes/ocean/portal.css"));
        assert!(!export_matches("./themes/*", "themes/"));
        assert!(!export_matches("./themes/*", "tokens.css"));
        assert!(export_matches("./tokens.css", "tokens.css"));
        assert!(!export_matches("./tokens.css", "themes/tokens.css"));
        assert!(export_matches("./x/*.js", "x/a.js"));
        assert!(!export_matches("./x/*.js", "x/a.ts"));
    }
}
