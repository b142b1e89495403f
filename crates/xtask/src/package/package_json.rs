//! `package.json` of the npm package `bandeau`, in place of the one
//! wasm-pack writes for the crate.

use super::json::{arr, obj, str, Json};

pub const NAME: &str = "bandeau";

/// `(subpath, types, file)`: what `import 'bandeau/…'` reaches. The
/// package check (`cargo xtask test`) makes sure each file is packed.
pub const EXPORTS: [(&str, Option<&str>, &str); 8] = [
    (".", Some("./index.d.ts"), "./index.js"),
    ("./bandeau.js", Some("./bandeau.d.ts"), "./bandeau.js"),
    ("./tokens.css", None, "./tokens.css"),
    ("./tokens.json", None, "./tokens.json"),
    ("./tokens.scss", None, "./tokens.scss"),
    ("./tokens", Some("./tokens.d.ts"), "./tokens.js"),
    ("./custom-elements.json", None, "./custom-elements.json"),
    ("./package.json", None, "./package.json"),
];

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
}
