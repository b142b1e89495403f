//! The contrast lint: pairs declared in `$extensions."org.bandeau.contrast"`
//! are checked against WCAG 2.1 in every permutation.

mod common;

use bandeau_tokens::lint::{check, failures, table, PairResult, Use};
use bandeau_tokens::resolver::{compile_files, compile_resolver, Compiled};
use bandeau_tokens::Source;
use std::collections::HashMap;

/// An opaque grey `#gggggg` as a DTCG colour.
fn grey(g: u8) -> String {
    let c = f64::from(g) / 255.0;
    common::srgb(c, c, c)
}

fn compiled(text: &str) -> Compiled {
    compile_files(&[Source::new("t.tokens.json", text)]).expect("compiles")
}

/// `ink` (grey `fg`) declared against `paper` (white) with `use`.
fn pair(fg: u8, usage: &str) -> Compiled {
    compiled(&format!(
        r#"{{"color": {{"$type": "color",
            "paper": {{"$value": {}}},
            "ink": {{"$value": {}, "$extensions": {{"org.bandeau.contrast": {{"background": "{{color.paper}}", "use": "{usage}"}}}}}}}}}}"#,
        grey(255),
        grey(fg)
    ))
}

#[test]
fn a_failing_pair_fails_with_its_ratio() {
    // #777777 on white is 4.478:1, just under the 4.5:1 text minimum.
    let c = pair(0x77, "text");
    let (results, problems) = check(&c);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(
        (r.foreground.as_str(), r.background.as_str()),
        ("color.ink", "color.paper")
    );
    assert_eq!(r.usage, Use::Text);
    assert_eq!(r.permutation, "default");
    assert!((4.47..4.48).contains(&r.ratio), "{}", r.ratio);
    assert!(!r.passes());
    let d = failures(&c, &results);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path.as_deref(), Some("color.ink"));
    assert_eq!(d[0].file, "t.tokens.json");
    assert_eq!(
        d[0].message,
        "contrast 4.48:1 on `color.paper` in default is below 4.5:1 for text"
    );
    let t = table(&results);
    assert!(t.starts_with("1 contrast pair(s) fail WCAG 2.1:\n"), "{t}");
    assert!(t.contains("color.ink") && t.contains("4.48:1"), "{t}");
}

#[test]
fn a_passing_pair_passes() {
    // #767676 on white is 4.54:1.
    let c = pair(0x76, "text");
    let (results, problems) = check(&c);
    assert!(problems.is_empty());
    assert!(results[0].passes(), "{}", results[0].ratio);
    assert!(failures(&c, &results).is_empty());
    assert_eq!(table(&results), "");
}

#[test]
fn large_text_and_ui_need_3_to_1() {
    for usage in ["large-text", "ui"] {
        // 4.48:1 passes 3:1 ...
        let (r, _) = check(&pair(0x77, usage));
        assert!(r[0].passes(), "{usage}");
        assert_eq!(r[0].usage.minimum(), 3.0);
        // ... and #a0a0a0 on white (2.68:1) does not.
        let (r, _) = check(&pair(0xa0, usage));
        assert!(!r[0].passes(), "{usage}: {}", r[0].ratio);
    }
}

#[test]
fn use_defaults_to_text_and_pairs_may_be_listed() {
    let c = compiled(&format!(
        r#"{{"c": {{"$type": "color", "paper": {{"$value": {}}}, "dim": {{"$value": {}}},
            "ink": {{"$value": {}, "$extensions": {{"org.bandeau.contrast": [
                {{"background": "{{c.paper}}"}}, {{"background": "{{c.dim}}", "use": "ui"}}]}}}}}}}}"#,
        grey(255),
        grey(0xd0),
        grey(0)
    ));
    let (results, problems) = check(&c);
    assert!(problems.is_empty(), "{problems:?}");
    let got: Vec<(&str, Use, bool)> = results
        .iter()
        .map(|r| (r.background.as_str(), r.usage, r.passes()))
        .collect();
    assert_eq!(
        got,
        [("c.paper", Use::Text, true), ("c.dim", Use::Ui, true)]
    );
    assert!((results[0].ratio - 21.0).abs() < 1e-9);
}

#[test]
fn a_translucent_foreground_is_judged_as_seen() {
    // Black at 10% over white is nearly white: far below 4.5:1.
    let c = compiled(&format!(
        r#"{{"c": {{"$type": "color", "paper": {{"$value": {}}},
            "ink": {{"$value": {{"colorSpace": "srgb", "components": [0, 0, 0], "alpha": 0.1}},
                    "$extensions": {{"org.bandeau.contrast": {{"background": "{{c.paper}}"}}}}}}}}}}"#,
        grey(255)
    ));
    let (results, _) = check(&c);
    assert!(results[0].ratio < 1.5, "{}", results[0].ratio);
}

#[test]
fn pairs_are_checked_in_every_permutation() {
    let mut files: HashMap<String, String> = [
        (
            "base.json",
            format!(
                r#"{{"c": {{"$type": "color", "white": {{"$value": {}}}, "grey": {{"$value": {}}}, "black": {{"$value": {}}}}},
                    "text": {{"$value": "{{c.black}}", "$extensions": {{"org.bandeau.contrast": {{"background": "{{surface}}"}}}}}}}}"#,
                grey(255),
                grey(0x60),
                grey(0)
            ),
        ),
        ("light.json", r#"{"surface": {"$value": "{c.white}"}}"#.to_string()),
        ("dark.json", r#"{"surface": {"$value": "{c.grey}"}}"#.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let doc = r##"{"version": "2025.10",
        "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
        "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": [{"$ref": "dark.json"}]}}},
        "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/theme"}]}"##;
    let c = compile_resolver("t.resolver.json", doc, &mut files).unwrap();
    let (results, problems) = check(&c);
    assert!(problems.is_empty(), "{problems:?}");
    let perms: Vec<(&str, bool)> = results
        .iter()
        .map(|r| (r.permutation.as_str(), r.passes()))
        .collect();
    assert_eq!(perms, [("light", true), ("dark", false)]);
    let d = failures(&c, &results);
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.contains("on `surface` in dark is below 4.5:1"),
        "{}",
        d[0]
    );
    assert_eq!(d[0].file, "base.json");
}

fn problems_of(extension: &str, ty_and_value: &str) -> Vec<String> {
    let c = compiled(&format!(
        r#"{{"paper": {{"$type": "color", "$value": {}}},
            "size": {{"$type": "dimension", "$value": {{"value": 1, "unit": "px"}}}},
            "t": {{{ty_and_value}, "$extensions": {{"org.bandeau.contrast": {extension}}}}}}}"#,
        grey(255)
    ));
    let (results, problems) = check(&c);
    assert!(results.is_empty(), "{results:?}");
    problems.iter().map(ToString::to_string).collect()
}

const INK: &str = r#""$type": "color", "$value": {"colorSpace": "srgb", "components": [0, 0, 0]}"#;

#[test]
fn bad_declarations_are_reported() {
    let at = "t.tokens.json:3:18: t: ";
    assert_eq!(
        problems_of(r#"{"use": "text"}"#, INK),
        [format!(
            "{at}`org.bandeau.contrast` needs `\"background\": \"{{token.path}}\"`"
        )]
    );
    assert_eq!(
        problems_of(r#"{"background": "paper"}"#, INK),
        [format!(
            "{at}`org.bandeau.contrast` needs `\"background\": \"{{token.path}}\"`"
        )]
    );
    assert_eq!(
        problems_of(r#"{"background": "{paper}", "use": "tiny"}"#, INK),
        [format!(
            "{at}`org.bandeau.contrast` use `tiny` is not text, large-text or ui"
        )]
    );
    assert_eq!(
        problems_of(r#"{"background": "{nope}"}"#, INK),
        [format!(
            "{at}contrast background `{{nope}}` does not exist (in default)"
        )]
    );
    assert_eq!(
        problems_of(r#"{"background": "{size}"}"#, INK),
        [format!(
            "{at}contrast background `{{size}}` is a dimension, not a colour"
        )]
    );
    assert_eq!(
        problems_of(
            r#"{"background": "{paper}"}"#,
            r#""$type": "number", "$value": 1"#
        ),
        [format!(
            "{at}`org.bandeau.contrast` is declared on a number, not a colour"
        )]
    );
}

#[test]
fn a_failing_ratio_is_never_shown_as_passing() {
    // 4.4996 fails 4.5:1; shown rounded it would read "4.50:1 is below 4.5:1".
    let r = PairResult {
        foreground: "fg".into(),
        background: "bg".into(),
        usage: Use::Text,
        permutation: "default".into(),
        ratio: 4.4996,
    };
    assert!(!r.passes());
    let c = pair(0x77, "text");
    let d = failures(&c, std::slice::from_ref(&r));
    assert!(
        d[0].message.starts_with("contrast 4.49:1 on `bg`"),
        "{}",
        d[0]
    );
    let t = table(&[r]);
    assert!(t.contains("4.49:1") && !t.contains("4.50:1"), "{t}");
}

#[test]
fn the_minimum_itself_passes() {
    let r = |ratio| PairResult {
        foreground: "fg".into(),
        background: "bg".into(),
        usage: Use::Text,
        permutation: "default".into(),
        ratio,
    };
    assert!(r(4.5).passes());
    assert!(r(4.50001).passes());
    assert!(!r(4.49).passes());
}
