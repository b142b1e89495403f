//! The compiler core running in a real browser (headless Chromium through
//! wasm-bindgen-test), as the preview's live token editor runs it.
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(out: &str) -> serde_json::Value {
    serde_json::from_str(out).expect("compile returns JSON")
}

#[wasm_bindgen_test]
fn compiles_a_resolver_with_themes_in_the_browser() {
    let files = serde_json::json!({
        "t.resolver.json": r##"{"version": "2025.10",
            "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
            "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}, "default": "light"}},
            "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##,
        "base.json": r##"{"grey": {"$type": "color", "0": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1], "hex": "#ffffff"}}, "9": {"$value": {"colorSpace": "srgb", "components": [0.1, 0.1, 0.1]}}}}"##,
        "light.json": r#"{"surface": {"$value": "{grey.0}"}}"#,
        "dark.json": r#"{"surface": {"$value": "{grey.9}"}}"#,
    });
    let out = parse(&bandeau_tokens::wasm::compile(
        &files.to_string(),
        "css,json",
    ));
    assert_eq!(out["ok"], true, "{out}");
    let css = out["files"]["tokens.css"].as_str().unwrap();
    assert!(css.contains("--bd-surface: #ffffff;"), "{css}");
    assert!(
        css.contains(
            "[data-theme=\"dark\"], :host([data-theme=\"dark\"]) {\n  --bd-surface: #1a1a1a;"
        ),
        "{css}"
    );
}

#[wasm_bindgen_test]
fn a_broken_edit_names_file_line_and_token() {
    let files = serde_json::json!({
        "edit.tokens.json": "{\n  \"accent\": {\"$type\": \"color\", \"$value\": \"{nope}\"}\n}",
    });
    let out = parse(&bandeau_tokens::wasm::compile(&files.to_string(), "css"));
    assert_eq!(out["ok"], false);
    let first = out["diagnostics"][0]["text"].as_str().unwrap();
    assert!(first.starts_with("edit.tokens.json:2:"), "{first}");
    assert!(
        first.contains("accent: unresolvable alias `{nope}`"),
        "{first}"
    );
}

/// The suite's app targets through the browser bindings: each theme of a
/// resolver reaches the target's variants, mapped by the project's own
/// `targets/` file, and a broken mapping names its key.
#[wasm_bindgen_test]
fn builds_an_app_target_in_the_browser() {
    let mut files = serde_json::json!({
        "tokens/t.resolver.json": r##"{"version": "2025.10",
            "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
            "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}, "default": "light"}},
            "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##,
        "tokens/base.json": r##"{"grey": {"$type": "color", "0": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1]}}, "9": {"$value": {"colorSpace": "srgb", "components": [0.1, 0.1, 0.1]}}}}"##,
        "tokens/light.json": r#"{"accent": {"$value": "{grey.9}"}}"#,
        "tokens/dark.json": r#"{"accent": {"$value": "{grey.0}"}}"#,
        "tokens/targets/element.json": r#"{"variants": [
              {"name": "Light", "inputs": {"theme": "light"}},
              {"name": "Dark", "inputs": {"theme": "dark"}, "dark": true}],
            "keys": {"compound.--cpd-color-bg-action-primary-rest": "{accent}"}}"#,
    });
    let out = parse(&bandeau_tokens::wasm::compile(
        &files.to_string(),
        "element",
    ));
    assert_eq!(out["ok"], true, "{out}");
    let config: serde_json::Value =
        serde_json::from_str(out["files"]["element-config.json"].as_str().unwrap()).unwrap();
    let themes = &config["setting_defaults"]["custom_themes"];
    assert_eq!(
        themes[0]["compound"]["--cpd-color-bg-action-primary-rest"],
        "#1a1a1a"
    );
    assert_eq!(
        themes[1]["compound"]["--cpd-color-bg-action-primary-rest"],
        "#ffffff"
    );
    assert_eq!(themes[1]["is_dark"], true);

    files["tokens/targets/element.json"] = serde_json::Value::from(
        r#"{"variants": [{"name": "Light", "inputs": {"theme": "light"}}],
  "keys": {"compound.--cpd-color-bg-action-primary-rest": "{accent.nope}"}}"#,
    );
    let out = parse(&bandeau_tokens::wasm::compile(
        &files.to_string(),
        "css,element",
    ));
    assert_eq!(out["ok"], false);
    let first = out["diagnostics"][0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("tokens/targets/element.json:2:"),
        "{first}"
    );
    assert!(
        first.contains("element: compound.--cpd-color-bg-action-primary-rest: token `accent.nope` does not exist"),
        "{first}"
    );
}
