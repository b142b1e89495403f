//! DTCG Resolver 2025.10: sets, modifiers and their contexts, the
//! resolution order, every permutation, and the problems a resolver
//! document can have.

mod common;

use bandeau_tokens::resolver::{compile_resolver, Compiled, CssHints};
use bandeau_tokens::{Failure, Severity};
use common::{shown, value};
use serde_json::json;
use std::collections::HashMap;

fn files(list: &[(&str, &str)]) -> HashMap<String, String> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn num(path: &str, n: f64) -> String {
    // `{"a": {"b": {"$type": "number", "$value": n}}}` for path `a.b`.
    let mut s = format!(r#"{{"$type": "number", "$value": {n}}}"#);
    for seg in path.rsplit('.') {
        s = format!(r#"{{"{seg}": {s}}}"#);
    }
    s
}

fn build(doc: &str, list: &[(&str, &str)]) -> Result<Compiled, Failure> {
    compile_resolver("t.resolver.json", doc, &mut files(list))
}

fn built(doc: &str, list: &[(&str, &str)]) -> Compiled {
    build(doc, list).unwrap_or_else(|f| panic!("expected success, got {:?}", shown(&f.diagnostics)))
}

fn errors(doc: &str, list: &[(&str, &str)]) -> Vec<String> {
    match build(doc, list) {
        Ok(c) => panic!(
            "expected errors, got {} permutation(s)",
            c.permutations.len()
        ),
        Err(f) => shown(&f.errors().cloned().collect::<Vec<_>>()),
    }
}

fn labels(c: &Compiled) -> Vec<String> {
    c.permutations.iter().map(|p| p.label()).collect()
}

const THEMES: &str = r##"{
  "version": "2025.10",
  "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
  "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}}},
  "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]
}"##;

const BASE: &str = r#"{"n": {"$type": "number", "one": {"$value": 1}, "two": {"$value": 2}}}"#;
const LIGHT: &str = r#"{"fg": {"$value": "{n.one}"}}"#;
const DARK: &str = r#"{"fg": {"$value": "{n.two}"}}"#;

fn themes() -> Compiled {
    built(
        THEMES,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    )
}

// ---------------------------------------------------------------------------
// Sets, modifiers, permutations

#[test]
fn a_modifier_gives_one_permutation_per_context() {
    let c = themes();
    assert_eq!(labels(&c), ["light", "dark"]);
    let light = c.find(&[("theme", "light")]).unwrap();
    let dark = c.find(&[("theme", "dark")]).unwrap();
    assert_eq!(value(&light.tokens, "fg"), json!(1));
    assert_eq!(value(&dark.tokens, "fg"), json!(2));
    assert_eq!(dark.inputs, [("theme".to_string(), "dark".to_string())]);
    assert_eq!(c.modifiers[0].contexts, ["light", "dark"]);
}

#[test]
fn the_default_context_is_the_first_unless_named() {
    let c = themes();
    assert_eq!(c.modifiers[0].default, "light");
    assert_eq!(c.base().label(), "light");
    let doc = THEMES.replace(r#"]}}}"#, r#"]}, "default": "dark"}}"#);
    let c = built(
        &doc,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    assert_eq!(c.modifiers[0].default, "dark");
    assert_eq!(c.base().label(), "dark");
    assert_eq!(value(&c.base().tokens, "fg"), json!(2));
    // `find` fills unnamed modifiers with their default.
    assert_eq!(c.find(&[]).unwrap().label(), "dark");
}

#[test]
fn sets_merge_in_resolution_order_later_wins() {
    let doc = r##"{"version": "2025.10",
        "sets": {"a": {"sources": [{"$ref": "a.json"}]}, "b": {"sources": [{"$ref": "b.json"}]}},
        "resolutionOrder": [{"$ref": "#/sets/b"}, {"$ref": "#/sets/a"}]}"##;
    let c = built(
        doc,
        &[("a.json", &num("x", 1.0)), ("b.json", &num("x", 2.0))],
    );
    assert_eq!(labels(&c), [""]);
    assert!(c.modifiers.is_empty());
    assert_eq!(value(&c.base().tokens, "x"), json!(1));
}

#[test]
fn a_set_lists_its_sources_in_order_and_aliases_cross_them() {
    let doc = r##"{"version": "2025.10",
        "sets": {"all": {"sources": [{"$ref": "a.json"}, {"$ref": "b.json"}]}},
        "resolutionOrder": [{"$ref": "#/sets/all"}]}"##;
    let c = built(
        doc,
        &[
            (
                "a.json",
                r#"{"x": {"$type": "number", "$value": 1}, "y": {"$value": "{z}"}}"#,
            ),
            (
                "b.json",
                r#"{"z": {"$type": "number", "$value": "{x}"}, "x": {"$type": "number", "$value": 5}}"#,
            ),
        ],
    );
    assert_eq!(value(&c.base().tokens, "y"), json!(5));
}

#[test]
fn inline_sets_and_modifiers_in_the_resolution_order() {
    let doc = r##"{"version": "2025.10",
        "resolutionOrder": [
            {"type": "set", "name": "base", "sources": [{"$ref": "base.json"}]},
            {"type": "modifier", "name": "theme", "default": "dark",
             "contexts": {"light": [{"fg": {"$value": "{n.one}"}}], "dark": [{"$ref": "dark.json"}]}}
        ]}"##;
    let c = built(doc, &[("base.json", BASE), ("dark.json", DARK)]);
    assert_eq!(labels(&c), ["light", "dark"]);
    assert_eq!(c.modifiers[0].name, "theme");
    assert_eq!(
        value(&c.find(&[("theme", "light")]).unwrap().tokens, "fg"),
        json!(1)
    );
    assert_eq!(value(&c.base().tokens, "fg"), json!(2));
}

#[test]
fn inline_tokens_in_sources() {
    let doc = r##"{"version": "2025.10",
        "sets": {"s": {"sources": [{"x": {"$type": "number", "$value": 4}}, {"$ref": "b.json"}]}},
        "resolutionOrder": [{"$ref": "#/sets/s"}]}"##;
    let c = built(doc, &[("b.json", r#"{"y": {"$value": "{x}"}}"#)]);
    assert_eq!(value(&c.base().tokens, "y"), json!(4));
    assert_eq!(c.base().tokens.get("x").unwrap().file, "t.resolver.json");
}

#[test]
fn contexts_may_reference_sets() {
    let doc = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.json"}]},
                 "darkPalette": {"sources": [{"$ref": "dark.json"}]}},
        "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}],
                                             "dark": [{"$ref": "#/sets/darkPalette"}]}}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
    let c = built(
        doc,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    assert_eq!(
        value(&c.find(&[("theme", "dark")]).unwrap().tokens, "fg"),
        json!(2)
    );
}

#[test]
fn a_ref_may_select_part_of_a_file() {
    let doc = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
        "modifiers": {"theme": {"contexts": {"light": [{"$ref": "themes.json#/light"}],
                                             "dark": [{"$ref": "themes.json#/dark"}]}}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
    let themes = format!(r#"{{"light": {LIGHT}, "dark": {DARK}}}"#);
    let c = built(doc, &[("base.json", BASE), ("themes.json", &themes)]);
    assert_eq!(
        value(&c.find(&[("theme", "light")]).unwrap().tokens, "fg"),
        json!(1)
    );
    assert_eq!(
        value(&c.find(&[("theme", "dark")]).unwrap().tokens, "fg"),
        json!(2)
    );
    assert!(c.base().tokens.get("light.fg").is_none());
}

#[test]
fn every_permutation_is_built() {
    let doc = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
        "modifiers": {
            "theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}},
            "density": {"default": "regular", "contexts": {
                "compact": [{"gap": {"$type": "number", "$value": 4}}],
                "regular": [{"gap": {"$type": "number", "$value": 8}}],
                "spacious": [{"gap": {"$type": "number", "$value": 12}}]}}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}, {"$ref": "#/modifiers/density"}]}"##;
    let c = built(
        doc,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    // 2 × 3, the first modifier varying slowest.
    assert_eq!(
        labels(&c),
        [
            "light.compact",
            "light.regular",
            "light.spacious",
            "dark.compact",
            "dark.regular",
            "dark.spacious"
        ]
    );
    for (theme, fg) in [("light", 1), ("dark", 2)] {
        for (density, gap) in [("compact", 4), ("regular", 8), ("spacious", 12)] {
            let p = c.find(&[("theme", theme), ("density", density)]).unwrap();
            assert_eq!(p.context("theme"), Some(theme));
            assert_eq!(p.context("density"), Some(density));
            assert_eq!(value(&p.tokens, "fg"), json!(fg), "{theme}.{density}");
            assert_eq!(value(&p.tokens, "gap"), json!(gap), "{theme}.{density}");
        }
    }
    assert_eq!(c.base().label(), "light.regular");
    assert!(c.is_default(c.find(&[("theme", "dark")]).unwrap(), Some("theme")));
    assert!(!c.is_default(c.find(&[("theme", "dark")]).unwrap(), None));
}

#[test]
fn a_later_set_overrides_a_modifier_before_it() {
    let doc = r##"{"version": "2025.10",
        "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}}},
        "sets": {"base": {"sources": [{"$ref": "base.json"}]}, "pin": {"sources": [{"fg": {"$type": "number", "$value": 9}}]}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}, {"$ref": "#/sets/pin"}]}"##;
    let c = built(
        doc,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    for p in &c.permutations {
        assert_eq!(value(&p.tokens, "fg"), json!(9), "{}", p.label());
    }
}

#[test]
fn a_file_used_by_many_permutations_is_loaded_once() {
    struct Counting(HashMap<String, String>, HashMap<String, usize>);
    impl bandeau_tokens::resolver::Loader for Counting {
        fn load(&mut self, r: &str) -> Result<(String, String), String> {
            *self.1.entry(r.to_string()).or_default() += 1;
            self.0.load(r)
        }
    }
    let doc = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
        "modifiers": {"theme": {"contexts": {"light": [{"$ref": "base.json"}, {"$ref": "light.json"}],
                                             "dark": [{"$ref": "base.json"}, {"$ref": "dark.json"}]}}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
    let mut loader = Counting(
        files(&[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ]),
        HashMap::new(),
    );
    compile_resolver("r.json", doc, &mut loader).unwrap();
    assert_eq!(loader.1["base.json"], 1);
}

#[test]
fn css_hints_come_from_the_modifier_extensions() {
    let doc = THEMES.replace(
        r#"]}}}"#,
        r#"]}, "$extensions": {"org.bandeau.css": {"attribute": "data-mode", "auto": "system",
            "media": {"dark": "(prefers-color-scheme: dark)"}}}}}"#,
    );
    let c = built(
        &doc,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    assert_eq!(
        c.modifiers[0].css,
        CssHints {
            attribute: "data-mode".into(),
            auto: Some("system".into()),
            media: vec![("dark".into(), "(prefers-color-scheme: dark)".into())],
        }
    );
    // Without hints the attribute is `data-<modifier>`.
    assert_eq!(themes().modifiers[0].css.attribute, "data-theme");
}

// ---------------------------------------------------------------------------
// Problems

const FILES: [(&str, &str); 3] = [
    ("base.json", BASE),
    ("light.json", LIGHT),
    ("dark.json", DARK),
];

#[test]
fn wrong_version_is_an_error() {
    let doc = THEMES.replace("2025.10", "2024.1");
    assert_eq!(
        errors(&doc, &FILES),
        [
            r#"t.resolver.json:2:14: version: unsupported resolver version "2024.1"; expected "2025.10""#
        ]
    );
    let doc = THEMES.replace(r#""version": "2025.10","#, "");
    assert_eq!(
        errors(&doc, &FILES),
        [r#"t.resolver.json:1:1: version: a resolver document needs `"version": "2025.10"`"#]
    );
}

#[test]
fn missing_resolution_order_is_an_error() {
    let doc = r#"{"version": "2025.10", "sets": {}}"#;
    assert_eq!(
        errors(doc, &[]),
        ["t.resolver.json:1:1: resolutionOrder: a resolver document needs `resolutionOrder`"]
    );
    let doc = r#"{"version": "2025.10", "resolutionOrder": {}}"#;
    assert_eq!(
        errors(doc, &[]),
        ["t.resolver.json:1:43: resolutionOrder: `resolutionOrder` must be an array"]
    );
}

#[test]
fn a_resolver_document_must_be_an_object() {
    assert_eq!(
        errors("[]", &[]),
        ["t.resolver.json:1:1: resolver: a resolver document must be an object"]
    );
    let e = errors("{\"version\": ", &[]);
    assert!(
        e[0].starts_with("t.resolver.json:1:13: invalid JSON"),
        "{e:?}"
    );
}

#[test]
fn a_modifier_needs_contexts() {
    let doc = r##"{"version": "2025.10", "modifiers": {"theme": {"contexts": {}}},
        "resolutionOrder": [{"$ref": "#/modifiers/theme"}]}"##;
    let e = errors(doc, &[]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].ends_with("modifiers.theme: a modifier must have at least one context"),
        "{e:?}"
    );
    let doc = r##"{"version": "2025.10", "modifiers": {"theme": {}},
        "resolutionOrder": [{"$ref": "#/modifiers/theme"}]}"##;
    assert!(errors(doc, &[])[0].ends_with("modifiers.theme: a modifier needs a `contexts` object"));
}

#[test]
fn a_modifier_with_one_context_warns() {
    let doc = r##"{"version": "2025.10",
        "modifiers": {"theme": {"contexts": {"only": [{"x": {"$type": "number", "$value": 1}}]}}},
        "resolutionOrder": [{"$ref": "#/modifiers/theme"}]}"##;
    let c = built(doc, &[]);
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(c.warnings[0].severity, Severity::Warning);
    assert!(c.warnings[0]
        .message
        .contains("a modifier with one context is a set"));
}

#[test]
fn a_bad_default_is_an_error() {
    let doc = THEMES.replace(r#"]}}}"#, r#"]}, "default": "dim"}}"#);
    let e = errors(&doc, &FILES);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].ends_with("modifiers.theme: `default` must be one of the contexts: light, dark"),
        "{e:?}"
    );
}

#[test]
fn duplicate_names_in_the_resolution_order_are_errors() {
    let doc = THEMES.replace(
        r##"{"$ref": "#/modifiers/theme"}]"##,
        r##"{"$ref": "#/modifiers/theme"}, {"$ref": "#/sets/base"}]"##,
    );
    let e = errors(&doc, &FILES);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("resolutionOrder.2: `base` appears twice in resolutionOrder"),
        "{e:?}"
    );
    // An inline item may not reuse the name of a referenced one either.
    let doc = THEMES.replace(
        r##"{"$ref": "#/modifiers/theme"}]"##,
        r##"{"$ref": "#/modifiers/theme"}, {"type": "set", "name": "base", "sources": []}]"##,
    );
    assert!(errors(&doc, &FILES)[0].contains("`base` appears twice"));
}

#[test]
fn duplicate_context_names_are_errors() {
    // JSON keeps the last of duplicate keys; a second `dark` context would
    // otherwise silently make a second `dark` permutation.
    let doc = THEMES.replace(
        r##""dark": [{"$ref": "dark.json"}]"##,
        r##""dark": [{"$ref": "dark.json"}], "dark": [{"$ref": "light.json"}]"##,
    );
    let e = errors(&doc, &FILES);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("modifiers.theme: context `dark` is defined twice"),
        "{e:?}"
    );
}

#[test]
fn unknown_refs_are_errors() {
    let doc = THEMES.replace("#/sets/base", "#/sets/bsae");
    let e = errors(&doc, &FILES);
    assert_eq!(
        e,
        [r#"t.resolver.json:5:32: resolutionOrder.0: `#/sets/bsae` does not exist"#]
    );
    let doc = THEMES.replace("#/modifiers/theme", "#/themes/x");
    let e = errors(&doc, &FILES);
    assert!(
        e[0].contains(r##"expected `{"$ref": "#/sets/NAME"}` or `#/modifiers/NAME`"##),
        "{e:?}"
    );
    let doc = THEMES.replace(
        r##""dark": [{"$ref": "dark.json"}]"##,
        r##""dark": [{"$ref": "#/sets/nope"}]"##,
    );
    let e = errors(&doc, &FILES);
    assert!(
        e[0].contains("modifiers.theme.contexts.dark: no set `nope`"),
        "{e:?}"
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let e = errors(THEMES, &[("base.json", BASE), ("light.json", LIGHT)]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains(
            "modifiers.theme.contexts.dark: cannot read `dark.json`: no file `dark.json`"
        ),
        "{e:?}"
    );
}

#[test]
fn an_inline_item_needs_type_and_name() {
    let doc = r##"{"version": "2025.10", "resolutionOrder": [{"type": "set", "sources": []}, {"name": "x"}]}"##;
    let e = errors(doc, &[]);
    assert_eq!(e.len(), 2, "{e:?}");
    for (i, line) in e.iter().enumerate() {
        assert!(
            line.contains(&format!(
                "resolutionOrder.{i}: an inline resolution-order item needs `type`"
            )),
            "{e:?}"
        );
    }
}

#[test]
fn a_problem_in_one_permutation_names_it() {
    let dark = r#"{"fg": {"$value": "{n.three}"}}"#;
    let e = errors(
        THEMES,
        &[
            ("base.json", BASE),
            ("light.json", LIGHT),
            ("dark.json", dark),
        ],
    );
    assert_eq!(
        e,
        ["dark.json:1:19: fg: unresolvable alias `{n.three}`: no token has that path (in theme=dark)"]
    );
}

#[test]
fn a_problem_in_every_permutation_is_reported_once_without_names() {
    let base = r#"{"n": {"$type": "number", "one": {"$value": 1}, "two": {"$value": 2}, "bad": {"$value": "x"}}}"#;
    let e = errors(
        THEMES,
        &[
            ("base.json", base),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    assert_eq!(
        e,
        ["base.json:1:89: n.bad: a number token must be a number, found a string"]
    );
}

#[test]
fn bad_json_in_a_token_file_is_reported_once_with_its_name() {
    let e = errors(
        THEMES,
        &[
            ("base.json", "{\n  \"n\": }"),
            ("light.json", LIGHT),
            ("dark.json", DARK),
        ],
    );
    assert_eq!(
        e,
        ["base.json:2:8: invalid JSON: unexpected character `}`, expected a value"]
    );
}

#[test]
fn a_css_media_hint_for_an_unknown_context_is_an_error() {
    let doc = THEMES.replace(
        r#"]}}}"#,
        r#"]}, "$extensions": {"org.bandeau.css": {"auto": "auto", "media": {"dim": "(prefers-contrast: less)"}}}}}"#,
    );
    let e = errors(&doc, &FILES);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("`org.bandeau.css` media names unknown context `dim`"),
        "{e:?}"
    );
}

#[test]
fn a_ref_to_a_missing_part_of_a_file_is_an_error() {
    let doc = r##"{"version": "2025.10",
        "sets": {"s": {"sources": [{"$ref": "a.json#/nope"}]}},
        "resolutionOrder": [{"$ref": "#/sets/s"}]}"##;
    let e = errors(doc, &[("a.json", &num("x", 1.0))]);
    assert_eq!(
        e,
        ["a.json:1:1: the `$ref` pointer part `nope` does not exist in this file"]
    );
}
