//! The DTCG 2025.10 format rules: what is a token and what a group, names,
//! how a token's type is settled, metadata, references, `$extends` and
//! merging several files.

mod common;

use bandeau_tokens::{compile, Deprecated, Severity, Source, Type};
use common::*;
use serde_json::json;

// ---------------------------------------------------------------------------
// Tokens and groups

#[test]
fn an_object_with_value_is_a_token_and_one_without_is_a_group() {
    let set = ok(r#"{
        "space": {"$type": "number", "sm": {"$value": 4}, "inner": {"lg": {"$value": 8}}}
    }"#);
    assert_eq!(paths(&set), ["space.sm", "space.inner.lg"]);
    assert!(set.get("space").is_none());
    assert!(set.get("space.inner").is_none());
}

#[test]
fn tokens_keep_document_order_and_their_own_position() {
    let set = ok("{\n  \"b\": {\"$type\": \"number\", \"$value\": 1},\n  \"a\": {\"$type\": \"number\", \"$value\": 2}\n}");
    assert_eq!(paths(&set), ["b", "a"]);
    let a = set.get("a").unwrap();
    assert_eq!((a.file.as_str(), a.line, a.column), (FILE, 3, 8));
    assert_eq!(set.by_index(a.index).path, "a");
}

#[test]
fn a_token_with_children_is_an_error_naming_the_child() {
    let d = only_error(
        r#"{"size": {"$type": "number", "$value": 1, "large": {"$value": 2}}}"#,
        "a token cannot have children: `large` is inside a token",
    );
    assert_eq!(d.path.as_deref(), Some("size"));
}

#[test]
fn a_group_member_that_is_neither_token_nor_group_is_an_error() {
    let d = only_error(
        r#"{"g": {"$type": "number", "x": 5}}"#,
        "expected a token (object with `$value`) or a group object, found a number",
    );
    assert_eq!(d.path.as_deref(), Some("g.x"));
}

#[test]
fn value_outside_a_token_object_is_an_error() {
    only_error(
        r#"{"$type": "number", "$value": 1}"#,
        "`$value` must be inside a token object",
    );
}

#[test]
fn an_empty_document_has_no_tokens() {
    assert!(ok("{}").is_empty());
}

#[test]
fn a_document_that_is_not_an_object_is_an_error() {
    only_error("[1, 2]", "expected a group object, found an array");
}

// ---------------------------------------------------------------------------
// Names

#[test]
fn names_with_dot_or_braces_are_rejected() {
    for (name, ch) in [("a.b", "."), ("a{b", "{"), ("a}b", "}")] {
        let text = format!(r#"{{"g": {{"{name}": {{"$type": "number", "$value": 1}}}}}}"#);
        let d = only_error(&text, &format!("name `{name}` must not contain `{ch}`"));
        assert_eq!(d.path.as_deref(), Some(format!("g.{name}").as_str()));
    }
}

#[test]
fn a_group_name_with_a_dot_is_rejected_too() {
    only_error(
        r#"{"a.b": {"c": {"$type": "number", "$value": 1}}}"#,
        "name `a.b` must not contain `.`",
    );
}

#[test]
fn empty_names_are_rejected() {
    only_error(
        r#"{"": {"$type": "number", "$value": 1}}"#,
        "empty names are not allowed",
    );
}

#[test]
fn other_characters_are_allowed_in_names() {
    let set = ok(r#"{"g": {"$type": "number",
        "1/2": {"$value": 1}, "with space": {"$value": 2}, "ümlaut-ß_x": {"$value": 3}, "a~b": {"$value": 4}}}"#);
    assert_eq!(
        paths(&set),
        ["g.1/2", "g.with space", "g.ümlaut-ß_x", "g.a~b"]
    );
}

#[test]
fn unknown_token_property_suggests_the_nearest() {
    let d = only_error(
        r#"{"t": {"$type": "number", "$value": 1, "$descripton": "x"}}"#,
        "unknown token property `$descripton` (did you mean `$description`?)",
    );
    assert_eq!(d.path.as_deref(), Some("t"));
}

#[test]
fn unknown_group_property_suggests_the_nearest() {
    only_error(
        r#"{"g": {"$tpye": "number", "t": {"$type": "number", "$value": 1}}}"#,
        "unknown group property `$tpye` (did you mean `$type`?)",
    );
}

#[test]
fn a_misspelt_value_suggests_value() {
    // Without `$value` the object is a group, so the typo shows up as an
    // unknown group property; the hint must still lead back to `$value`.
    only_error(
        r#"{"t": {"$type": "number", "$vaule": 1}}"#,
        "unknown group property `$vaule` (did you mean `$value`?)",
    );
}

#[test]
fn unknown_property_far_from_any_known_one_has_no_hint() {
    let d = only_error(
        r#"{"t": {"$type": "number", "$value": 1, "$zzzzzzzz": 1}}"#,
        "unknown token property `$zzzzzzzz`",
    );
    assert!(!d.message.contains("did you mean"), "{d}");
}

#[test]
fn schema_is_allowed_at_the_root() {
    let set = ok(
        r#"{"$schema": "https://www.designtokens.org/schemas/2025.10/format.json",
            "n": {"$type": "number", "$value": 1}}"#,
    );
    assert_eq!(paths(&set), ["n"]);
}

#[test]
fn schema_inside_a_group_is_an_unknown_property() {
    only_error(
        r#"{"g": {"$schema": "x", "n": {"$type": "number", "$value": 1}}}"#,
        "unknown group property `$schema`",
    );
}

// ---------------------------------------------------------------------------
// Types

#[test]
fn explicit_type_is_used() {
    let set = ok(r#"{"g": {"$type": "dimension", "n": {"$type": "number", "$value": 2}}}"#);
    assert_eq!(set.get("g.n").unwrap().ty, Type::Number);
}

#[test]
fn an_alias_takes_its_targets_type() {
    let set = ok(&format!(
        r#"{{"c": {{"$type": "color", "$value": {}}}, "a": {{"$value": "{{c}}"}}}}"#,
        srgb(1.0, 0.0, 0.0)
    ));
    assert_eq!(set.get("a").unwrap().ty, Type::Color);
}

#[test]
fn an_alias_type_comes_before_the_group_type() {
    // Type resolution order: explicit, then the alias target, then groups.
    let set = ok(r#"{
        "n": {"$type": "number", "$value": 3},
        "dims": {"$type": "dimension", "x": {"$value": "{n}"}}
    }"#);
    assert_eq!(set.get("dims.x").unwrap().ty, Type::Number);
}

#[test]
fn the_nearest_group_type_applies_and_inner_wins() {
    let set = ok(r#"{
        "outer": {"$type": "number",
            "a": {"$value": 1},
            "inner": {"$type": "fontWeight", "b": {"$value": "bold"},
                "deeper": {"c": {"$value": 300}}}}
    }"#);
    assert_eq!(set.get("outer.a").unwrap().ty, Type::Number);
    assert_eq!(set.get("outer.inner.b").unwrap().ty, Type::FontWeight);
    assert_eq!(
        set.get("outer.inner.deeper.c").unwrap().ty,
        Type::FontWeight
    );
}

#[test]
fn a_token_without_any_type_is_an_error() {
    let d = only_error(r#"{"n": {"$value": 4}}"#, "no type");
    assert!(d.message.contains("never guessed"), "{d}");
    assert_eq!(d.path.as_deref(), Some("n"));
}

#[test]
fn types_are_never_guessed_from_values() {
    // This value could only be a colour, yet with no `$type` it is an error.
    only_error(
        &format!(r#"{{"c": {{"$value": {}}}}}"#, srgb(1.0, 0.0, 0.0)),
        "no type",
    );
    only_error(
        r#"{"d": {"$value": {"value": 4, "unit": "px"}}}"#,
        "no type",
    );
}

#[test]
fn explicit_type_conflicting_with_the_alias_target_is_a_mismatch() {
    let d = only_error(
        r#"{"n": {"$type": "number", "$value": 3}, "d": {"$type": "dimension", "$value": "{n}"}}"#,
        "type mismatch: the token is a dimension but its alias `{n}` is a number",
    );
    assert_eq!(d.path.as_deref(), Some("d"));
}

#[test]
fn unknown_type_is_an_error_with_a_suggestion() {
    let d = only_error(
        r#"{"c": {"$type": "colour", "$value": 1}}"#,
        "unknown type `colour` (did you mean `color`?)",
    );
    assert!(
        d.message.contains("expected one of color, dimension"),
        "{d}"
    );
}

#[test]
fn a_bad_group_type_is_reported_once_not_per_token() {
    let errors = fail(r#"{"g": {"$type": "nubmer", "a": {"$value": 1}, "b": {"$value": 2}}}"#);
    assert_eq!(errors.len(), 1, "{:?}", shown(&errors));
    assert!(errors[0].message.contains("(did you mean `number`?)"));
    assert_eq!(errors[0].path.as_deref(), Some("g"));
}

#[test]
fn type_must_be_a_string() {
    only_error(
        r#"{"n": {"$type": 5, "$value": 1}}"#,
        "`$type` must be a string, found a number",
    );
}

// ---------------------------------------------------------------------------
// Metadata

#[test]
fn description_and_extensions_are_kept_untouched() {
    let set = ok(r#"{"n": {"$type": "number", "$value": 1,
        "$description": "Line one\nline \"two\" ✓",
        "$extensions": {"com.example": {"list": [1, 2.5, null, true], "nested": {"k": "v"}},
                        "org.other": "plain"}}}"#);
    let t = set.get("n").unwrap();
    assert_eq!(t.description.as_deref(), Some("Line one\nline \"two\" ✓"));
    assert_eq!(
        t.extensions,
        Some(
            json!({"com.example": {"list": [1, 2.5, null, true], "nested": {"k": "v"}},
                    "org.other": "plain"})
        )
    );
}

#[test]
fn tokens_without_metadata_have_none() {
    let t = ok(r#"{"n": {"$type": "number", "$value": 1}}"#);
    let t = t.get("n").unwrap();
    assert_eq!(
        (&t.description, &t.extensions, &t.deprecated),
        (&None, &None, &None)
    );
}

#[test]
fn description_and_extensions_must_have_the_right_kind() {
    only_error(
        r#"{"n": {"$type": "number", "$value": 1, "$description": 5}}"#,
        "`$description` must be a string, found a number",
    );
    only_error(
        r#"{"n": {"$type": "number", "$value": 1, "$extensions": []}}"#,
        "`$extensions` must be an object, found an array",
    );
    only_error(
        r#"{"g": {"$description": true, "n": {"$type": "number", "$value": 1}}}"#,
        "`$description` must be a string, found a boolean",
    );
}

#[test]
fn deprecated_is_true_or_a_reason() {
    let set = ok(r#"{"g": {"$type": "number",
        "a": {"$value": 1, "$deprecated": true},
        "b": {"$value": 2, "$deprecated": "use g.c"},
        "c": {"$value": 3, "$deprecated": false}}}"#);
    assert_eq!(set.get("g.a").unwrap().deprecated, Some(Deprecated::Yes));
    assert_eq!(
        set.get("g.b").unwrap().deprecated,
        Some(Deprecated::Reason("use g.c".into()))
    );
    assert_eq!(set.get("g.c").unwrap().deprecated, None);
}

#[test]
fn deprecated_is_inherited_from_groups_and_overridable_with_false() {
    let set = ok(
        r#"{"old": {"$type": "number", "$deprecated": "the old scale",
        "a": {"$value": 1},
        "kept": {"$value": 2, "$deprecated": false},
        "inner": {"b": {"$value": 3}},
        "revived": {"$deprecated": false, "c": {"$value": 4}}}}"#,
    );
    let reason = Some(Deprecated::Reason("the old scale".into()));
    assert_eq!(set.get("old.a").unwrap().deprecated, reason);
    assert_eq!(set.get("old.inner.b").unwrap().deprecated, reason);
    assert_eq!(set.get("old.kept").unwrap().deprecated, None);
    assert_eq!(set.get("old.revived.c").unwrap().deprecated, None);
}

#[test]
fn deprecated_of_the_wrong_kind_is_an_error() {
    only_error(
        r#"{"n": {"$type": "number", "$value": 1, "$deprecated": 1}}"#,
        "`$deprecated` must be true, false or a string, found a number",
    );
    only_error(
        r#"{"g": {"$deprecated": null, "n": {"$type": "number", "$value": 1}}}"#,
        "`$deprecated` must be true, false or a string, found null",
    );
}

#[test]
fn aliasing_a_deprecated_token_warns() {
    let (set, warnings) = ok_with_warnings(
        r#"{"old": {"$type": "number", "$value": 1, "$deprecated": true},
            "new": {"$value": "{old}"}}"#,
    );
    assert_eq!(value(&set, "new"), json!(1));
    assert_eq!(warnings.len(), 1, "{:?}", shown(&warnings));
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].path.as_deref(), Some("new"));
    assert!(warnings[0]
        .to_string()
        .contains("warning: new: aliases deprecated token `old`"));
}

#[test]
fn a_deprecated_token_may_alias_a_deprecated_token_quietly() {
    let (_, warnings) = ok_with_warnings(
        r#"{"old": {"$type": "number", "$deprecated": true,
            "a": {"$value": 1}, "b": {"$value": "{old.a}"}}}"#,
    );
    assert!(warnings.is_empty(), "{:?}", shown(&warnings));
}

// ---------------------------------------------------------------------------
// Curly aliases

#[test]
fn an_alias_copies_the_value_and_remembers_its_target() {
    let set = ok(r#"{"a": {"$type": "number", "$value": 7}, "b": {"$value": "{a}"}}"#);
    assert_eq!(value(&set, "b"), json!(7));
    let b = set.get("b").unwrap();
    assert_eq!(set.by_index(b.alias.unwrap()).path, "a");
    assert_eq!(set.get("a").unwrap().alias, None);
}

#[test]
fn an_alias_may_point_forward() {
    let set = ok(r#"{"b": {"$value": "{g.a}"}, "g": {"a": {"$type": "number", "$value": 7}}}"#);
    assert_eq!(value(&set, "b"), json!(7));
}

fn chain(depth: usize) -> String {
    // t0 → t1 → … → t{depth}; declared from the top of the chain down so
    // resolution has to walk the whole chain before settling t0.
    let mut s = String::from("{");
    for i in 0..depth {
        s.push_str(&format!(r#""t{i}": {{"$value": "{{t{}}}"}},"#, i + 1));
    }
    s.push_str(&format!(
        r#""t{depth}": {{"$type": "dimension", "$value": {{"value": 3, "unit": "rem"}}}}}}"#
    ));
    s
}

#[test]
fn alias_chain_of_any_depth_resolves() {
    for depth in [1, 2, 1000] {
        let set = ok(&chain(depth));
        assert_eq!(set.len(), depth + 1);
        assert_eq!(value(&set, "t0"), json!({"value": 3, "unit": "rem"}));
        assert_eq!(set.get("t0").unwrap().ty, Type::Dimension);
        let t0 = set.get("t0").unwrap();
        assert_eq!(set.by_index(t0.alias.unwrap()).path, "t1");
    }
}

#[test]
fn a_very_long_alias_chain_does_not_overflow_a_small_stack() {
    // Resolution is iterative: 20 000 links on a 256 KiB thread stack.
    let text = chain(20_000);
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let set = compile(&[Source::new(FILE, text)]).expect("compiles");
            assert_eq!(set.0.len(), 20_001);
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
}

#[test]
fn root_tokens_are_named_by_their_group() {
    let set = ok(&format!(
        r#"{{"accent": {{"$type": "color",
              "$root": {{"$value": {}}},
              "hover": {{"$value": {}}}}},
            "link": {{"$value": "{{accent.$root}}"}}}}"#,
        srgb(0.0, 0.0, 1.0),
        srgb(0.0, 0.0, 0.5)
    ));
    assert_eq!(paths(&set), ["accent.$root", "accent.hover", "link"]);
    assert_eq!(set.get("accent.$root").unwrap().ty, Type::Color);
    assert_eq!(value(&set, "link"), value(&set, "accent.$root"));
}

#[test]
fn an_alias_to_a_group_with_a_root_must_name_the_root() {
    only_error(
        r#"{"accent": {"$type": "number", "$root": {"$value": 1}}, "x": {"$value": "{accent}"}}"#,
        "`{accent}` points to a group, not a token",
    );
}

#[test]
fn root_must_be_a_token() {
    only_error(
        r#"{"g": {"$root": {"a": 1}}}"#,
        "`$root` must be a token (an object with `$value`)",
    );
}

#[test]
fn unresolvable_alias_suggests_the_nearest_path() {
    let d = only_error(
        r#"{"color": {"$type": "number", "accent": {"$value": 1}}, "x": {"$value": "{color.acent}"}}"#,
        "unresolvable alias `{color.acent}`: no token has that path (did you mean `{color.accent}`?)",
    );
    assert_eq!(d.path.as_deref(), Some("x"));
}

#[test]
fn unresolvable_alias_far_from_every_path_has_no_hint() {
    let d = only_error(
        r#"{"a": {"$type": "number", "$value": 1}, "x": {"$value": "{something.else.entirely}"}}"#,
        "unresolvable alias `{something.else.entirely}`",
    );
    assert!(!d.message.contains("did you mean"), "{d}");
}

#[test]
fn a_hint_never_rewrites_a_short_alias_whole() {
    // `{q}` is one edit from `{z}`, but that is a different name, not a typo.
    let d = only_error(
        r#"{"z": {"$type": "number", "$value": "{q}"}}"#,
        "unresolvable alias `{q}`: no token has that path",
    );
    assert!(!d.message.contains("did you mean"), "{d}");
}

#[test]
fn an_alias_to_a_group_has_its_own_message() {
    only_error(
        r#"{"g": {"$type": "number", "a": {"$value": 1}}, "x": {"$value": "{g}"}}"#,
        "`{g}` points to a group, not a token",
    );
}

#[test]
fn circular_alias_names_every_member() {
    let errors = fail(
        r#"{"a": {"$type": "number", "$value": "{b}"}, "b": {"$value": "{c}"}, "c": {"$value": "{a}"}}"#,
    );
    assert_eq!(errors.len(), 1, "{:?}", shown(&errors));
    assert!(
        errors[0].message.contains("circular alias: a → b → c → a"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_self_alias_is_circular() {
    only_error(
        r#"{"a": {"$type": "number", "$value": "{a}"}}"#,
        "circular alias: a → a",
    );
}

#[test]
fn a_token_depending_on_a_cycle_is_not_reported_again() {
    let errors = fail(
        r#"{"x": {"$value": "{a}"}, "a": {"$type": "number", "$value": "{b}"}, "b": {"$value": "{a}"}}"#,
    );
    assert_eq!(errors.len(), 1, "{:?}", shown(&errors));
    assert!(errors[0].message.contains("circular alias: a → b → a"));
}

#[test]
fn a_malformed_alias_is_an_error() {
    only_error(
        r#"{"a": {"$type": "number", "$value": "{a..b}"}}"#,
        "malformed alias `{a..b}`",
    );
}

// ---------------------------------------------------------------------------
// `$ref` JSON pointers

#[test]
fn ref_pointer_to_a_token_is_an_alias() {
    let set = ok(r##"{"a": {"b": {"$type": "number", "$value": 5}},
        "x": {"$value": {"$ref": "#/a/b"}},
        "y": {"$value": {"$ref": "#/a/b/$value"}}}"##);
    assert_eq!(value(&set, "x"), json!(5));
    assert_eq!(value(&set, "y"), json!(5));
    assert_eq!(set.get("x").unwrap().ty, Type::Number);
    assert_eq!(
        set.by_index(set.get("y").unwrap().alias.unwrap()).path,
        "a.b"
    );
}

#[test]
fn ref_pointer_reaches_into_a_colour_component() {
    let set = ok(r##"{
        "base": {"$type": "color", "$value": {"colorSpace": "oklch", "components": [0.62, 0.19, 264]}},
        "hue": {"$type": "number", "$value": {"$ref": "#/base/$value/components/2"}},
        "shifted": {"$type": "color", "$value": {"colorSpace": "oklch",
            "components": [0.4, {"$ref": "#/base/$value/components/1"}, {"$ref": "#/base/$value/components/2"}]}}
    }"##);
    assert_eq!(value(&set, "hue"), json!(264));
    assert_eq!(
        value(&set, "shifted"),
        json!({"colorSpace": "oklch", "components": [0.4, 0.19, 264.0]})
    );
}

#[test]
fn ref_pointer_into_a_composite_member() {
    let set = ok(r##"{
        "border": {"$type": "border", "$value": {"color": {"colorSpace": "srgb", "components": [0, 0, 0]},
            "width": {"value": 2, "unit": "px"}, "style": "solid"}},
        "w": {"$type": "dimension", "$value": {"$ref": "#/border/$value/width"}}
    }"##);
    assert_eq!(value(&set, "w"), json!({"value": 2, "unit": "px"}));
}

#[test]
fn ref_pointer_unescapes_tilde_and_slash() {
    let set = ok(r##"{"a~b": {"c/d": {"$type": "number", "$value": 9}},
        "x": {"$value": {"$ref": "#/a~0b/c~1d"}}}"##);
    assert_eq!(value(&set, "x"), json!(9));
}

#[test]
fn ref_pointer_to_a_root_token() {
    let set = ok(r##"{"g": {"$type": "number", "$root": {"$value": 2}},
        "x": {"$value": {"$ref": "#/g/$root"}}, "y": {"$value": "{g.$root}"}}"##);
    assert_eq!(value(&set, "x"), json!(2));
    assert_eq!(value(&set, "y"), json!(2));
}

#[test]
fn ref_pointer_to_a_missing_part_of_a_value_is_an_error() {
    only_error(
        r##"{"base": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [1, 0, 0]}},
            "n": {"$type": "number", "$value": {"$ref": "#/base/$value/components/7"}}}"##,
        "`$ref` reaches `7` inside the value of `base`, which does not exist",
    );
}

#[test]
fn ref_pointer_to_a_missing_token_is_unresolvable() {
    only_error(
        r##"{"a": {"$type": "number", "$value": 1}, "x": {"$value": {"$ref": "#/b"}}}"##,
        "unresolvable alias `{b}`",
    );
}

#[test]
fn ref_pointers_to_other_documents_are_rejected() {
    only_error(
        r##"{"x": {"$type": "number", "$value": {"$ref": "other.json#/a"}}}"##,
        "must start with `#/`",
    );
}

#[test]
fn ref_pointer_to_token_metadata_is_rejected() {
    only_error(
        r##"{"a": {"$type": "number", "$value": 1}, "x": {"$type": "number", "$value": {"$ref": "#/a/$type"}}}"##,
        "must point to a token or into its `$value`",
    );
}

#[test]
fn ref_object_with_other_members_is_rejected() {
    only_error(
        r##"{"a": {"$type": "number", "$value": 1}, "x": {"$value": {"$ref": "#/a", "extra": 1}}}"##,
        "a `$ref` object must have no other members",
    );
}

#[test]
fn ref_must_be_a_string() {
    only_error(
        r##"{"x": {"$type": "number", "$value": {"$ref": 3}}}"##,
        "`$ref` must be a string holding a JSON Pointer",
    );
}

// ---------------------------------------------------------------------------
// `$extends`

const BUTTON: &str = r##"{
  "button": {
    "$type": "dimension",
    "padding": {"$value": {"value": 8, "unit": "px"}},
    "radius": {"$value": {"value": 4, "unit": "px"}},
    "size": {"sm": {"$value": {"value": 24, "unit": "px"}}, "lg": {"$value": {"value": 40, "unit": "px"}}}
  },
  "big": {
    "$extends": "{button}",
    "padding": {"$value": {"value": 16, "unit": "px"}},
    "size": {"lg": {"$value": {"value": 56, "unit": "px"}}, "xl": {"$value": {"value": 72, "unit": "px"}}}
  }
}"##;

#[test]
fn extends_deep_merges_with_local_winning() {
    let set = ok(BUTTON);
    let px = |n: i32| json!({"value": n, "unit": "px"});
    assert_eq!(value(&set, "big.padding"), px(16));
    assert_eq!(value(&set, "big.radius"), px(4));
    assert_eq!(value(&set, "big.size.sm"), px(24));
    assert_eq!(value(&set, "big.size.lg"), px(56));
    assert_eq!(value(&set, "big.size.xl"), px(72));
    // The inherited group `$type` types the local tokens as well.
    assert_eq!(set.get("big.padding").unwrap().ty, Type::Dimension);
    // The base is untouched.
    assert_eq!(value(&set, "button.size.lg"), px(40));
    assert!(set.get("button.size.xl").is_none());
}

#[test]
fn extends_local_group_type_wins() {
    let set = ok(r#"{"a": {"$type": "number", "x": {"$value": 1}},
        "b": {"$extends": "{a}", "$type": "fontWeight", "y": {"$value": 700}}}"#);
    assert_eq!(set.get("b.y").unwrap().ty, Type::FontWeight);
    assert_eq!(set.get("b.x").unwrap().ty, Type::FontWeight);
    assert_eq!(set.get("a.x").unwrap().ty, Type::Number);
}

#[test]
fn extends_accepts_a_ref_pointer() {
    let set = ok(
        r##"{"a": {"$type": "number", "x": {"$value": 1}}, "b": {"$extends": {"$ref": "#/a"}}}"##,
    );
    assert_eq!(value(&set, "b.x"), json!(1));
}

#[test]
fn extends_of_extends_is_followed() {
    // Declared in reverse so the order of application matters.
    let set = ok(r#"{
        "c": {"$extends": "{b}", "z": {"$value": 3}},
        "b": {"$extends": "{a}", "y": {"$value": 2}, "x": {"$value": 20}},
        "a": {"$type": "number", "x": {"$value": 1}}
    }"#);
    assert_eq!(value(&set, "c.x"), json!(20));
    assert_eq!(value(&set, "c.y"), json!(2));
    assert_eq!(value(&set, "c.z"), json!(3));
    assert_eq!(value(&set, "b.x"), json!(20));
}

#[test]
fn extends_cycle_is_an_error() {
    let errors = fail(
        r#"{
        "a": {"$extends": "{b}", "$type": "number", "x": {"$value": 1}},
        "b": {"$extends": "{a}", "y": {"$value": 2}}
    }"#,
    );
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .any(|d| d.message.contains("circular `$extends`")),
        "{:?}",
        shown(&errors)
    );
}

#[test]
fn extends_into_itself_is_an_error() {
    only_error(
        r#"{"a": {"$extends": "{a.inner}", "inner": {"$type": "number", "x": {"$value": 1}}}}"#,
        "circular `$extends`: `a` cannot extend `a.inner`",
    );
}

#[test]
fn extending_a_token_is_an_error() {
    only_error(
        r#"{"t": {"$type": "number", "$value": 1}, "g": {"$extends": "{t}"}}"#,
        "`$extends` must name a group, but `t` is a token",
    );
}

#[test]
fn extending_a_missing_group_is_an_error() {
    let d = only_error(
        r#"{"g": {"$extends": "{nope}", "x": {"$type": "number", "$value": 1}}}"#,
        "`$extends` target `nope` does not exist",
    );
    assert_eq!(d.path.as_deref(), Some("g"));
}

#[test]
fn extends_must_be_a_reference() {
    only_error(
        r#"{"g": {"$extends": "button"}}"#,
        "`$extends` must be a group reference like \"{base.button}\", found a string",
    );
}

// ---------------------------------------------------------------------------
// Several files

#[test]
fn files_merge_in_order_and_later_wins() {
    let (set, _) = compile(&[
        Source::new(
            "base.json",
            r#"{"n": {"$type": "number", "a": {"$value": 1}, "b": {"$value": 2}}}"#,
        ),
        Source::new(
            "over.json",
            r#"{"n": {"b": {"$value": 20}, "c": {"$value": 30}}}"#,
        ),
    ])
    .unwrap();
    assert_eq!(paths(&set), ["n.a", "n.b", "n.c"]);
    assert_eq!(value(&set, "n.b"), json!(20));
    // The group `$type` from the first file types tokens added by the second.
    assert_eq!(set.get("n.c").unwrap().ty, Type::Number);
    assert_eq!(set.get("n.b").unwrap().file, "over.json");
    assert_eq!(set.get("n.a").unwrap().file, "base.json");
}

#[test]
fn a_later_file_replaces_a_token_whole() {
    let (set, _) = compile(&[
        Source::new(
            "a.json",
            r#"{"t": {"$type": "number", "$value": 1, "$description": "old"}}"#,
        ),
        Source::new("b.json", r#"{"t": {"$type": "number", "$value": 2}}"#),
    ])
    .unwrap();
    assert_eq!(value(&set, "t"), json!(2));
    assert_eq!(set.get("t").unwrap().description, None);
}

#[test]
fn aliases_cross_files_both_ways() {
    let (set, _) = compile(&[
        Source::new(
            "a.json",
            r#"{"x": {"$type": "number", "$value": 1}, "y": {"$value": "{z}"}}"#,
        ),
        Source::new("b.json", r#"{"z": {"$type": "number", "$value": "{x}"}}"#),
    ])
    .unwrap();
    assert_eq!(value(&set, "y"), json!(1));
}

#[test]
fn an_alias_sees_the_value_from_the_last_file() {
    let (set, _) = compile(&[
        Source::new(
            "a.json",
            r#"{"x": {"$type": "number", "$value": 1}, "y": {"$value": "{x}"}}"#,
        ),
        Source::new("b.json", r#"{"x": {"$type": "number", "$value": 2}}"#),
    ])
    .unwrap();
    assert_eq!(value(&set, "y"), json!(2));
}

#[test]
fn errors_name_the_file_and_position_they_are_in() {
    let errors = fail_all(&[
        Source::new("a.json", "{\n  \"x\": {\"$type\": \"number\", \"$value\": 1}\n}"),
        Source::new(
            "b.json",
            "{\n  \"y\": {\"$type\": \"number\", \"$value\": 2},\n  \"z\": {\"$type\": \"number\", \"$value\": \"{q}\"}\n}",
        ),
    ]);
    assert_eq!(
        shown(&errors),
        ["b.json:3:38: z: unresolvable alias `{q}`: no token has that path"]
    );
}

#[test]
fn a_token_overridden_by_a_later_file_is_not_checked() {
    // The first file's broken token is replaced before it is ever resolved.
    let (set, _) = compile(&[
        Source::new("a.json", r#"{"x": {"$type": "number", "$value": "oops"}}"#),
        Source::new("b.json", r#"{"x": {"$type": "number", "$value": 3}}"#),
    ])
    .unwrap();
    assert_eq!(value(&set, "x"), json!(3));
}

#[test]
fn an_alias_may_point_to_an_inherited_token() {
    let set = ok(r#"{"a": {"$type": "number", "x": {"$value": 1}},
        "b": {"$extends": "{a}"}, "y": {"$value": "{b.x}"}}"#);
    assert_eq!(value(&set, "y"), json!(1));
}

#[test]
fn a_broken_token_in_an_extended_group_is_reported_once_where_it_is_written() {
    let errors = fail(
        r#"{"a": {"$type": "number", "x": {"$value": "one"}}, "b": {"$extends": "{a}"}, "c": {"$extends": "{b}"}}"#,
    );
    assert_eq!(
        shown(&errors),
        ["t.tokens.json:1:43: a.x: a number token must be a number, found a string"]
    );
}
